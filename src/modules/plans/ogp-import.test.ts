import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dayOrderEvidence, parseOgpDate } from "./ogp-import-dates.js";
import { draftOgpPlans, OgpImportError, readOgpCsv, selectOgpRows, type PlanDraft } from "./ogp-import.js";
import { EMAIL_MARK, PHONE_MARK, withoutContactData } from "./ogp-import-text.js";
import { SHIPPED_OGP_CSV } from "./ogp-import-service.js";
import { isStarred } from "./progress.js";

const fixturePath = path.join(path.dirname(fileURLToPath(import.meta.url)), "data/ogp/ogp-fixture-10.csv");
const fixture = fs.readFileSync(fixturePath, "utf8");
const commitment = (plans: PlanDraft[], id: string) => plans.flatMap((p) => p.commitments).find((c) => c.ogpIdentifier === id)!;

describe("OGP sheet: dates as the sheet writes them", () => {
  it("reads month-first dates, two-digit years, and day-first dates when a part is over 12", () => {
    assert.equal(parseOgpDate("1/1/2024", "start"), "2024-01-01");
    assert.equal(parseOgpDate("12/31/2022", "end"), "2022-12-31");
    assert.equal(parseOgpDate("31/12/2014", "end"), "2014-12-31");
    assert.equal(parseOgpDate("1/1/19", "start"), "2019-01-01");
    assert.equal(parseOgpDate("6/30/20", "end"), "2020-06-30");
    assert.equal(parseOgpDate("1/7/2014", "start", "dmy"), "2014-07-01");
    assert.equal(parseOgpDate("2/30/2020", "end"), null);
  });

  it("gives a month, quarter or year its first day as a start and its last day as an end", () => {
    assert.equal(parseOgpDate("July 2014", "start"), "2014-07-01");
    assert.equal(parseOgpDate("June 2016", "end"), "2016-06-30");
    assert.equal(parseOgpDate("Julio de 2018", "start"), "2018-07-01");
    assert.equal(parseOgpDate("2012", "start"), "2012-01-01");
    assert.equal(parseOgpDate("2013", "end"), "2013-12-31");
    assert.equal(parseOgpDate("Quarter 1 2014", "end"), "2014-03-31");
    assert.equal(parseOgpDate("IV quarter of 2020", "start"), "2020-10-01");
    assert.equal(parseOgpDate("February 2024", "end"), "2024-02-29");
  });

  it("undoes spreadsheet artefacts: serial numbers and years typed into date cells (shown as 1905)", () => {
    assert.equal(parseOgpDate("43525", "start"), "2019-03-01");
    assert.equal(parseOgpDate("44439", "end"), "2021-08-31");
    assert.equal(parseOgpDate("7/15/1905", "start"), "2023-01-01");
    assert.equal(parseOgpDate("7/19/1905", "end"), "2027-12-31");
  });

  it("leaves what names no day unread: NA, Ongoing, seasons", () => {
    for (const raw of ["NA", "", "Ongoing", "In progress", "Permanent activity", "Spring 2015"]) assert.equal(parseOgpDate(raw, "start"), null, raw);
  });

  it("takes the day order from the unambiguous dates around an ambiguous one", () => {
    assert.equal(dayOrderEvidence(["1/7/2014", "31/12/2016"]), "dmy");
    assert.equal(dayOrderEvidence(["08/01/2022", "2/28/2024"]), "mdy");
    assert.equal(dayOrderEvidence(["1/1/2013", "NA"]), null);
  });
});

