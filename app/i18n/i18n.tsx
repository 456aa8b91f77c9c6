import { createContext, useContext } from 'react';

// A small translator over i18next-format JSON (nested keys, "ns:key", {{value}}, _one/_other
// plurals). It replaces i18next in the browser to keep pages under the JavaScript budget;
// tests/unit/translate.test.ts checks it gives i18next's answer for every key we ship.

export const DEFAULT_LANGUAGE = 'ja';
export const LANGUAGE_COOKIE = 'meyasu_lang';
/** A language folder's name (ja, en, pt, pt-BR): what a language may be called anywhere. */
export const LANGUAGE_CODE = '[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?';
export const isLanguageCode = (value: string) => new RegExp(`^${LANGUAGE_CODE}$`).test(value);

export type Namespaces = Record<string, Record<string, unknown>>;
type TranslateValues = Record<string, string | number | null | undefined>;
export type Translate = (key: string, values?: TranslateValues) => string;

function lookup(tree: unknown, path: string): unknown {
  let node = tree;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const pluralRules = new Map<string, Intl.PluralRules>();

export function createTranslator(language: string, namespaces: Namespaces, defaultNamespace = 'common'): Translate {
  let plurals = pluralRules.get(language);
  if (!plurals) pluralRules.set(language, (plurals = new Intl.PluralRules(language)));
  return (key, values) => {
    const colon = key.indexOf(':');
    const ns = colon > 0 ? key.slice(0, colon) : defaultNamespace;
    const path = colon > 0 ? key.slice(colon + 1) : key;
    const tree = namespaces[ns];
    let found: unknown;
    if (values && typeof values.count === 'number') {
      found = lookup(tree, `${path}_${plurals.select(values.count)}`) ?? lookup(tree, `${path}_other`);
    }
    found ??= lookup(tree, path);
    if (typeof found !== 'string') return key;
    return found.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
      const value = values?.[name];
      return value === undefined || value === null ? '' : String(value);
    });
  };
}

// The translations at hand: on the server every file (entry.server.tsx adds them at start), in
// the browser the namespaces this visit has fetched. Pages do not carry them in their loader
// data: the document links each namespace's JSON file (content-hashed, cached for a year) and
// entry.client.tsx fetches those before hydrating.
const loaded: Record<string, Namespaces> = {};

export function addTranslations(language: string, namespaces: Namespaces): void {
  Object.assign((loaded[language] ??= {}), namespaces);
}

/** The named namespaces of a language, from what is loaded (so server and browser agree). */
export function pickTranslations(language: string, names: readonly string[]): Namespaces {
  const all = loaded[language] ?? {};
  return Object.fromEntries(names.filter((ns) => all[ns]).map((ns) => [ns, all[ns]!]));
}

/** A translator over the named namespaces (for meta functions, which run outside React). */
export function translatorFor(language: string, names: readonly string[], defaultNamespace?: string): Translate {
  return createTranslator(language, pickTranslations(language, names), defaultNamespace);
}

/** A meta function's translator, from the root route's data (its language and translation files). */
export function rootTranslator(root: { language: string; translations: Record<string, string> } | undefined, defaultNamespace?: string): Translate {
  return translatorFor(root?.language ?? DEFAULT_LANGUAGE, Object.keys(root?.translations ?? {}), defaultNamespace);
}

/** Fetches the translation files (namespace → URL) the browser does not have yet. */
export async function loadTranslations(language: string, files: Record<string, string>): Promise<void> {
  await Promise.all(Object.entries(files).filter(([ns]) => !loaded[language]?.[ns]).map(async ([ns, url]) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`translations ${url}: ${response.status}`);
    addTranslations(language, { [ns]: (await response.json()) as Record<string, unknown> });
  }));
}

const RESIDENTS = ['common', 'citizen', 'domain', 'errors'];

/**
 * The namespaces a page under `pathname` uses in the browser: every one but the API's in the
 * backoffice ('all'); the residents' four elsewhere (header, footer, error pages, forms, mail
 * stop page), with `improvement` for the improvement pages and the tracking page's "what came
 * of it", and `analytics` for the statistics page.
 */
export function pageNamespaces(pathname: string): 'all' | string[] {
  const area = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  if (area('/staff')) return 'all';
  if (area('/improvements') || area('/track')) return [...RESIDENTS, 'improvement'];
  if (area('/statistics')) return [...RESIDENTS, 'analytics'];
  if (area('/send')) return [...RESIDENTS, 'map'];
  return RESIDENTS;
}

export interface I18nValue {
  language: string;
  t: Translate;
  namespaces: Namespaces;
}

const I18nContext = createContext<I18nValue>({
  language: DEFAULT_LANGUAGE,
  namespaces: {},
  t: (key) => key,
});

export const I18nProvider = I18nContext.Provider;

/** `const { t } = useT()` or `useT('errors')` for another default namespace. */
export function useT(namespace?: string): I18nValue {
  const value = useContext(I18nContext);
  if (!namespace) return value;
  return { ...value, t: createTranslator(value.language, value.namespaces, namespace) };
}

/** Reads the language cookie from a Cookie header, limited to the languages we have. */
export function languageFromCookie(cookieHeader: string | null, supported: readonly string[]): string {
  const match = cookieHeader?.match(new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=([a-zA-Z-]{2,10})`));
  const wanted = match?.[1];
  return wanted && supported.includes(wanted) ? wanted : DEFAULT_LANGUAGE;
}
