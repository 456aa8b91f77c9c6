import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { addTranslations, createTranslator, DEFAULT_LANGUAGE, isLanguageCode, languageFromCookie, type Namespaces, type Translate } from './i18n';

// Adding a language is adding a folder of JSON files beside ja/ and en/ (its common.json names
// it, under language.name) and translating the city's data in the admin screens: nothing
// else changes. LOCALES_DIR points at another folder of folders (a city's own wording).
function localesDir(): string {
  return path.resolve(process.env.LOCALES_DIR || path.join(process.cwd(), 'app/i18n/locales'));
}

function loadAll(): Record<string, Namespaces> {
  const root = localesDir();
  if (!existsSync(root)) throw new Error(`Translation files not found in ${root}`);
  const all: Record<string, Namespaces> = {};
  for (const language of readdirSync(root).sort()) {
    if (!isLanguageCode(language)) continue;
    const dir = path.join(root, language);
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

export function supportedLanguages(): readonly string[] {
  if (!supported) {
    const languages = Object.keys(translations());
    supported = [DEFAULT_LANGUAGE, ...languages.filter((l) => l !== DEFAULT_LANGUAGE)];
  }
  return supported;
}
let supported: string[] | undefined;

export interface LanguageName {
  code: string;
  /** The language's name in itself (日本語, English, Português), from its own folder. */
  name: string;
}

/** Every installed language with its own name, Japanese first (the language switchers). */
export function languageNames(): LanguageName[] {
  // Read once per process (every page's root loader asks): the folders do not change while it runs.
  names ??= supportedLanguages().map((code) => ({ code, name: serverT(code)('language.name') }));
  return names;
}
let names: LanguageName[] | undefined;

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

// Translation files the build does not hold (a language folder added after the build, or a
// city's own folder in LOCALES_DIR) are served from memory by routes/translations.ts,
// under a content hash like the build's, so browsers cache them for a year just the same.
const served = new Map<string, { hash: string; body: string }>();

function servedFile(language: string, namespace: string): { hash: string; body: string } | undefined {
  const key = `${language}/${namespace}`;
  let file = served.get(key);
  const tree = translations()[language]?.[namespace];
  if (!file && tree) {
    const body = JSON.stringify(tree);
    file = { hash: createHash('sha256').update(body).digest('hex').slice(0, 12), body };
    served.set(key, file);
  }
  return file;
}

/** A language's browser translation files (namespace → URL) as served by routes/translations.ts. */
export function servedTranslationUrls(language: string, namespaces: readonly string[]): Record<string, string> {
  return Object.fromEntries(namespaces.flatMap((ns) => {
    const file = servedFile(language, ns);
    return file ? [[ns, `/translations/${language}/${ns}.${file.hash}.json`]] : [];
  }));
}

/** The body of a served translation file, when `hash` is its current content hash. */
export function servedTranslationBody(language: string, namespace: string, hash: string): string | null {
  const file = supportedLanguages().includes(language) ? servedFile(language, namespace) : undefined;
  return file && file.hash === hash ? file.body : null;
}

/** The namespaces of a language that exist in its folder. */
export function namespacesOf(language: string): string[] {
  return Object.keys(translations()[language] ?? {});
}

/** Whether the translation files come from another folder than the one the app was built from. */
export function localesOverridden(): boolean {
  return Boolean(process.env.LOCALES_DIR);
}