describe("OGP sheet: reading the file", () => {
  it("reads the fixture cut from OGP's file, with or without a byte-order mark, keeping quoted commas, quotes and line breaks", () => {
    const rows = readOgpCsv(fixture);
    assert.equal(rows.length, 10);
    assert.deepEqual(readOgpCsv(`\uFEFF${fixture}`).map((r) => r.cells), rows.map((r) => r.cells));
    const ua0048 = rows.find((r) => r.cells["Commitment Unique Identifier"] === "UA0048")!;
    assert.ok(ua0048.cells["Full Text"]!.includes("\n"));
    const ua0037 = rows.find((r) => r.cells["Commitment Unique Identifier"] === "UA0037")!;
    assert.equal(ua0037.cells["Supporting Institution(s)"], 'Ministry of Culture, State Archive Service, Ministry of Justice, NGO "Centre for Researching Liberation Movement," other unspecified NGOs and international organisations');
    assert.equal(ua0037.cells["Did It Open Government (Overall)"], "Outstanding");
  });

  it("refuses a file without one of OGP's columns, naming it", () => {
    const renamed = fixture.replace("Completion (End Of Term)", "Completion EoT");
    assert.throws(() => readOgpCsv(renamed), (e: Error) => e instanceof OgpImportError && e.message.includes("faltan las columnas «Completion (End Of Term)»"));
    assert.throws(() => readOgpCsv("a,b\n1,2\n"), /no tiene el formato de compromisos de OGP/);
    assert.throws(() => readOgpCsv(""), /vacío/);
  });

  it("refuses a truncated file, naming the line of the broken record", () => {
    const lastRecordLine = fixture.split("\n").findIndex((l) => l.startsWith("MO0049,")) + 1;
    assert.ok(lastRecordLine > 100);
    const inQuotedText = fixture.slice(0, fixture.indexOf("What is the public issue") + 40);
    assert.throws(() => readOgpCsv(inQuotedText), (e: Error) => e instanceof OgpImportError && e.message.startsWith(`Línea ${lastRecordLine}:`) && /truncado/.test(e.message));
    const lastFieldCut = fixture.trimEnd().slice(0, fixture.trimEnd().lastIndexOf(","));
    assert.throws(() => readOgpCsv(lastFieldCut), new RegExp(`^OgpImportError: Línea ${lastRecordLine}: la fila tiene 170 columnas y el encabezado 171`));
  });

  it("selects plans by their OGP id and rows by country (case and accents aside), and names what the file lacks", () => {
    const rows = readOgpCsv(fixture);
    assert.equal(selectOgpRows(rows, { planIds: ["ap_ukr02"] }).length, 3);
    assert.equal(selectOgpRows(rows, { country: "jalisco, méxico" }).length, 1);
    assert.throws(() => selectOgpRows(rows, { planIds: ["AP_UKR02", "AP_XXX99"] }), /no tiene compromisos del plan AP_XXX99/);
    assert.throws(() => selectOgpRows(rows, { country: "Narnia" }), /Ningún compromiso del archivo es de «Narnia».*Ukraine/);
  });
});

