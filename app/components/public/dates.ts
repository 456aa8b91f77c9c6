import { japanDateFormat } from '~/japan-time';

// Dates for residents: the Western calendar in Japan time, in the page's language.

export function formatInstant(iso: string, language: string): string {
  return japanDateFormat(language, { dateStyle: 'long' }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) with its weekday, e.g. 2026年12月2日(水). */
export function formatCalendarDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
