/**
 * Results of a consultation, by channel (en línea / presencial) and optionally for one colonia:
 * counts and percentages per option, the Borda count of rankings, the mean, median and
 * distribution of scales, and how many text answers there are (listed apart, paginated).
 *
 * Borda count: with n options, a ranking gives n−1 points to its first place, n−2 to the second…
 * and 0 to the last; an option's score is the sum over every ranking. It rewards options that
 * many people place high, not only those placed first.
 */
import type { Executor } from "../../platform/db/database.js";
import type { Question } from "./questions.js";
import type { Channel } from "./tables.js";
import "./tables.js";

export interface ChannelCounts {
  online: number;
  in_person: number;
  total: number;
}

const zero = (): ChannelCounts => ({ online: 0, in_person: 0, total: 0 });
const add = (c: ChannelCounts, channel: Channel, n = 1) => {
  c[channel] += n;
  c.total += n;
};

export interface OptionResult {
  index: number;
  label: string;
  counts: ChannelCounts;
}

export interface BordaResult {
  index: number;
  label: string;
  points: ChannelCounts;
  /** Mean place (1 = first) over every ranking. */
  averagePlace: number | null;
}

export interface ScaleResult {
  distribution: { value: number; counts: ChannelCounts }[];
  mean: number | null;
  median: number | null;
  meanByChannel: { online: number | null; in_person: number | null };
}

export interface QuestionResult {
  question: Question;
  /** Respondents who answered this question, per channel: the base of every percentage. */
  answered: ChannelCounts;
  options?: OptionResult[];
  borda?: BordaResult[];
  scale?: ScaleResult;
}

export interface ConsultationResults {
  respondents: ChannelCounts;
  questions: QuestionResult[];
}

/** Share of a part in a whole, as a percentage with one decimal; 0 when the whole is 0. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const mean = (values: number[]) => (values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null);

export async function computeResults(db: Executor, municipalityId: number, consultationId: number, questions: Question[], filter: { coloniaId?: number | null } = {}): Promise<ConsultationResults> {
  let responses = db
    .selectFrom("consultation_responses")
    .select(["channel", (eb) => eb.fn.countAll<string>().as("n")])
    .where("municipality_id", "=", municipalityId)
    .where("consultation_id", "=", consultationId);
  let answers = db
    .selectFrom("consultation_answers as a")
    .innerJoin("consultation_responses as r", (j) => j.onRef("r.municipality_id", "=", "a.municipality_id").onRef("r.id", "=", "a.response_id"))
    .select(["a.question_id", "a.choices", "a.scale_value", "r.channel"])
    .where("a.municipality_id", "=", municipalityId)
    .where("r.consultation_id", "=", consultationId);
  if (filter.coloniaId) {
    responses = responses.where("colonia_id", "=", filter.coloniaId);
    answers = answers.where("r.colonia_id", "=", filter.coloniaId);
  }
  const respondents = zero();
  for (const r of await responses.groupBy("channel").execute()) add(respondents, r.channel, Number(r.n));

  const byQuestion = new Map<number, { channel: Channel; choices: number[] | null; scale: number | null }[]>();
  for (const a of await answers.execute()) {
    const list = byQuestion.get(a.question_id) ?? [];
    list.push({ channel: a.channel, choices: a.choices, scale: a.scale_value });
    byQuestion.set(a.question_id, list);
  }

  const results = questions.map((question): QuestionResult => {
    const rows = byQuestion.get(question.id) ?? [];
    const answered = zero();
    for (const r of rows) add(answered, r.channel);
    if (question.kind === "single" || question.kind === "multiple") {
      const options = question.options.map((label, index) => ({ index, label, counts: zero() }));
      for (const r of rows) for (const i of r.choices ?? []) if (options[i]) add(options[i]!.counts, r.channel);
      return { question, answered, options };
    }
    if (question.kind === "ranking") {
      const n = question.options.length;
      const borda = question.options.map((label, index) => ({ index, label, points: zero(), places: [] as number[] }));
      for (const r of rows) {
        (r.choices ?? []).forEach((option, place) => {
          const b = borda[option];
          if (!b) return;
          add(b.points, r.channel, n - 1 - place);
          b.places.push(place + 1);
        });
      }
      const ranked = borda
        .map(({ places, ...b }) => ({ ...b, averagePlace: places.length ? Math.round((places.reduce((x, y) => x + y, 0) / places.length) * 100) / 100 : null }))
        .sort((a, b) => b.points.total - a.points.total || a.index - b.index);
      return { question, answered, borda: ranked };
    }
    if (question.kind === "scale") {
      const values = rows.filter((r) => r.scale !== null);
      const distribution: ScaleResult["distribution"] = [];
      for (let v = question.scaleMin!; v <= question.scaleMax!; v++) distribution.push({ value: v, counts: zero() });
      for (const r of values) {
        const d = distribution.find((x) => x.value === r.scale);
        if (d) add(d.counts, r.channel);
      }
      const all = values.map((r) => r.scale!);
      return {
        question,
        answered,
        scale: {
          distribution,
          mean: mean(all),
          median: median(all),
          meanByChannel: { online: mean(values.filter((r) => r.channel === "online").map((r) => r.scale!)), in_person: mean(values.filter((r) => r.channel === "in_person").map((r) => r.scale!)) },
        },
      };
    }
    return { question, answered };
  });
  return { respondents, questions: results };
}

export interface TextAnswer {
  respondentNumber: number;
  channel: Channel;
  text: string;
}

/** The text answers to one question, newest respondent first, a page at a time (never who wrote them). */
export async function textAnswers(db: Executor, municipalityId: number, consultationId: number, questionId: number, page: { page: number; perPage: number; coloniaId?: number | null }): Promise<{ rows: TextAnswer[]; total: number }> {
  let q = db
    .selectFrom("consultation_answers as a")
    .innerJoin("consultation_responses as r", (j) => j.onRef("r.municipality_id", "=", "a.municipality_id").onRef("r.id", "=", "a.response_id"))
    .where("a.municipality_id", "=", municipalityId)
    .where("r.consultation_id", "=", consultationId)
    .where("a.question_id", "=", questionId)
    .where("a.text_value", "is not", null);
  if (page.coloniaId) q = q.where("r.colonia_id", "=", page.coloniaId);
  const total = Number((await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select(["r.respondent_number", "r.channel", "a.text_value"])
    .orderBy("r.respondent_number", "desc")
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage)
    .execute();
  return { rows: rows.map((r) => ({ respondentNumber: r.respondent_number, channel: r.channel, text: r.text_value! })), total };
}
