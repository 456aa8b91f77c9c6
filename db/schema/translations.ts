import { sql } from 'drizzle-orm';
import { jsonb } from 'drizzle-orm/pg-core';

/**
 * The city enters its data (department and category names, the promise, counters' places…)
 * in Japanese, in the `*_ja` column. Every other language's wording sits beside it in one
 * `*_translations` map keyed by the language's folder name under app/i18n/locales
 * ({"en": "Road Maintenance Division", "pt": "…"}), so a new language needs no new column.
 * A language without an entry shows the Japanese (app/i18n/city-text.ts).
 */
export type Translations = Record<string, string>;

export const translations = (name: string) => jsonb(name).$type<Translations>().notNull().default(sql`'{}'::jsonb`);
