import holidayJp from '@holiday-jp/holiday_jp';

// Reply targets count business days: no weekends, no national holidays, no city closed days.

export interface ClosedDayRule {
  kind: 'annual' | 'date';
  month?: number | null;
  day?: number | null;
  date?: string | null;
}

/** 12/29–1/3, closed at every Japanese city hall. */
export const YEAR_END_CLOSURE: ClosedDayRule[] = [
  { kind: 'annual', month: 12, day: 29 }, { kind: 'annual', month: 12, day: 30 }, { kind: 'annual', month: 12, day: 31 },
  { kind: 'annual', month: 1, day: 1 }, { kind: 'annual', month: 1, day: 2 }, { kind: 'annual', month: 1, day: 3 },
];

function parse(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// holidayJp.isHoliday scans every key of its table on each call (and formats a Date in the
// server's time zone first); the reply target counts up to 60 days per voice, so look up here.
const NATIONAL_HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(holidayJp.holidays));

export function isNationalHoliday(isoDate: string): boolean {
  return NATIONAL_HOLIDAYS.has(isoDate);
}

export function isBusinessDay(isoDate: string, closedDays: readonly ClosedDayRule[]): boolean {
  const date = parse(isoDate);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if (isNationalHoliday(isoDate)) return false;
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  return !closedDays.some((rule) =>
    rule.kind === 'annual' ? rule.month === month && rule.day === day : rule.date === isoDate);
}

/** The date `days` business days after `start` (start itself not counted). */
export function addBusinessDays(start: string, days: number, closedDays: readonly ClosedDayRule[]): string {
  const cursor = parse(start);
  let remaining = days;
  while (remaining > 0) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    if (isBusinessDay(format(cursor), closedDays)) remaining -= 1;
  }
  return format(cursor);
}

/** Business days after `from` up to and including `to` (0 when `to` is not later). */
export function businessDaysBetween(from: string, to: string, closedDays: readonly ClosedDayRule[]): number {
  const cursor = parse(from);
  const end = parse(to);
  let count = 0;
  while (cursor < end) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    if (isBusinessDay(format(cursor), closedDays)) count += 1;
  }
  return count;
}
