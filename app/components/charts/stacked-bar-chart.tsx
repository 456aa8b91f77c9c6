import {
  Axes, ChartFigure, Legend, MARGIN, legendLayout, SeriesPatterns, colourOf, niceScale, patternId, plotHeight, plotWidth, useChartId,
  type ChartText, type Series,
} from './chart-kit';

/**
 * Bars split by series (e.g. voices per month by kind). Each segment has its own pattern and
 * a tooltip title; the legend names the patterns, the total stands above each bar.
 */
export function StackedBarChart({ labels, series, ...text }: ChartText & { labels: string[]; series: Series[] }) {
  const chartId = useChartId();
  const format = text.format ?? String;
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const scale = niceScale(Math.max(0, ...totals));
  const slot = plotWidth / Math.max(labels.length, 1);
  const barWidth = slot * 0.6;
  return (
    <ChartFigure chartId={chartId} text={text} labels={labels} series={series} legendRows={legendLayout(series).rows}>
      <SeriesPatterns chartId={chartId} count={series.length} />
      <Axes scale={scale} labels={labels} format={format} />
      {labels.map((label, i) => {
        const x = MARGIN.left + slot * i + (slot - barWidth) / 2;
        // Segments from the bottom up: each starts where the one below ended.
        let base = MARGIN.top + plotHeight;
        const segments = series.map((s, k) => {
          const v = s.values[i] ?? 0;
          const height = v > 0 ? (v / scale.max) * plotHeight : 0;
          base -= height;
          return { s, k, v, y: base, height };
        });
        return (
          <g key={i}>
            {segments.filter((g) => g.v > 0).map(({ s, k, v, y, height }) => (
              <rect key={s.key} className="segment" data-series={s.key} x={x} y={y} width={barWidth} height={height}
                fill={`url(#${patternId(chartId, k)})`} stroke={colourOf(k)}>
                <title>{`${label} ${s.label}: ${format(v)}`}</title>
              </rect>
            ))}
            {totals[i]! > 0 ? (
              <text aria-hidden="true" x={x + barWidth / 2} y={base - 3} textAnchor="middle" fontSize="10" fill="#000">{format(totals[i]!)}</text>
            ) : null}
          </g>
        );
      })}
      <Legend chartId={chartId} series={series} />
    </ChartFigure>
  );
}
