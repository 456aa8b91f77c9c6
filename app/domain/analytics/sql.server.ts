import holidayJp from '@holiday-jp/holiday_jp';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '#db/client';
import { loadClosedDays } from '../calendar.server';
import { periodBuckets, periodInstants, type Period } from './period';
import type { AnalyticsScope } from './scope';

// SQL fragments shared by the analytics queries. Japan has no daylight saving time, so a
// fixed +9 hours gives the Japanese calendar day and month on both drivers without relying
// on the server's time zone database.

/** The Japanese calendar day of a timestamptz column. */
export function jstDate(column: SQL): SQL {
  return sql`((${column} at time zone 'UTC') + interval '9 hours')::date`;
}

/** `column` falls inside the period (a range on the instant, so an index on it is used). */
export function inPeriod(column: SQL, period: Period): SQL {
  const { start, end } = periodInstants(period);
  return sql`${column} >= ${start}::timestamptz and ${column} < ${end}::timestamptz`;
}

/**
 * Rows of a rollup table (alias `alias`) that make up the period: the month rows of its whole
 * months and the day rows of the partial months at its edges (periodBuckets).
 */
export function inBuckets(alias: string, period: Period): SQL {
  const { months, days } = periodBuckets(period);
  const a = sql.raw(alias);
  const parts: SQL[] = [];
  if (months) parts.push(sql`(${a}.grain = 'month' and ${a}.bucket between ${months.first}::date and ${months.last}::date)`);
  for (const span of days) parts.push(sql`(${a}.grain = 'day' and ${a}.bucket between ${span.from}::date and ${span.to}::date)`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** The month (YYYY-MM) of a rollup row. */
export function bucketMonth(alias: string): SQL {
  return sql.raw(`to_char(${alias}.bucket, 'YYYY-MM')`);
}

/** Voices that count in figures: spam (hidden) is not a voice, a merged duplicate counts once, in the voice it joined. */
export function countedVoice(alias: string): SQL {
  return sql`${sql.raw(alias)}.status not in ('hidden', 'merged')`;
}

/** Limits rows to the scope's 課 through the given department column. */
export function inScope(departmentColumn: SQL, scope: AnalyticsScope): SQL {
  return scope.departmentId === null ? sql`true` : sql`${departmentColumn} = ${scope.departmentId}`;
}

/** Every month the period touches: `month` (YYYY-MM), zero-filled series join on it. */
export function monthsCte(period: Period): SQL {
  return sql`months as (
    select to_char(m, 'YYYY-MM') as month
    from generate_series(date_trunc('month', ${period.from}::date), date_trunc('month', ${period.to}::date), interval '1 month') as m
  )`;
}

/** A Postgres array literal for a `::date[]` / `::text[]` cast: one parameter, not one per value. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}

// National holidays on weekdays (weekends are excluded anyway), from @holiday-jp/holiday_jp.
const WEEKDAY_HOLIDAYS = arrayLiteral(Object.keys(holidayJp.holidays).filter((d) => {
  const day = new Date(`${d}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}));

export interface BusinessCalendar {
  holidays: string;
  annual: string;
  dates: string;
}

/** The non-working days for SQL: national holidays and the city's closed days (annual MM-DD and single dates). */
export async function loadBusinessCalendar(db: Executor): Promise<BusinessCalendar> {
  const rules = await loadClosedDays(db);
  const pad = (n: number | null | undefined) => String(n ?? 0).padStart(2, '0');
  return {
    holidays: WEEKDAY_HOLIDAYS,
    annual: arrayLiteral(rules.filter((r) => r.kind === 'annual').map((r) => `${pad(r.month)}-${pad(r.day)}`)),
    dates: arrayLiteral(rules.filter((r) => r.kind === 'date' && r.date).map((r) => r.date!)),
  };
}

/** True when the date expression is a business day (no weekend, national holiday or city closed day). */
function isBusinessDay(day: SQL, calendar: BusinessCalendar): SQL {
  return sql`(extract(isodow from ${day}) < 6
    and not (${day} = any(${calendar.holidays}::date[]))
    and not (to_char(${day}, 'MM-DD') = any(${calendar.annual}::text[]))
    and not (${day} = any(${calendar.dates}::date[])))`;
}

/**
 * CTEs after a CTE `answered` (with `received_on` and `answered_on`, Japan days): `timed` adds
 * `calendar_days` and `business_days`. Business days are those after the day of receipt up to
 * and including the day of the reply (the count of businessDaysBetween): a running count over
 * one day calendar for the whole span, joined twice, so the cost does not grow with each
 * voice's wait. The span is that of `answered`, or `span` (first and last day, covering every
 * day of `answered`) — given, `answered` is read once and need not be materialised.
 */
export function timedCtes(calendar: BusinessCalendar, span?: { first: SQL; last: SQL }): SQL {
  const day = sql`d::date`;
  const first = span?.first ?? sql`(select least(min(received_on), min(answered_on)) from answered)`;
  const last = span?.last ?? sql`(select greatest(max(received_on), max(answered_on)) from answered)`;
  return sql`business_calendar as (
    select ${day} as day,
      sum(case when ${isBusinessDay(day, calendar)} then 1 else 0 end) over (order by d) as running
    from generate_series(${first}, ${last}, interval '1 day') as d
  ),
  timed as (
    select a.*, (a.answered_on - a.received_on)::int as calendar_days, (ca.running - cr.running)::int as business_days
    from answered a
    join business_calendar cr on cr.day = a.received_on
    join business_calendar ca on ca.day = a.answered_on
  )`;
}

/**
 * Runs a set of analytics queries on one consistent, read-only snapshot, so the figures of a
 * page or report agree with each other even while voices arrive. JIT compilation is turned off
 * for it: these aggregates are planned as "expensive" and PostgreSQL's JIT then spends seconds
 * compiling what runs in under one (measured on a million voices).
 */
export async function analyticsSnapshot<T>(db: Database, read: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return read(tx);
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}
