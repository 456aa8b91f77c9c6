import { localText, type Translations } from '~/i18n/city-text';
import { useT, type Translate } from '~/i18n/i18n';

// Presentation of the figures (all computed in SQL): numbers in the reader's language, shares
// as percentages, names in the reader's language, a dash for "no figure".

export const MISSING = '–';

export interface Figures {
  t: Translate;
  language: string;
  /** An integer or a figure with at most one decimal (days). */
  num: (value: number | null | undefined) => string;
  /** A 1–5 average with two decimals. */
  avg: (value: number | null | undefined) => string;
  /** A share 0–1 as a percentage with one decimal. */
  pct: (share: number | null | undefined) => string;
  /** The localised name of a row, or the fallback (e.g. 未割当). */
  name: (row: { nameJa: string | null; nameTranslations: Translations | null }, fallbackKey?: string) => string;
  /** 2026-04 → 2026年4月 / Apr 2026. */
  month: (month: string) => string;
  /** The short label of a month on a chart axis: 4月 / Apr. */
  monthShort: (month: string) => string;
}

export function useFigures(): Figures {
  const { t, language } = useT('analytics');
  const one = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const two = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);
  return {
    t,
    language,
    num: (v) => (missing(v) ? MISSING : one.format(v)),
    avg: (v) => (missing(v) ? MISSING : two.format(v)),
    pct: (v) => (missing(v) ? MISSING : `${one.format(Math.round(v * 1000) / 10)}%`),
    name: (row, fallbackKey = 'figures.unassigned') => localText(language, row.nameJa, row.nameTranslations) ?? t(fallbackKey),
    month: (m) => t('format.month', { year: m.slice(0, 4), month: Number(m.slice(5, 7)) }),
    monthShort: (m) => t('format.monthShort', { year: m.slice(0, 4), month: Number(m.slice(5, 7)) }),
  };
}
