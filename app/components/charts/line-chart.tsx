import type { ReactNode } from 'react';
import {
  Axes, ChartFigure, Legend, MARGIN, colourOf, legendLayout, niceScale, plotHeight, plotWidth, useChartId, type ChartText, type Series,
} from './chart-kit';

const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

/** A distinct marker shape per series, so lines differ by more than colour. */
function marker(index: number, x: number, y: number): ReactNode {
  const colour = colourOf(index);
  switch (index % 4) {
    case 0: return <circle cx={x} cy={y} r="4" fill={colour} />;
    case 1: return <rect x={x - 4} y={y - 4} width="8" height="8" fill={colour} />;
    case 2: return <path d={`M${x},${y - 5} L${x + 5},${y + 4} L${x - 5},${y + 4} Z`} fill={colour} />;
    default: return <path d={`M${x},${y - 5} L${x + 5},${y} L${x},${y + 5} L${x - 5},${y} Z`} fill={colour} />;
  }
}

/**
 * Lines over categories (e.g. average satisfaction per month). A missing value breaks the
 * line; `max` fixes the top of the axis (5 for a 1–5 score).
 */
export function LineChart({ labels, series, max, ...text }: ChartText & { labels: string[]; series: Series[]; max?: number }) {
  const chartId = useChartId();
  const format = text.format ?? String;
  const scale = max ? niceScale(max) : niceScale(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const slot = plotWidth / Math.max(labels.length, 1);
  const at = (i: number, v: number) => ({ x: MARGIN.left + slot * (i + 0.5), y: MARGIN.top + plotHeight - (v / scale.max) * plotHeight });
  return (
    <ChartFigure chartId={chartId} text={text} labels={labels} series={series} legendRows={legendLayout(series).rows}>
      <Axes scale={scale} labels={labels} format={format} />
      {series.map((s, k) => {
        // Runs of consecutive values become one path each.
        const runs: { x: number; y: number }[][] = [];
        s.values.forEach((v, i) => {
          if (v === null) { runs.push([]); return; }
          if (runs.length === 0) runs.push([]);
          runs.at(-1)!.push(at(i, v));
        });
        return (
          <g key={s.key} className="line" data-series={s.key}>
            {runs.filter((r) => r.length > 1).map((run, r) => (
              <path key={r} d={run.map((p, j) => `${j === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ')}
                fill="none" stroke={colourOf(k)} strokeWidth="2" strokeDasharray={DASHES[k % DASHES.length] || undefined} />
            ))}
            {s.values.map((v, i) => {
              if (v === null) return null;
              const p = at(i, v);
              return (
                <g key={i} className="point">
                  {marker(k, p.x, p.y)}
                  <title>{`${labels[i]} ${s.label}: ${format(v)}`}</title>
                </g>
              );
            })}
          </g>
        );
      })}
      <Legend chartId={chartId} series={series} marker={marker} />
    </ChartFigure>
  );
}
