import { useId, type ReactNode } from 'react';

// Shared parts of the server-drawn SVG charts: a colour-blind-safe palette (Okabe–Ito) with
// a distinct fill pattern per series so that colour is never the only cue, nice axis steps,
// the labelled <svg role="img">, and the data table that goes with every chart.

const WIDTH = 640;
const HEIGHT = 260;
export const MARGIN = { top: 16, right: 16, bottom: 44, left: 48 };

const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

type Value = number | null;

export interface Series {
  key: string;
  label: string;
  values: Value[];
}

/** Ids safe inside url(#…) and aria attributes (React's useId contains colons). */
export function useChartId(): string {
  return `chart-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
}

export const colourOf = (index: number) => PALETTE[index % PALETTE.length]!;
export const patternId = (chartId: string, index: number) => `${chartId}-p${index}`;

/** One pattern per series: solid, stripes, dots, cross-hatch, … in the series colour. */
export function SeriesPatterns({ chartId, count }: { chartId: string; count: number }) {
  return (
    <defs>
      {Array.from({ length: count }, (_, i) => {
        const colour = colourOf(i);
        const mark = [
          null,
          <path key="m" d="M0,8 L8,0" stroke="#fff" strokeWidth="2" />,
          <circle key="m" cx="4" cy="4" r="1.6" fill="#fff" />,
          <path key="m" d="M0,0 L8,8 M0,8 L8,0" stroke="#fff" strokeWidth="1.2" />,
          <path key="m" d="M0,4 L8,4" stroke="#fff" strokeWidth="2" />,
          <path key="m" d="M4,0 L4,8" stroke="#fff" strokeWidth="2" />,
        ][i % 6];
        return (
          <pattern key={i} id={patternId(chartId, i)} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={colour} />
            {mark}
          </pattern>
        );
      })}
    </defs>
  );
}

/** A round axis maximum and step (1, 2 or 5 × 10ⁿ) with at most five steps. */
export function niceScale(max: number): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 };
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  return { max: Math.ceil(max / step) * step, step };
}

export const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
export const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;

/** Horizontal grid lines with their values, and the x labels under each slot. */
export function Axes({ scale, labels, format }: { scale: { max: number; step: number }; labels: string[]; format: (v: number) => string }) {
  const ticks: number[] = [];
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) ticks.push(v);
  const slot = plotWidth / Math.max(labels.length, 1);
  return (
    <g aria-hidden="true" fontSize="11" fill="#333">
      {ticks.map((v) => {
        const y = MARGIN.top + plotHeight - (v / scale.max) * plotHeight;
        return (
          <g key={v}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y} y2={y} stroke="#ccc" strokeWidth="1" />
            <text x={MARGIN.left - 6} y={y + 4} textAnchor="end">{format(v)}</text>
          </g>
        );
      })}
      {labels.map((label, i) => (
        <text key={i} x={MARGIN.left + slot * (i + 0.5)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">{label}</text>
      ))}
    </g>
  );
}

/** Legend places, wrapping onto new rows below the chart (full-width characters count double). */
export function legendLayout(series: Series[]): { places: { x: number; row: number }[]; rows: number } {
  const places: { x: number; row: number }[] = [];
  let x = MARGIN.left;
  let row = 0;
  for (const s of series) {
    const width = 28 + [...s.label].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 11 : 6.5), 0);
    if (x + width > WIDTH - MARGIN.right && x > MARGIN.left) { row += 1; x = MARGIN.left; }
    places.push({ x, row });
    x += width;
  }
  return { places, rows: series.length === 0 ? 0 : row + 1 };
}

const LEGEND_ROW = 16;

export function Legend({ chartId, series, marker }: { chartId: string; series: Series[]; marker?: (index: number, x: number, y: number) => ReactNode }) {
  const { places } = legendLayout(series);
  return (
    <g aria-hidden="true" fontSize="11" fill="#333">
      {series.map((s, i) => (
        <g key={s.key} transform={`translate(${places[i]!.x},${HEIGHT - 14 + places[i]!.row * LEGEND_ROW})`}>
          {marker ? marker(i, 6, -4) : <rect x="0" y="-10" width="12" height="12" fill={`url(#${patternId(chartId, i)})`} stroke={colourOf(i)} />}
          <text x="18" y="0">{s.label}</text>
        </g>
      ))}
    </g>
  );
}

export interface ChartText {
  /** The chart's title: the SVG's accessible name and the table's caption. */
  title: string;
  /** A sentence saying what the chart shows (read by screen readers). */
  description?: string;
  /** Header of the first table column (e.g. 月). */
  categoryHeader: string;
  /** Shown for a missing value in the table. */
  missing?: string;
  format?: (value: number) => string;
  className?: string;
}

/** The figure: the labelled SVG, then its data table (rows = categories, columns = series). */
export function ChartFigure({ chartId, text, labels, series, legendRows = 1, children }: {
  chartId: string; text: ChartText; labels: string[]; series: Series[]; legendRows?: number; children: ReactNode;
}) {
  const height = HEIGHT + Math.max(0, legendRows - 1) * LEGEND_ROW;
  const format = text.format ?? String;
  const titleId = `${chartId}-title`;
  const descId = `${chartId}-desc`;
  return (
    <figure className={text.className ?? 'chart'}>
      <svg
        role="img" aria-labelledby={text.description ? `${titleId} ${descId}` : titleId}
        viewBox={`0 0 ${WIDTH} ${height}`} width="100%" preserveAspectRatio="xMidYMid meet"
        fontFamily="system-ui, sans-serif"
      >
        <title id={titleId}>{text.title}</title>
        {text.description ? <desc id={descId}>{text.description}</desc> : null}
        {children}
      </svg>
      <table className="chart-data">
        <caption>{text.title}</caption>
        <thead>
          <tr>
            <th scope="col">{text.categoryHeader}</th>
            {series.map((s) => <th key={s.key} scope="col">{s.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={i}>
              <th scope="row">{label}</th>
              {series.map((s) => {
                const v = s.values[i];
                return <td key={s.key}>{v === null || v === undefined ? (text.missing ?? '–') : format(v)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
