import { eq } from 'drizzle-orm';
import type { Database } from '#db/client';
import { departments } from '#db/schema/index';
import { fiscalYearOf } from '~/domain/fiscal-year';
import { japanDate, japanTimeOn } from '~/japan-time';
import { fiscalYearOfPeriod, parsePeriodQuery, type Period } from '~/domain/analytics/period';
import { analyticsRollupStatus } from '~/domain/analytics/rollups.server';
import type { AnalyticsScope } from '~/domain/analytics/scope';
import type { Translations } from '~/i18n/city-text';

// What every analytics page reads from its request: the period (fy=2026 or from/to, default
// the current 年度) and today's Japan date, which fixes what "overdue" means.

export function todayInJapan(): string {
  return japanDate(new Date());
}

export interface PeriodFilter {
  /** The period shown, or null when the query was refused (the form shows why). */
  period: Period | null;
  /** The 年度 when the period is exactly one, for the 年度 selector. */
  fiscalYear: number | null;
  /** What the form shows again. */
  values: { fy: string; from: string; to: string };
  /** Translation key of the refusal, under analytics:period.errors. */
  error: string | null;
  /** 年度 to choose from: the current one back five years (and the one asked for). */
  years: number[];
}

export function readPeriodFilter(request: Request, today: string): PeriodFilter {
  const params = new URL(request.url).searchParams;
  const values = { fy: params.get('fy') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '' };
  const current = fiscalYearOf(new Date(japanTimeOn(today, '12:00:00')));
  const parsed = parsePeriodQuery(params, today);
  const period = parsed.success ? parsed.period : null;
  const fiscalYear = period ? fiscalYearOfPeriod(period) : null;
  const years = [...new Set([...Array.from({ length: 6 }, (_, i) => current - i), ...(fiscalYear ? [fiscalYear] : [])])].sort((a, b) => b - a);
  const issue = parsed.success ? null : parsed.error.issues[0]?.message ?? 'invalid';
  const known = ['invalid_date', 'from_after_to', 'too_long', 'fy_or_dates', 'both_dates_required'];
  return { period, fiscalYear, values, error: issue === null ? null : known.includes(issue) ? issue : 'invalid', years };
}

/** The 課 a scope is limited to, by name, for the page heading (null: the whole city). */
export async function scopeName(db: Database, scope: AnalyticsScope): Promise<{ nameJa: string; nameTranslations: Translations } | null | 'none'> {
  if (scope.departmentId === null) return null;
  const [row] = await db.select({ nameJa: departments.nameJa, nameTranslations: departments.nameTranslations }).from(departments).where(eq(departments.id, scope.departmentId));
  return row ?? 'none';
}

/** The query string of a period, for links to exports and other pages. */
export function periodQuery(period: Period): string {
  const fy = fiscalYearOfPeriod(period);
  return fy !== null ? `fy=${fy}` : new URLSearchParams({ from: period.from, to: period.to }).toString();
}

/** The 年度 of a page that shows one (`fy=2026`, default the current one); null when refused. */
export function readFiscalYear(request: Request, today: string): { fiscalYear: number | null; years: number[] } {
  const raw = new URL(request.url).searchParams.get('fy');
  const current = fiscalYearOf(new Date(japanTimeOn(today, '12:00:00')));
  const asked = raw === null || raw === '' ? current : /^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= 2100 ? Number(raw) : null;
  const years = [...new Set([...Array.from({ length: 6 }, (_, i) => current - i), ...(asked ? [asked] : [])])].sort((a, b) => b - a);
  return { fiscalYear: asked, years };
}

/** An instant as Japan time to the minute: 2026-11-21 15:05. */
export function japanMinute(instant: Date): string {
  return new Date(instant.getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** When the figures from the rollups were computed (Japan time, to the minute), or null before the first refresh. */
export async function rollupAsOf(db: Database): Promise<string | null> {
  const status = await analyticsRollupStatus(db);
  return status ? japanMinute(new Date(status.refreshedAt)) : null;
}
