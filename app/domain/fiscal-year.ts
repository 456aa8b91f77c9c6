// Japanese city halls count in fiscal years (年度) that start on April 1, in Japan time.

import { japanDate } from '~/japan-time';

/** 年度 of a date: 2027-03-31 belongs to 2026, 2027-04-01 to 2027. */
export function fiscalYearOf(instant: Date): number {
  const [year, month] = japanDate(instant).split('-').map(Number) as [number, number];
  return month >= 4 ? year : year - 1;
}

/** First and last day (YYYY-MM-DD) of a fiscal year. */
export function fiscalYearRange(fiscalYear: number): { start: string; end: string } {
  return { start: `${fiscalYear}-04-01`, end: `${fiscalYear + 1}-03-31` };
}

/** 受付番号 such as 2026-000123. */
export function formatReceiptNumber(fiscalYear: number, sequence: number): string {
  return `${fiscalYear}-${String(sequence).padStart(6, '0')}`;
}

export const RECEIPT_NUMBER_PATTERN = /^\d{4}-\d{6}$/;
