import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { addTranslations, createTranslator, DEFAULT_LANGUAGE, languageFromCookie, type Namespaces, type Translate } from './i18n';

// Adding a language is adding a folder of JSON files beside ja/ and en/: nothing else changes.
const LOCALES_DIR = path.resolve(process.cwd(), 'app/i18n/locales');

function loadAll(): Record<string, Namespaces> {
  if (!existsSync(LOCALES_DIR)) throw new Error(`Translation files not found in ${LOCALES_DIR}`);
  const all: Record<string, Namespaces> = {};
  for (const language of readdirSync(LOCALES_DIR).sort()) {
    const dir = path.join(LOCALES_DIR, language);
    const namespaces: Namespaces = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      namespaces[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    }
    all[language] = namespaces;
  }
  return all;
}

let cache: Record<string, Namespaces> | undefined;

function translations(): Record<string, Namespaces> {
  cache ??= loadAll();
  return cache;
}

/** Makes every translation available to the server's render (root, meta functions). */
export function addServerTranslations(): void {
  for (const [language, namespaces] of Object.entries(translations())) addTranslations(language, namespaces);
}

export function supportedLanguages(): string[] {
  const languages = Object.keys(translations());
  return [DEFAULT_LANGUAGE, ...languages.filter((l) => l !== DEFAULT_LANGUAGE)];
}

function namespacesFor(language: string): Namespaces {
  const all = translations();
  return all[language] ?? all[DEFAULT_LANGUAGE] ?? {};
}

/** A translator for server-side text (emails, CSV headers, messages). */
export function serverT(language: string, defaultNamespace = 'common'): Translate {
  return createTranslator(language, namespacesFor(language), defaultNamespace);
}

/** The reader's language for this request (cookie, else Japanese). */
export function requestLanguage(request: Request): string {
  return languageFromCookie(request.headers.get('Cookie'), supportedLanguages());
}
