import { rootTranslator, type Translate } from '~/i18n/i18n';
import type { RootData } from '~/root';

interface MatchLike {
  id: string;
  data: unknown;
}

/** A translator for meta(), which runs outside React: the namespaces the root loader named. */
function metaTranslator(matches: readonly MatchLike[]): { t: Translate; city: string } {
  const root = matches.find((m) => m.id === 'root')?.data as RootData | undefined;
  return {
    t: rootTranslator(root, 'citizen'),
    city: root?.city.name ?? '',
  };
}

/** "<page> — <city>" as the document title. */
export function pageTitle(matches: readonly MatchLike[], key: string, values?: Record<string, string>) {
  const { t, city } = metaTranslator(matches);
  const title = t(key, values);
  return city ? `${title} — ${city}` : title;
}

/** "<text> — <city>" for a title that is data (a published voice), not a translation key. */
export function textTitle(matches: readonly MatchLike[], text: string) {
  const { city } = metaTranslator(matches);
  return city ? `${text} — ${city}` : text;
}
