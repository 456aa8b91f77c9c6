import { describe, expect, it } from 'vitest';
import { addToHistogram, percentileCont, percentilesCont, type Histogram } from '~/domain/analytics/histogram';
import { lastDayOfMonth, periodBuckets, type Period } from '~/domain/analytics/period';
import { recentMonthsFrom, refreshPlan } from '~/domain/analytics/refresh-plan';

// The pure parts of the analytics rollups: percentiles from a histogram, how a period is cut
// into month and day rows, and when the worker refreshes what. (That the histogram gives
// exactly PostgreSQL's percentile_cont is checked against the database itself in
// tests/integration/analytics-rollups.test.ts.)

/** percentile_cont over the individual values, written out the long way. */
function percentileOfValues(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return lower === upper ? sorted[lower]! : sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

function histogramOf(values: number[]): Histogram {
  const histogram: Histogram = new Map();
  for (const v of values) addToHistogram(histogram, v, 1);
  return histogram;
}

/** A small deterministic generator (the test must not depend on luck). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Every day of a period. */
function days(period: Period): string[] {
  const list: string[] = [];
  for (let d = new Date(`${period.from}T00:00:00Z`); d.toISOString().slice(0, 10) <= period.to; d.setUTCDate(d.getUTCDate() + 1)) list.push(d.toISOString().slice(0, 10));
  return list;
}

describe('percentiles from a histogram', () => {
  it('equal percentile_cont over the values: medians of even counts interpolate, single values stand', () => {
    expect(percentileCont(histogramOf([1, 2, 3, 4]), 0.5)).toBe(2.5);
    expect(percentileCont(histogramOf([0, 10]), 0.9)).toBe(9);
    expect(percentileCont(histogramOf([7]), 0.9)).toBe(7);
    expect(percentileCont(new Map(), 0.5)).toBeNull();
    // Counts, not repeated entries: 3 × 1 and 1 × 5 → sorted 1, 1, 1, 5.
    expect(percentilesCont(new Map([[5, 1], [1, 3]]), [0.5, 0.9])).toEqual([1, percentileOfValues([1, 1, 1, 5], 0.9)]);
  });

  it('match the value-by-value computation on random data, to the last bit', () => {
    const next = random(42);
    for (let round = 0; round < 200; round += 1) {
      const values = Array.from({ length: 1 + Math.floor(next() * 300) }, () => Math.floor(next() * 40));
      const histogram = histogramOf(values);
      for (const fraction of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) {
        expect(percentileCont(histogram, fraction), `${fraction} of ${values.length}`).toBe(percentileOfValues(values, fraction));
      }
    }
  });

  it('ignore empty bins and add up repeated ones', () => {
    const histogram: Histogram = new Map();
    addToHistogram(histogram, 3, 2);
    addToHistogram(histogram, 3, 1);
    addToHistogram(histogram, 9, 0);
    expect([...histogram]).toEqual([[3, 3]]);
    expect(percentileCont(histogram, 0.5)).toBe(3);
  });
});

describe('periods cut into rollup buckets', () => {
  it('read a 年度 from its twelve month rows, and whole months from month rows only', () => {
    expect(periodBuckets({ from: '2026-04-01', to: '2027-03-31' })).toEqual({ months: { first: '2026-04-01', last: '2027-03-01' }, days: [] });
    expect(periodBuckets({ from: '2028-02-01', to: '2028-02-29' })).toEqual({ months: { first: '2028-02-01', last: '2028-02-01' }, days: [] });
  });

  it('read the partial months at the edges from day rows', () => {
    expect(periodBuckets({ from: '2026-04-15', to: '2026-07-10' })).toEqual({
      months: { first: '2026-05-01', last: '2026-06-01' },
      days: [{ from: '2026-04-15', to: '2026-04-30' }, { from: '2026-07-01', to: '2026-07-10' }],
    });
    expect(periodBuckets({ from: '2026-05-03', to: '2026-05-03' })).toEqual({ months: null, days: [{ from: '2026-05-03', to: '2026-05-03' }] });
    expect(periodBuckets({ from: '2026-05-31', to: '2026-06-01' })).toEqual({
      months: null, days: [{ from: '2026-05-31', to: '2026-05-31' }, { from: '2026-06-01', to: '2026-06-01' }],
    });
    expect(periodBuckets({ from: '2026-05-01', to: '2026-06-15' })).toEqual({ months: { first: '2026-05-01', last: '2026-05-01' }, days: [{ from: '2026-06-01', to: '2026-06-15' }] });
  });

  it('cover every day of any period exactly once, and no other day', () => {
    const next = random(7);
    for (let round = 0; round < 300; round += 1) {
      const start = new Date(Date.UTC(2024, 0, 1 + Math.floor(next() * 900)));
      const end = new Date(start.getTime() + Math.floor(next() * 500) * 86_400_000);
      const period = { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
      const { months, days: spans } = periodBuckets(period);
      const fromMonths: string[] = [];
      if (months) {
        for (let m = new Date(`${months.first}T00:00:00Z`); m.toISOString().slice(0, 10) <= months.last; m.setUTCMonth(m.getUTCMonth() + 1)) {
          const first = m.toISOString().slice(0, 10);
          fromMonths.push(...days({ from: first, to: lastDayOfMonth(first) }));
        }
      }
      const covered = [...fromMonths, ...spans.flatMap((s) => days(s))].sort();
      expect(covered, JSON.stringify(period)).toEqual(days(period));
    }
  });

  it('know the last day of every month, leap years included', () => {
    expect(['2026-01-10', '2026-02-01', '2028-02-14', '2026-04-30', '2026-12-31'].map(lastDayOfMonth))
      .toEqual(['2026-01-31', '2026-02-28', '2028-02-29', '2026-04-30', '2026-12-31']);
  });
});

describe('when the worker refreshes the rollups', () => {
  const at = (japanTime: string) => new Date(`${japanTime}+09:00`);
  const status = (refreshed: string, full: string) => ({ refreshedAt: at(refreshed).toISOString(), fullRefreshedAt: at(full).toISOString() });

  it('recomputes the recent months from the first of the previous month, in Japan time', () => {
    expect(recentMonthsFrom(at('2026-11-21T15:05:00'))).toBe('2026-10-01');
    expect(recentMonthsFrom(at('2027-01-01T00:30:00'))).toBe('2026-12-01'); // still 31 December in UTC
    expect(recentMonthsFrom(at('2026-03-31T23:59:00'))).toBe('2026-02-01');
  });

  it('computes everything the first time and once a night, the recent months in between, nothing right after another worker', () => {
    expect(refreshPlan(null, at('2026-11-21T15:05:00'))).toEqual({});
    // Last full refresh yesterday: the first pass from 03:00 recomputes everything.
    expect(refreshPlan(status('2026-11-21T02:56:00', '2026-11-20T03:00:00'), at('2026-11-21T02:59:00'))).toBe(null);
    expect(refreshPlan(status('2026-11-21T02:50:00', '2026-11-20T03:00:00'), at('2026-11-21T02:59:00'))).toEqual({ from: '2026-10-01' });
    expect(refreshPlan(status('2026-11-21T02:59:00', '2026-11-20T03:00:00'), at('2026-11-21T03:00:00'))).toEqual({});
    // Full today already: the recent months, once five minutes (four, between workers) have passed.
    expect(refreshPlan(status('2026-11-21T15:00:00', '2026-11-21T03:00:00'), at('2026-11-21T15:05:00'))).toEqual({ from: '2026-10-01' });
    expect(refreshPlan(status('2026-11-21T15:02:00', '2026-11-21T03:00:00'), at('2026-11-21T15:05:00'))).toBe(null);
  });
});
