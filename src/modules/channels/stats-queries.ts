/**
 * Read models of the staff dashboard by channel and colonia: every number is an aggregate computed
 * in SQL from the stored requests and proposals (counts, on-time share against due_at, median
 * business days to attend). Staff only: nothing here reads a contact, and assisted filings are
 * counted, never named.
 */
import { sql, type RawBuilder } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { OPEN_STATUSES } from "../requests/status.js";
import { CHANNELS as REQUEST_CHANNELS, type Channel } from "../requests/tables.js";
import { PROPOSAL_CHANNELS, type ProposalChannel } from "../proposals/tables.js";
import { ATTENDED_SQL, businessDaysToAttend, nonBusinessDates } from "./stats-business-days.js";
import "./assisted-tables.js";

export interface StatsMunicipality {
  id: number;
  timeZone: string;
}

export interface ChannelStatsFilters {
  /** Local dates (YYYY-MM-DD) in the municipality's time zone, both inclusive. */
  from: LocalDate | null;
  to: LocalDate | null;
  serviceId: number | null;
}

export interface ChannelFigures {
  channel: Channel;
  received: number;
  open: number;
  /** Attended, or closed without an attended date. */
  attended: number;
  /** Of the attended, those attended by their due time. */
  onTime: number;
  /** Share of the attended that were on time (0–100), null when none was attended. */
  onTimePercent: number | null;
  /** Median business days from receipt to attention, null when none was attended. */
  medianBusinessDays: number | null;
}

export interface ColoniaChannelRow {
  colonia: string | null;
  total: number;
  byChannel: Record<Channel, number>;
}

export interface ProcessChannelRow {
  process: { slug: string; title: string };
  total: number;
  byChannel: Record<ProposalChannel, number>;
}

const num = (v: unknown): number => Number(v ?? 0);
const median = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
const column = (prefix: string, channel: string) => sql.ref(`${prefix}_${channel}`);

/** The requests the filters select (alias r): this municipality always, then the period by local day and the service. */
function requestWhere(m: StatsMunicipality, f: ChannelStatsFilters): RawBuilder<boolean> {
  const parts = [sql`r.municipality_id = ${m.id}`];
  if (f.serviceId !== null) parts.push(sql`r.service_id = ${f.serviceId}`);
  if (f.from) parts.push(sql`r.created_at >= (${f.from}::date)::timestamp at time zone ${m.timeZone}`);
  if (f.to) parts.push(sql`r.created_at < (${f.to}::date + 1)::timestamp at time zone ${m.timeZone}`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** Every channel, in the catalogue's order, with zeros for channels that received nothing; and the total. */
export async function requestsByChannel(db: Executor, m: StatsMunicipality, f: ChannelStatsFilters): Promise<{ rows: ChannelFigures[]; total: Omit<ChannelFigures, "channel"> }> {
  const nonBusiness = await nonBusinessDates(db, m);
  const days = businessDaysToAttend(m.timeZone, nonBusiness);
  const result = await sql<{ channel: Channel | null; received: string; open: string; attended: string; on_time: string; median_days: number | null }>`
    with facts as (
      select r.channel, r.status, r.due_at, coalesce(r.attended_at, r.closed_at) as done_at, ${ATTENDED_SQL} as attended, ${days} as days
        from service_requests r
       where ${requestWhere(m, f)}
    )
    select channel,
           count(*) as received,
           count(*) filter (where status in (${sql.join(OPEN_STATUSES)})) as open,
           count(*) filter (where attended) as attended,
           count(*) filter (where attended and done_at <= due_at) as on_time,
           percentile_cont(0.5) within group (order by days) as median_days
      from facts
     group by grouping sets ((channel), ())`.execute(db);
  // The grand total is the grouping set without a channel (the column is never null otherwise).
  const figures = (channel: Channel | null): Omit<ChannelFigures, "channel"> => {
    const row = result.rows.find((r) => r.channel === channel);
    const attended = num(row?.attended);
    const onTime = num(row?.on_time);
    return {
      received: num(row?.received),
      open: num(row?.open),
      attended,
      onTime,
      onTimePercent: percent(onTime, attended),
      medianBusinessDays: median(row?.median_days),
    };
  };
  return { rows: REQUEST_CHANNELS.map((channel) => ({ channel, ...figures(channel) })), total: figures(null) };
}

/** Requests filed by staff on someone's behalf, per channel. */
export async function assistedByChannel(db: Executor, m: StatsMunicipality, f: ChannelStatsFilters): Promise<{ channel: Channel; assisted: number }[]> {
  const rows = await sql<{ channel: Channel; n: string }>`
    select r.channel, count(*) as n
      from service_requests r
      left join assisted_filings a on a.municipality_id = r.municipality_id and a.request_id = r.id
     where ${requestWhere(m, f)} and (r.assisted_by_user_id is not null or a.request_id is not null)
     group by r.channel`.execute(db);
  return REQUEST_CHANNELS.map((channel) => ({ channel, assisted: num(rows.rows.find((r) => r.channel === channel)?.n) })).filter((r) => r.assisted > 0);
}

/** Assisted filings per office where they happened (null: on the phone or no office given), most first. */
export async function assistedByOffice(db: Executor, m: StatsMunicipality, f: ChannelStatsFilters): Promise<{ office: string | null; assisted: number }[]> {
  const rows = await sql<{ office: string | null; n: string }>`
    select o.name as office, count(*) as n
      from assisted_filings a
      join service_requests r on r.municipality_id = a.municipality_id and r.id = a.request_id
      left join service_offices o on o.municipality_id = a.municipality_id and o.id = a.office_id
     where ${requestWhere(m, f)}
     group by o.name
     order by count(*) desc, o.name nulls last`.execute(db);
  return rows.rows.map((r) => ({ office: r.office, assisted: num(r.n) }));
}

/**
 * Requests by colonia × channel, colonias with the most requests first ("sin colonia" is one row
 * among them); one page, or every row when `page` is null (the CSV).
 */
export async function requestsByColoniaAndChannel(
  db: Executor,
  m: StatsMunicipality,
  f: ChannelStatsFilters,
  page: { page: number; perPage: number } | null,
): Promise<{ rows: ColoniaChannelRow[]; total: number }> {
  const perChannel = REQUEST_CHANNELS.map((c) => sql`count(*) filter (where r.channel = ${c}) as ${column("ch", c)}`);
  const limit = page ? sql`limit ${page.perPage} offset ${(page.page - 1) * page.perPage}` : sql``;
  const [result, count] = await Promise.all([
    sql<Record<string, string | null> & { colonia: string | null; total: string }>`
      select c.name as colonia, count(*) as total, ${sql.join(perChannel)}
        from service_requests r
        left join colonias c on c.municipality_id = r.municipality_id and c.id = r.colonia_id
       where ${requestWhere(m, f)}
       group by c.id, c.name
       order by count(*) desc, c.name nulls last
       ${limit}`.execute(db),
    sql<{ n: string }>`select count(distinct coalesce(r.colonia_id, 0)) as n from service_requests r where ${requestWhere(m, f)}`.execute(db),
  ]);
  return {
    rows: result.rows.map((r) => ({
      colonia: r.colonia,
      total: num(r.total),
      byChannel: Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, num(r[`ch_${c}`])])) as Record<Channel, number>,
    })),
    total: num(count.rows[0]?.n),
  };
}

