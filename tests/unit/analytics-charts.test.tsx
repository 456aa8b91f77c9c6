import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarChart, LineChart, StackedBarChart } from '~/components/charts';
import { niceScale } from '~/components/charts/chart-kit';

const months = ['2026-04', '2026-05', '2026-06', '2026-07'];

const all = (markup: string, pattern: RegExp) => [...markup.matchAll(pattern)];
const attr = (tag: string, name: string) => tag.match(new RegExp(`${name}="([^"]*)"`))?.[1];

/** The cells of the data table, row by row (header cell first). */
function tableRows(markup: string): string[][] {
  const body = markup.match(/<tbody>(.*)<\/tbody>/s)![1]!;
  return all(body, /<tr>(.*?)<\/tr>/gs).map((row) => all(row[1]!, /<t[hd][^>]*>(.*?)<\/t[hd]>/g).map((c) => c[1]!));
}

describe('server-drawn charts', () => {
  it('draw one bar per month with its value, named for screen readers, with the same numbers in a table', () => {
    const markup = renderToStaticMarkup(
      <BarChart title="月別の声の件数" description="2026年度の月ごとの件数" categoryHeader="月" labels={months}
        series={{ key: 'voices', label: '件数', values: [12, 3, null, 6] }} />,
    );
    const bars = all(markup, /<rect class="bar"[^>]*>/g).map((m) => m[0]);
    expect(bars).toHaveLength(3); // no bar for the missing month
    const heights = bars.map((b) => Number(attr(b, 'height')));
    expect(heights[0]! / heights[1]!).toBeCloseTo(12 / 3, 6);
    expect(heights[2]! / heights[1]!).toBeCloseTo(6 / 3, 6);

    const svg = markup.match(/<svg[^>]*>/)![0];
    expect(attr(svg, 'role')).toBe('img');
    const [titleId, descId] = attr(svg, 'aria-labelledby')!.split(' ');
    expect(markup).toContain(`<title id="${titleId}">月別の声の件数</title>`);
    expect(markup).toContain(`<desc id="${descId}">2026年度の月ごとの件数</desc>`);

    expect(markup).toContain('<caption>月別の声の件数</caption>');
    expect(markup).toContain('<th scope="col">月</th><th scope="col">件数</th>');
    expect(tableRows(markup)).toEqual([['2026-04', '12'], ['2026-05', '3'], ['2026-06', '–'], ['2026-07', '6']]);
    expect(markup).not.toMatch(/<script/);
  });

  it('stack each series with its own pattern and a legend, and tabulate every series', () => {
    const series = [
      { key: 'complaint', label: '苦情', values: [5, 0, 2, 1] },
      { key: 'idea', label: '提案', values: [1, 4, 0, 0] },
      { key: 'praise', label: 'お礼', values: [0, 0, 0, 3] },
    ];
    const markup = renderToStaticMarkup(<StackedBarChart title="種別の件数" categoryHeader="月" labels={months} series={series} format={(v) => `${v}件`} />);
    const segments = all(markup, /<rect class="segment" data-series="([a-z]+)"[^>]*fill="url\(#([^)]+)\)"/g);
    expect(segments).toHaveLength(6); // the non-zero values only
    const fills = new Map(segments.map((s) => [s[1], s[2]]));
    expect(new Set(fills.values()).size).toBe(3); // one pattern per series, not just a colour
    for (const id of fills.values()) expect(markup).toContain(`<pattern id="${id}"`);
    // The totals stand above the bars.
    for (const total of ['6件', '4件', '2件']) expect(markup).toContain(`>${total}</text>`);
    // The legend names every series.
    for (const s of series) expect(markup).toMatch(new RegExp(`<text x="18" y="0">${s.label}</text>`));
    expect(tableRows(markup)).toEqual([
      ['2026-04', '5件', '1件', '0件'], ['2026-05', '0件', '4件', '0件'], ['2026-06', '2件', '0件', '0件'], ['2026-07', '1件', '0件', '3件'],
    ]);
  });

  it('draw lines with a marker per value, broken where a value is missing', () => {
    const markup = renderToStaticMarkup(
      <LineChart title="満足度の平均" categoryHeader="月" labels={months} max={5} format={(v) => v.toFixed(1)} series={[
        { key: 'shimin', label: '市民課', values: [4, 3.5, null, 4.25] },
        { key: 'doro', label: '道路管理課', values: [2, 2.5, 3, 3] },
      ]} />,
    );
    const shimin = markup.match(/<g class="line" data-series="shimin">(.*?)<\/g><g class="line"/s)![1]!;
    expect(all(shimin, /<g class="point">/g)).toHaveLength(3);
    expect(all(shimin, /<path d="M[^"]*" fill="none"/g)).toHaveLength(1); // 4–3.5; 4.25 stands alone after the gap
    const doro = markup.match(/<g class="line" data-series="doro">(.*?)<\/g><g aria-hidden/s)![1]!;
    expect(all(doro, /<g class="point">/g)).toHaveLength(4);
    // Different marker shapes, and the second line dashed.
    expect(shimin).toContain('<circle');
    expect(doro).toContain('<rect');
    expect(doro).toContain('stroke-dasharray="6 3"');
    expect(tableRows(markup)).toEqual([['2026-04', '4.0', '2.0'], ['2026-05', '3.5', '2.5'], ['2026-06', '–', '3.0'], ['2026-07', '4.3', '3.0']]);
  });

  it('give every chart on a page its own ids', () => {
    const markup = renderToStaticMarkup(
      <>
        <BarChart title="A" categoryHeader="月" labels={months} series={{ key: 'a', label: 'A', values: [1, 2, 3, 4] }} />
        <BarChart title="B" categoryHeader="月" labels={months} series={{ key: 'b', label: 'B', values: [1, 2, 3, 4] }} />
      </>,
    );
    const ids = all(markup, / id="([^"]+)"/g).map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('choose round axis steps', () => {
    expect(niceScale(12)).toEqual({ max: 15, step: 5 });
    expect(niceScale(5)).toEqual({ max: 5, step: 1 });
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
    expect(niceScale(730)).toEqual({ max: 800, step: 200 });
  });
});
