import { describe, expect, it } from 'vitest';
import { bigramSimilarity, bigrams, normalizeForSearch } from '~/domain/search-text';

describe('Japanese search bigrams', () => {
  it('finds 窓口 inside 市民課窓口の待ち時間', () => {
    const doc = new Set(bigrams('市民課窓口の待ち時間'));
    expect(bigrams('窓口').every((g) => doc.has(g))).toBe(true);
    expect(bigrams('窓際').every((g) => doc.has(g))).toBe(false);
  });

  it('folds full-width letters and case', () => {
    expect(normalizeForSearch('ＡＢＣ　ｄｅｆ')).toBe('abc def');
    expect(bigrams('Recycling')).toContain('re');
  });

  it('scores near-duplicates above unrelated texts', () => {
    const a = bigrams('市民課窓口の待ち時間が長い');
    const b = bigrams('窓口の待ち時間について');
    const c = bigrams('公園のベンチを増やしてほしい');
    expect(bigramSimilarity(a, b)).toBeGreaterThan(bigramSimilarity(a, c));
  });
});
