import { z } from 'zod';
import { fiscalYearOf, fiscalYearRange } from '../fiscal-year';
import { japanTimeOn } from '~/japan-time';

// Every dashboard figure is for a period of whole days in Japan time, both ends included.
// Most periods are a fiscal year (年度, April–March); any span of up to MAX_MONTHS is allowed.

export interface Period {
  /** First day, YYYY-MM-DD (Japan time). */
  from: string;
  /** Last day, YYYY-MM-DD (Japan time), included. */
  to: string;
}

/** Longest period a query may cover: keeps every figure bounded on large data. */
export const MAX_MONTHS = 60;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function fiscalYearPeriod(fiscalYear: number): Period {
  const { start, end } = fiscalYearRange(fiscalYear);
  return { from: start, to: end };
}

/** The 年度 when the period is exactly one fiscal year, else null. */
export function fiscalYearOfPeriod(period: Period): number | null {
  const year = Number(period.from.slice(0, 4));
  const whole = fiscalYearPeriod(year);
  return whole.from === period.from && whole.to === period.to ? year : null;
}

/** The day after an ISO date. */
export function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Months the period touches, as YYYY-MM, oldest first. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month === 13) { month = 1; year += 1; }
  }
}

/**
 * The instants that bound the period: from 00:00 of `from` to 00:00 of the day after `to`
 * (exclusive), in Japan time, as ISO strings for a `::timestamptz` cast in SQL.
 */
export function periodInstants(period: Period): { start: string; end: string } {
  return { start: japanTimeOn(period.from), end: japanTimeOn(nextDay(period.to)) };
}

const isoDate = z.string().refine(isIsoDate, 'invalid_date');

export const periodSchema = z.object({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { message: 'from_after_to', path: ['to'] })
  .refine((p) => monthsOf(p).length <= MAX_MONTHS, { message: 'too_long', path: ['to'] });

/**
 * Query parameters of a dashboard: `fy=2026` for a 年度, or `from`/`to` for any period.
 * Nothing given → the current 年度. Anything else invalid → a zod error (the page shows 400).
 */
const periodQuerySchema = z.object({
  fy: z.string().regex(/^\d{4}$/).transform(Number).pipe(z.number().int().min(2000).max(2100)).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
}).superRefine((q, ctx) => {
  if (q.fy !== undefined && (q.from || q.to)) ctx.addIssue({ code: 'custom', message: 'fy_or_dates', path: ['fy'] });
  if (!!q.from !== !!q.to) ctx.addIssue({ code: 'custom', message: 'both_dates_required', path: [q.from ? 'to' : 'from'] });
});

export type PeriodQueryResult = { success: true; period: Period } | { success: false; error: z.ZodError };

/** Reads `fy` or `from`/`to` from a URL's query; `today` (YYYY-MM-DD) picks the default 年度. */
export function parsePeriodQuery(params: URLSearchParams, today: string): PeriodQueryResult {
  const raw = {
    fy: params.get('fy') || undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
  };
  const query = periodQuerySchema.safeParse(raw);
  if (!query.success) return { success: false, error: query.error };
  const { fy, from, to } = query.data;
  const candidate = from && to ? { from, to } : fiscalYearPeriod(fy ?? fiscalYearOf(new Date(japanTimeOn(today, '12:00:00'))));
  const period = periodSchema.safeParse(candidate);
  return period.success ? { success: true, period: period.data } : { success: false, error: period.error };
}

/** The last day of the month of an ISO date. */
export function lastDayOfMonth(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/**
 * How the rollups cover a period (docs/decisions/analytics-rollups.md): the month rows of its
 * whole months (`months`, first days of the first and last whole month, or null) and the day
 * rows of the partial months at its edges (`days`, at most two spans of days, both ends included).
 */
export interface PeriodBuckets {
  months: { first: string; last: string } | null;
  days: { from: string; to: string }[];
}

export function periodBuckets(period: Period): PeriodBuckets {
  const fromMonth = `${period.from.slice(0, 7)}-01`;
  const toMonth = `${period.to.slice(0, 7)}-01`;
  const startsWhole = period.from === fromMonth;
  const endsWhole = period.to === lastDayOfMonth(period.to);
  if (fromMonth === toMonth) {
    return startsWhole && endsWhole
      ? { months: { first: fromMonth, last: fromMonth }, days: [] }
      : { months: null, days: [{ from: period.from, to: period.to }] };
  }
  const days: PeriodBuckets['days'] = [];
  const months = monthsOf(period).map((m) => `${m}-01`);
  let first = 0;
  let last = months.length - 1;
  if (!startsWhole) {
    days.push({ from: period.from, to: lastDayOfMonth(period.from) });
    first += 1;
  }
  if (!endsWhole) {
    days.push({ from: toMonth, to: period.to });
    last -= 1;
  }
  return { months: first <= last ? { first: months[first]!, last: months[last]! } : null, days };
}
