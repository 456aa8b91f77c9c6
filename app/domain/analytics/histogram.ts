// Medians and percentiles from a histogram (value → how many), exactly as PostgreSQL's
// percentile_cont computes them over the individual values: the rows at positions
// floor(f·(n−1)) and ceil(f·(n−1)) of the sorted values, interpolated linearly, in the same
// double arithmetic (float8_lerp: lo + (hi − lo) · proportion). The rollups keep reply times
// as histograms, so the figures need not read one row per voice.

export type Histogram = Map<number, number>;

/** Adds `count` voices with `value` to the histogram. */
export function addToHistogram(histogram: Histogram, value: number, count: number): void {
  if (count !== 0) histogram.set(value, (histogram.get(value) ?? 0) + count);
}

/** The number of values in the histogram. */
function histogramSize(histogram: Histogram): number {
  let n = 0;
  for (const count of histogram.values()) n += count;
  return n;
}

/** percentile_cont(fraction) of the values, null when there are none. */
export function percentileCont(histogram: Histogram, fraction: number): number | null {
  return percentilesCont(histogram, [fraction])[0]!;
}

/** Several percentiles of the same histogram, sorting it once. */
export function percentilesCont(histogram: Histogram, fractions: readonly number[]): (number | null)[] {
  const n = histogramSize(histogram);
  if (n === 0) return fractions.map(() => null);
  const sorted = [...histogram.entries()].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  /** The value at 0-based rank `rank` of the sorted values. */
  const valueAt = (rank: number): number => {
    let seen = 0;
    for (const [value, count] of sorted) {
      seen += count;
      if (rank < seen) return value;
    }
    return sorted.at(-1)![0];
  };
  return fractions.map((fraction) => {
    const position = fraction * (n - 1);
    const firstRow = Math.floor(position);
    const secondRow = Math.ceil(position);
    const low = valueAt(firstRow);
    if (firstRow === secondRow) return low;
    const high = valueAt(secondRow);
    return low + (high - low) * (position - firstRow);
  });
}