/** Proposals by process × channel (every proposal, hidden and merged ones too), newest process first. */
export async function proposalsByChannel(
  db: Executor,
  m: StatsMunicipality,
  f: Pick<ChannelStatsFilters, "from" | "to">,
  page: { page: number; perPage: number },
): Promise<{ rows: ProcessChannelRow[]; total: number }> {
  const perChannel = PROPOSAL_CHANNELS.map((c) => sql`count(*) filter (where p.channel = ${c}) as ${column("ch", c)}`);
  const parts = [sql`p.municipality_id = ${m.id}`];
  if (f.from) parts.push(sql`p.created_at >= (${f.from}::date)::timestamp at time zone ${m.timeZone}`);
  if (f.to) parts.push(sql`p.created_at < (${f.to}::date + 1)::timestamp at time zone ${m.timeZone}`);
  const where = sql.join(parts, sql` and `);
  const [result, count] = await Promise.all([
    sql<Record<string, string> & { slug: string; title: string; total: string }>`
      select pp.slug, pp.title, count(*) as total, ${sql.join(perChannel)}
        from proposals p
        join participatory_processes pp on pp.municipality_id = p.municipality_id and pp.id = p.process_id
       where ${where}
       group by pp.id, pp.slug, pp.title
       order by pp.id desc
       limit ${page.perPage} offset ${(page.page - 1) * page.perPage}`.execute(db),
    sql<{ n: string }>`select count(distinct p.process_id) as n from proposals p where ${where}`.execute(db),
  ]);
  return {
    rows: result.rows.map((r) => ({
      process: { slug: r.slug, title: r.title },
      total: num(r.total),
      byChannel: Object.fromEntries(PROPOSAL_CHANNELS.map((c) => [c, num(r[`ch_${c}`])])) as Record<ProposalChannel, number>,
    })),
    total: num(count.rows[0]?.n),
  };
}

export { REQUEST_CHANNELS, PROPOSAL_CHANNELS };
