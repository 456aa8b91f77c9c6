import { describe, expect, it } from 'vitest';
import { bigramSimilarity, bigrams, normalizeForSearch, parseSearchQuery } from '~/domain/search-text';

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

describe('search folding and query terms', () => {
  it('folds katakana onto hiragana, half-width kana and every long-vowel mark', () => {
    expect(normalizeForSearch('ベンチ')).toBe(normalizeForSearch('べんち'));
    expect(normalizeForSearch('ﾍﾞﾝﾁ')).toBe('べんち');
    for (const coffee of ['コーヒー', 'ｺｰﾋｰ', 'コ－ヒ－', 'コ‐ヒ‐', 'コ-ヒ-', 'コ―ヒ―', 'こーひー']) expect(normalizeForSearch(coffee), coffee).toBe('こーひー');
    expect(normalizeForSearch('ヴ')).toBe('ゔ');
    expect(normalizeForSearch('漢字はそのまま')).toBe('漢字はそのまま');
  });

  it('splits words on half- and full-width spaces and keeps quoted phrases whole', () => {
    expect(parseSearchQuery('背もたれ 割れ')).toEqual(['背もたれ', '割れ']);
    expect(parseSearchQuery('　背もたれ　　割れ　')).toEqual(['背もたれ', '割れ']);
    expect(parseSearchQuery('"guide please" 窓口')).toEqual(['guide please', '窓口']);
    expect(parseSearchQuery('＂guide  please＂')).toEqual(['guide please']);
    expect(parseSearchQuery('「ベンチの 背もたれ」 公園')).toEqual(['べんちの 背もたれ', '公園']);
    expect(parseSearchQuery('“a b”')).toEqual(['a b']);
    expect(parseSearchQuery('"unclosed phrase')).toEqual(['unclosed phrase']);
    expect(parseSearchQuery('""  ')).toEqual([]);
  });

  it('drops repeated words and keeps at most five', () => {
    expect(parseSearchQuery('ベンチ べんち ﾍﾞﾝﾁ')).toEqual(['べんち']);
    expect(parseSearchQuery('a b c d e f g')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
