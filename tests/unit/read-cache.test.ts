import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachedRead, forgetCachedReads } from '~/utils/read-cache.server';

describe('per-process cache of rarely changing reads', () => {
  afterEach(() => vi.useRealTimers());

  it('reads once per database and key for a few seconds, and again after an edit or the TTL', async () => {
    vi.useFakeTimers();
    const db = {};
    const other = {};
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    expect(await cachedRead(db, 'city:ja', read)).toBe(1);
    expect(await cachedRead(db, 'city:ja', read)).toBe(1);
    expect(await cachedRead(db, 'city:en', read)).toBe(2);
    expect(await cachedRead(other, 'city:ja', read)).toBe(3);
    forgetCachedReads(db);
    expect(await cachedRead(db, 'city:ja', read)).toBe(4);
    vi.advanceTimersByTime(10_001);
    expect(await cachedRead(db, 'city:ja', read)).toBe(5);
  });

  it('keeps no failed read: the next request asks the database again', async () => {
    const db = {};
    await expect(cachedRead(db, 'categories:ja', () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await cachedRead(db, 'categories:ja', () => Promise.resolve(['ok']))).toEqual(['ok']);
  });
});
