import { DEFAULT_LANGUAGE } from './i18n';

// City data (department names, categories, the city's promise…) is written in Japanese and
// translated per language folder: db/schema/translations.ts. One rule picks what a reader
// sees, in the pages, the emails, the CSV files and the Open311 API alike.

/** A city text's translations, keyed by language (the folder name under app/i18n/locales). */
export type Translations = Record<string, string>;

/**
 * The text in `language`: its translation when there is one, else the Japanese original,
 * else (a text only ever written in another language, e.g. an English-only public summary)
 * the first translation there is.
 */
export function localText(language: string, original: string, translations: Translations | null | undefined): string;
export function localText(language: string, original: string | null | undefined, translations: Translations | null | undefined): string | null;
export function localText(language: string, original: string | null | undefined, translations: Translations | null | undefined): string | null {
  const translated = translations?.[language];
  if (translated) return translated;
  if (original) return original;
  return Object.values(translations ?? {}).find((text) => text !== '') ?? original ?? null;
}

/** Keeps the non-empty translations into the languages this installation has (what a form saves). */
export function cleanTranslations(posted: Translations, languages: readonly string[]): Translations {
  return Object.fromEntries(Object.entries(posted)
    .map(([language, text]) => [language, text.trim()] as const)
    .filter(([language, text]) => text !== '' && language !== DEFAULT_LANGUAGE && languages.includes(language)));
}
