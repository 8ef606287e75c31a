import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { latestVotes, parseCsv, PolisExportError, readPolisExport, writeComments, writeParticipantsVotes, writeVotes, type PolisExport } from "./index.js";

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), "../data/polis");
const CONVERSATIONS = fs.readdirSync(DATA).filter((d) => fs.statSync(path.join(DATA, d)).isDirectory()).sort();
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "cabildo-polis-"));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

/** A copy of a real export with one file replaced (or removed with null). */
function brokenCopy(name: string, file: string, change: (text: string) => string | null): string {
  const dir = path.join(temp, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(path.join(DATA, "15-per-hour-seattle"))) fs.copyFileSync(path.join(DATA, "15-per-hour-seattle", f), path.join(dir, f));
  const changed = change(fs.readFileSync(path.join(dir, file), "utf8"));
  if (changed === null) fs.rmSync(path.join(dir, file));
  else fs.writeFileSync(path.join(dir, file), changed);
  return dir;
}

function rejects(dir: string, pattern: RegExp): void {
  assert.throws(
    () => readPolisExport(dir),
    (error: unknown) => {
      assert.ok(error instanceof PolisExportError, String(error));
      assert.match(error.message, pattern);
      return true;
    },
  );
}

describe("reading the Polis open-data exports", () => {
  it("has the six conversations copied with their README, SOURCE_COMMIT and attribution", () => {
    assert.equal(CONVERSATIONS.length, 6);
    assert.match(fs.readFileSync(path.join(DATA, "SOURCE_COMMIT"), "utf8"), /^[0-9a-f]{40}\s*$/);
    assert.match(fs.readFileSync(path.join(DATA, "ATTRIBUTION.md"), "utf8"), /CC BY 4\.0 with Attribution to The Computational Democracy Project/);
    assert.match(fs.readFileSync(path.join(DATA, "README.md"), "utf8"), /CC By 4\.0/);
  });

  for (const name of CONVERSATIONS) {
    it(`reads ${name} whole and consistent with its summary`, () => {
      const data = readPolisExport(path.join(DATA, name));
      const summary = data.summary!;
      assert.equal(data.participantsVotes!.length, Number(summary.voters));
      const groups = new Set(data.participantsVotes!.filter((p) => p.group !== null).map((p) => p.group));
      assert.equal(groups.size, Number(summary.groups));
      assert.ok(data.comments.length >= Number(summary.comments));
      const lines = fs.readFileSync(path.join(DATA, name, "votes.csv"), "utf8").trimEnd().split("\n").length;
      assert.equal(data.votes.length, lines - 1);
      const ids = new Set(data.comments.map((c) => c.id));
      assert.ok(data.votes.every((v) => ids.has(v.statement)));
    });

    it(`${name}: a vote of 1 in votes.csv is an agree in participants-votes.csv (sign convention)`, () => {
      const data = readPolisExport(path.join(DATA, name));
      const agrees = new Map<number, number>();
      const disagrees = new Map<number, number>();
      for (const v of latestVotes(data.votes)) {
        if (v.vote === 1) agrees.set(v.participant, (agrees.get(v.participant) ?? 0) + 1);
        if (v.vote === -1) disagrees.set(v.participant, (disagrees.get(v.participant) ?? 0) + 1);
      }
      const [header, ...rows] = parseCsv(fs.readFileSync(path.join(DATA, name, "participants-votes.csv"), "utf8"));
      const col = (n: string) => header!.fields.indexOf(n);
      for (const row of rows) {
        const participant = Number(row.fields[col("participant")]);
        assert.equal(Number(row.fields[col("n-agree")]), agrees.get(participant) ?? 0, `participant ${participant}`);
        assert.equal(Number(row.fields[col("n-disagree")]), disagrees.get(participant) ?? 0, `participant ${participant}`);
      }
    });
  }

  it("keeps quoted commas, quotes and line breaks of comment bodies and summary fields", () => {
    const data = readPolisExport(path.join(DATA, "vtaiwan.uberx"));
    assert.match(data.summary!["conversation-description"]!, /\n\* \[參考資料目錄\]/);
    const seattle = readPolisExport(path.join(DATA, "15-per-hour-seattle"));
    assert.match(seattle.comments.find((c) => c.id === 48)!.body, /^Businesses, small or large, shouldn't/);
  });

  it("keeps the latest vote when a participant changed their mind", () => {
    const votes = latestVotes([
      { timestamp: 2, statement: 1, voter: 5, vote: -1 },
      { timestamp: 1, statement: 1, voter: 5, vote: 1 },
      { timestamp: 3, statement: 2, voter: 5, vote: 0 },
    ]);
    assert.deepEqual(votes, [
      { participant: 5, statement: 1, vote: -1 },
      { participant: 5, statement: 2, vote: 0 },
    ]);
  });
});

describe("malformed or truncated exports", () => {
  it("a votes.csv cut in the middle of a row names the file and line", () => {
    const dir = brokenCopy("cut-votes", "votes.csv", (t) => t.slice(0, t.lastIndexOf(",") - 3));
    const lines = fs.readFileSync(path.join(dir, "votes.csv"), "utf8").split("\n").length;
    rejects(dir, new RegExp(`^votes\\.csv, línea ${lines}: se esperaban 5 campos y hay 4; el archivo está mal formado o truncado\\.$`));
  });

  it("a comments.csv cut inside a quoted body is reported as truncated", () => {
    const dir = brokenCopy("cut-comments", "comments.csv", (t) => t.slice(0, t.indexOf('"Businesses, small') + 40));
    rejects(dir, /^comments\.csv, línea 3: comillas sin cerrar \(abiertas en la línea 3\); el archivo parece truncado\.$/);
  });

  it("an impossible vote value, a vote on a missing comment and a non-numeric id are refused", () => {
    rejects(brokenCopy("bad-vote", "votes.csv", (t) => t.replace(/,0,0,0\n/, ",0,0,2\n")), /^votes\.csv, línea 2: vote debe ser 1, -1, 0 y es 2\.$/);
    rejects(brokenCopy("unknown-comment", "votes.csv", (t) => t.replace(/WIB 2014,0,0,0\n/, "WIB 2014,777,0,0\n")), /votes\.csv, línea 2: voto sobre el comentario 777, que no está en comments\.csv/);
    rejects(brokenCopy("bad-id", "votes.csv", (t) => t.replace(/WIB 2014,0,0,0\n/, "WIB 2014,0,x,0\n")), /votes\.csv, línea 2: «x» no es un número entero válido en la columna voter-id/);
    rejects(brokenCopy("bad-pv", "participants-votes.csv", (t) => t.replace("\n1,1,0,13,8,4,1,", "\n1,1,0,13,8,4,si,")), /participants-votes\.csv, línea 3: voto «si» no válido en la columna 0/);
  });

  it("a missing or empty required file, or a header without its columns, is refused", () => {
    rejects(brokenCopy("no-votes", "votes.csv", () => null), /^Falta el archivo votes\.csv en /);
    rejects(brokenCopy("empty-comments", "comments.csv", () => ""), /^comments\.csv: el archivo está vacío\.$/);
    rejects(brokenCopy("bad-header", "votes.csv", (t) => t.replace("voter-id", "who")), /^votes\.csv, línea 1: faltan las columnas voter-id\.$/);
    rejects(path.join(temp, "does-not-exist"), /^No existe la carpeta /);
  });

  it("participants-votes.csv and summary.csv are optional", () => {
    const dir = brokenCopy("no-pv", "participants-votes.csv", () => null);
    fs.rmSync(path.join(dir, "summary.csv"));
    const data = readPolisExport(dir);
    assert.equal(data.participantsVotes, null);
    assert.equal(data.summary, null);
    assert.equal(data.votes.length, 2995);
  });
});

describe("writing Polis' layouts", () => {
  it("round-trips comments, votes and participants-votes through the reader", () => {
    const comments: PolisExport["comments"] = [
      { id: 1, authorId: 10, moderated: 1, body: 'Más "parques", menos autos,\nen el centro', timestamp: 1_700_000_000_000 },
      { id: 2, authorId: 11, moderated: -1, body: "Fuera de tema", timestamp: 1_700_000_100_000 },
      { id: 3, authorId: 10, moderated: 0, body: "Transporte nocturno", timestamp: 1_700_000_200_000 },
    ];
    const votes: PolisExport["votes"] = [
      { timestamp: 1_700_000_300_000, statement: 1, voter: 20, vote: 1 },
      { timestamp: 1_700_000_400_000, statement: 1, voter: 20, vote: -1 },
      { timestamp: 1_700_000_300_000, statement: 3, voter: 20, vote: 0 },
      { timestamp: 1_700_000_300_000, statement: 1, voter: 21, vote: 1 },
    ];
    const latest = latestVotes(votes);
    const dir = path.join(temp, "round-trip");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "comments.csv"), writeComments(comments, latest));
    fs.writeFileSync(path.join(dir, "votes.csv"), writeVotes(votes));
    fs.writeFileSync(
      path.join(dir, "participants-votes.csv"),
      writeParticipantsVotes({ statementIds: [1, 2, 3], votes: latest, groupOf: new Map([[20, 1], [21, null]]), commentsBy: new Map([[10, 2]]) }),
    );
    const back = readPolisExport(dir);
    assert.deepEqual([...back.comments].sort((a, b) => a.id - b.id), comments);
    assert.deepEqual([...back.votes].sort((a, b) => a.statement - b.statement || a.voter - b.voter || a.timestamp - b.timestamp), [votes[0], votes[1], votes[3], votes[2]]);
    assert.deepEqual(back.participantsVotes, [
      { participant: 10, group: null },
      { participant: 20, group: 1 },
      { participant: 21, group: null },
    ]);
    const pv = fs.readFileSync(path.join(dir, "participants-votes.csv"), "utf8").split("\n");
    assert.equal(pv[0], "participant,group-id,n-comments,n-votes,n-agree,n-disagree,1,2,3");
    assert.equal(pv[2], "20,1,0,2,0,1,-1,,0");
    const commentsCsv = fs.readFileSync(path.join(dir, "comments.csv"), "utf8");
    assert.match(commentsCsv, /^timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n/);
    assert.match(commentsCsv, /\n1700000000000,Tue Nov 14 22:13:20 UTC 2023,1,10,1,1,1,"Más ""parques"", menos autos,\nen el centro"\n/);
    // A body a spreadsheet would run as a formula is neutralised, as in every open-data CSV.
    const risky = writeComments([{ id: 9, authorId: 1, moderated: 1, body: "=HYPERLINK(\"http://x\")", timestamp: 0 }], []);
    assert.match(risky, /,"'=HYPERLINK\(""http:\/\/x""\)"\n$/);
  });
});
