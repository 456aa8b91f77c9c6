import { pageNamespaces } from './i18n';
import { localesOverridden, namespacesOf, servedTranslationUrls } from './resources.server';

// Each translation file as the browser fetches it: Vite copies it, content-hashed, into the
// client build's assets (`?url&no-inline`: never inlined as a data: URL), which are served
// with a year's immutable caching. Pages link these files instead of carrying the strings in
// their loader data, so a request neither serialises nor sends them. (A Vite module: the
// command-line tools, which run without Vite, use resources.server.ts alone.) The Open311
// API's strings are rendered by the server only: never shipped.
const SERVER_ONLY = ['open311'];
const FILES = import.meta.glob<string>(['./locales/*/*.json', '!./locales/*/open311.json'], { query: '?url&no-inline', import: 'default', eager: true });

const byLanguage: Record<string, Record<string, string>> = {};
for (const [file, url] of Object.entries(FILES)) {
  const [, language, namespace] = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file) ?? [];
  if (language && namespace) (byLanguage[language] ??= {})[namespace] = url;
}

const cache = new Map<string, Record<string, string>>();

/** The build's copies, or (a language added after the build, a city's own folder) the served ones. */
function builtFiles(language: string): Record<string, string> {
  const built = byLanguage[language];
  if (built && !localesOverridden()) return built;
  return servedTranslationUrls(language, namespacesOf(language).filter((ns) => !SERVER_ONLY.includes(ns)));
}

/** The translation files (namespace → URL) a page under `pathname` needs, in `language`. */
export function translationFilesForPage(language: string, pathname: string): Record<string, string> {
  const wanted = pageNamespaces(pathname);
  const key = `${language} ${String(wanted)}`;
  let files = cache.get(key);
  if (!files) {
    const all = builtFiles(language);
    files = wanted === 'all' ? { ...all } : Object.fromEntries(wanted.filter((ns) => all[ns]).map((ns) => [ns, all[ns]!]));
    cache.set(key, files);
  }
  return files;
}