describe("OGP sheet: plans, commitments and the IRM's ratings", () => {
  const plans = draftOgpPlans(readOgpCsv(fixture), "2026-06-01");

  it("groups by Action Plan ID, with Spanish titles and a period covering commitments and reports", () => {
    assert.deepEqual(plans.map((p) => [p.ogpPlanId, p.commitments.length]), [["AP_UKR02", 3], ["AP_SVK01", 2], ["AP_KEN05", 1], ["AP_LKA02", 1], ["AP_PRY04", 1], ["AP_MXJL02", 1], ["AP_MAR02", 1]]);
    const ukr = plans[0]!;
    assert.equal(ukr.slug, "ogp-ap-ukr02");
    assert.equal(ukr.title, "Plan de acción OGP Ukraine 2.º (AP_UKR02)");
    // Submitted 2014, ending 2016; the end-of-term report (2017) stretches the period to hold its checkpoint.
    assert.deepEqual([ukr.startsOn, ukr.endsOn, ukr.status], ["2014-01-01", "2017-01-01", "finalizado"]);
    assert.deepEqual(ukr.checkpoints.map((k) => [k.title, k.scheduledOn]), [["Informe de avance del IRM (2016)", "2016-01-01"], ["Informe de fin de periodo del IRM (2017)", "2017-01-01"]]);
    assert.equal(plans.find((p) => p.ogpPlanId === "AP_KEN05")!.status, "implementacion");
  });

  it("maps one commitment's fields as the CSV has them (UA0037)", () => {
    const c = commitment(plans, "UA0037");
    assert.equal(c.title, "Access to Communist-Era Archives");
    assert.equal(c.leadOfficial, "Ukranian Institute of National Remembrance");
    assert.ok(c.description.startsWith("Ensuring citizens’ unhindered access to public information"));
    // Start "NA" → the plan's start; end "31/12/2014".
    assert.deepEqual([c.startsOn, c.endsOn], ["2014-01-01", "2014-12-31"]);
    assert.deepEqual(c.relevance, { transparency: true, participation: false, accountability: false });
    assert.equal(c.ogpData["Theme"], "Ensure Access to Public Information");
    assert.equal(c.ogpData["Potential Impact"], "Transformative");
    assert.equal(c.ogpData["URL"], "https://opengovpartnership.org/members/ukraine/commitments/ua0037");
  });

  it("turns both reports' ratings into assessments on the IRM's scales, with OGP's published star (UA0037)", () => {
    const [progress, end] = commitment(plans, "UA0037").irm.assessments;
    assert.deepEqual(
      { ...progress, narrative: undefined },
      { report: "avance", year: 2016, verifiable: true, potential: "sustancial", completion: "completo", openedGovernment: null, starred: true, narrative: undefined },
    );
    assert.match(progress!.narrative, /^Valoración publicada por el IRM de OGP en su informe de avance de 2016: verificable; impacto potencial transformador .*cumplimiento completo; compromiso estelar según OGP\. Ficha del compromiso en OGP: https:\/\/opengovpartnership\.org\/members\/ukraine\/commitments\/ua0037$/);
    assert.deepEqual([end!.report, end!.year, end!.completion, end!.openedGovernment, end!.starred], ["fin", 2017, "completo", "sobresaliente", true]);
  });

  it("keeps the star OGP published for the report, and computes it only when OGP published none", () => {
    // UA0048: transformative and substantially complete but relevant to no OGP value: OGP says not starred.
    assert.deepEqual(commitment(plans, "UA0048").irm.assessments.map((a) => a.starred), [false, false]);
    // PY0052: end of term "Unclear" (no star published) → sin evidencia, computed star false.
    const [py] = commitment(plans, "PY0052").irm.assessments;
    assert.deepEqual([py!.report, py!.completion, py!.openedGovernment, py!.starred], ["fin", "sin_evidencia", null, false]);
    assert.match(py!.narrative, /OGP no publicó este dato/);
  });

  it("gives no assessment where the IRM did not rate (ND, NR), and marks a withdrawn commitment", () => {
    assert.deepEqual(commitment(plans, "KE0037").irm, { assessments: [], withdrawnIn: null });
    assert.deepEqual(commitment(plans, "LK0032").irm.assessments.map((a) => a.report), ["fin"]);
    const sk = commitment(plans, "SK0013");
    assert.deepEqual(sk.irm, { assessments: [], withdrawnIn: 2014 });
    assert.deepEqual([sk.startsOn, sk.endsOn], ["2012-01-01", "2013-06-30"]);
    assert.deepEqual([commitment(plans, "KE0037").startsOn, commitment(plans, "LK0032").endsOn], ["2024-01-01", "2021-08-31"]);
  });

  it("removes e-mail addresses and telephone numbers from OGP's texts, not dates or file numbers", () => {
    const py = commitment(plans, "PY0052");
    assert.ok(!py.description.includes("jquinonez@mitic.gov.py"));
    assert.ok(py.description.includes(`José Javier Quiñónez Cáceres, Director de Gobierno Electrónico, ${EMAIL_MARK}`));
    assert.equal(
      withoutContactData("Email and Phone amanov.suerbek@gmail.com, +996 312 638783; Phone\t0312 656493; tel: 8 618 72 994; (61) 3216-2010; 02/3112-255"),
      `Email and Phone ${EMAIL_MARK}, ${PHONE_MARK}; Phone\t${PHONE_MARK}; tel: ${PHONE_MARK}; ${PHONE_MARK}; ${PHONE_MARK}`,
    );
    const kept = "01.2023 04.2023; 15/02/2022 01/04/2022; Directorio Legislativo No. 093-20205; Law 50/1997; 2019-2021";
    assert.equal(withoutContactData(kept), kept);
  });
});

describe("OGP sheet: the shipped file", () => {
  it("maps every rated report so that Cabildo's star rule gives the star OGP published (older impact scale included)", () => {
    const plans = draftOgpPlans(readOgpCsv(fs.readFileSync(SHIPPED_OGP_CSV, "utf8")), "2026-06-01");
    let compared = 0;
    for (const c of plans.flatMap((p) => p.commitments)) {
      const relevant = c.relevance.transparency || c.relevance.participation || c.relevance.accountability;
      for (const a of c.irm.assessments) {
        const published = c.ogpData[a.report === "avance" ? "Starred (Current Formula) Progress Report" : "Starred (Current Formula) End of Term"];
        if (published !== "0" && published !== "1") continue;
        compared++;
        assert.equal(isStarred({ verifiable: a.verifiable, relevant, potential: a.potential, completion: a.completion }), published === "1", `${c.ogpIdentifier} ${a.report}`);
      }
    }
    assert.equal(compared, 377);
  });
});
