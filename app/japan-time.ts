// Japan time, the one place for it. A city hall's days, 年度, office hours and the dates people
// read are Japan's (UTC+9, no daylight saving), whatever time zone the server runs in.

const JAPAN_TIME_ZONE = 'Asia/Tokyo';
const JAPAN_OFFSET = '+09:00';
const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;

/** A Date whose UTC fields read Japan's wall clock (for year, month, day and hour arithmetic). */
export function japanWallClock(instant: Date): Date {
  return new Date(instant.getTime() + JAPAN_OFFSET_MS);
}

/** The calendar date in Japan for an instant, as YYYY-MM-DD. */
export function japanDate(instant: Date): string {
  return japanWallClock(instant).toISOString().slice(0, 10);
}

/** The hour of the day (0–23) in Japan. */
export function japanHour(instant: Date): number {
  return japanWallClock(instant).getUTCHours();
}

/** A time of a Japan calendar day (YYYY-MM-DD) as ISO 8601 with the offset, e.g. 2026-04-01T00:00:00+09:00. */
export function japanTimeOn(date: string, time = '00:00:00'): string {
  return `${date}T${time}${JAPAN_OFFSET}`;
}

/** An instant as ISO 8601 in Japan time, e.g. 2026-11-21T09:30:00+09:00. */
export function isoJapan(instant: Date): string {
  return `${japanWallClock(instant).toISOString().slice(0, 19)}${JAPAN_OFFSET}`;
}

/** A date alone (YYYY-MM-DD) is the start of that day in Japan; anything else is parsed as it is. */
export function japanInstant(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? japanTimeOn(value) : value);
}

/** Intl.DateTimeFormat that shows Japan time. */
export function japanDateFormat(language: string, options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(language, { ...options, timeZone: JAPAN_TIME_ZONE });
}
