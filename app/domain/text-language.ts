// The language a piece of resident- or staff-written text is in, for its `lang` attribute
// (WCAG 3.1.2): a screen reader in English mode then reads a Japanese reply with a Japanese
// voice. Meyasu's languages are Japanese and English, and they tell apart by script: any kana
// or kanji means Japanese. Text without letters of either gets no attribute (it inherits).

const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/u;
const LATIN = /[A-Za-z]/;

export function contentLanguage(text: string | null | undefined): 'ja' | 'en' | undefined {
  if (!text) return undefined;
  if (JAPANESE.test(text)) return 'ja';
  return LATIN.test(text) ? 'en' : undefined;
}
