// Japanese has no spaces between words, so search works on overlapping character bigrams:
// 「窓口」 is the bigram 窓口, found inside 「市民課窓口の待ち時間」. NFKC folds full-width
// letters and digits; lower case folds English.

export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
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
