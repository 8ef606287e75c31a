import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { csvField } from "./csv.js";

describe("csvField", () => {
  it("quotes per RFC 4180", () => {
    assert.equal(csvField(null), "");
    assert.equal(csvField("sin comas"), "sin comas");
    assert.equal(csvField('dijo "hola", y se fue'), '"dijo ""hola"", y se fue"');
    assert.equal(csvField("dos\r\nlíneas"), '"dos\r\nlíneas"');
  });
  it("neutralises spreadsheet formulas but keeps numbers", () => {
    assert.equal(csvField("=HYPERLINK(\"http://x\")"), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvField("+52 55 1234"), "'+52 55 1234");
    assert.equal(csvField("@SUM(A1)"), "'@SUM(A1)");
    assert.equal(csvField("-- nota"), "'-- nota");
    assert.equal(csvField("-99.1332"), "-99.1332");
    assert.equal(csvField(-99.1332), "-99.1332");
    assert.equal(csvField(42), "42");
  });
});
