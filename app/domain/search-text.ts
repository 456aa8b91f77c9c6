// Japanese has no spaces between words, so search works on overlapping character bigrams:
// 「窓口」 is the bigram 窓口, found inside 「市民課窓口の待ち時間」.
//
// Text is folded the same way for the stored search text and for a query, so that what staff
// type finds what residents wrote however either of them typed it:
// - NFKC: full-width letters and digits → ASCII, half-width katakana → full-width (ﾍﾞﾝﾁ → ベンチ);
// - lower case: English;
// - katakana → hiragana (ベンチ and べんち are one word);
// - every long-vowel mark and dash (ー ｰ － ‐ – — ― − -) → ー;
// - runs of white space (including the full-width space) → one space.
// PostgreSQL does the same in search_fold() (db/migrations/0006_search_folding.sql), which keeps
// submissions.search_text; tests/integration/search.test.ts checks the two agree on both drivers.

const KATAKANA_FROM = 0x30a1; // ァ
const KATAKANA_TO = 0x30f6; // ヶ
const KANA_OFFSET = 0x60; // ァ U+30A1 → ぁ U+3041

/** The characters folded onto ー (after NFKC, which already maps ｰ → ー and － → -). */
const LONG_VOWEL_MARKS = '-\u2010\u2011\u2012\u2013\u2014\u2015\u2212';

function foldKana(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code >= KATAKANA_FROM && code <= KATAKANA_TO) || code === 0x30fd || code === 0x30fe) out += String.fromCodePoint(code - KANA_OFFSET);
    else if (LONG_VOWEL_MARKS.includes(ch)) out += 'ー';
    else out += ch;
  }
  return out;
}

export function normalizeForSearch(text: string): string {
  return foldKana(text.normalize('NFKC').toLowerCase()).replace(/\s+/g, ' ').trim();
}

/** The distinct bigrams of a text, skipping pairs that contain white space. */
export function bigrams(text: string): string[] {
  const chars = Array.from(normalizeForSearch(text));
  const set = new Set<string>();
  for (let i = 0; i < chars.length - 1; i += 1) {
    const pair = chars[i]! + chars[i + 1]!;
    if (!/\s/.test(pair)) set.add(pair);
  }
  return [...set];
}

/** Jaccard similarity of two bigram sets, for suggesting duplicate voices. */
export function bigramSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setB = new Set(b);
  let shared = 0;
  for (const g of new Set(a)) if (setB.has(g)) shared += 1;
  return shared / (new Set(a).size + setB.size - shared);
}

const MAX_SEARCH_TERMS = 5;

const QUOTES: Record<string, string> = { '"': '"', '\u201c': '\u201d', '\u300c': '\u300d', '\u300e': '\u300f' };

/**
 * The terms of a search, each folded like the stored text. Words separated by white space
 * (half- or full-width) are separate terms that must all occur, in any order; a phrase in
 * quotes ("…", “…”, 「…」, 『…』) is one term, spaces and all. At most five terms.
 */
export function parseSearchQuery(query: string): string[] {
  // NFKC first, so ＂ becomes " and the full-width space a space; the quotes 「」“” stay as they are.
  const text = query.normalize('NFKC');
  const terms: string[] = [];
  let i = 0;
  const chars = Array.from(text);
  while (i < chars.length) {
    const ch = chars[i]!;
    if (/\s/.test(ch)) { i += 1; continue; }
    const close = QUOTES[ch];
    if (close !== undefined) {
      const end = chars.indexOf(close, i + 1);
      const stop = end === -1 ? chars.length : end; // an unclosed quote runs to the end
      terms.push(chars.slice(i + 1, stop).join(''));
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < chars.length && !/\s/.test(chars[j]!) && QUOTES[chars[j]!] === undefined) j += 1;
    terms.push(chars.slice(i, j).join(''));
    i = j;
  }
  const folded = terms.map(normalizeForSearch).filter((t) => t !== '');
  return [...new Set(folded)].slice(0, MAX_SEARCH_TERMS);
}
