import { createContext, useContext } from 'react';

// A small translator over i18next-format JSON (nested keys, "ns:key", {{value}}, _one/_other
// plurals). It replaces i18next in the browser to keep pages under the JavaScript budget;
// tests/unit/translate.test.ts checks it gives i18next's answer for every key we ship.

export const DEFAULT_LANGUAGE = 'ja';
export const LANGUAGE_COOKIE = 'meyasu_lang';

export type Namespaces = Record<string, Record<string, unknown>>;
export type TranslateValues = Record<string, string | number | null | undefined>;
export type Translate = (key: string, values?: TranslateValues) => string;

function lookup(tree: unknown, path: string): unknown {
  let node = tree;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export function createTranslator(language: string, namespaces: Namespaces, defaultNamespace = 'common'): Translate {
  const plurals = new Intl.PluralRules(language);
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
