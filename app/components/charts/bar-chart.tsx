import {
  Axes, ChartFigure, MARGIN, SeriesPatterns, colourOf, niceScale, patternId, plotHeight, plotWidth, useChartId,
  type ChartText, type Series,
} from './chart-kit';

/** One bar per category (e.g. voices per month), each with its value written above it. */
export function BarChart({ labels, series, ...text }: ChartText & { labels: string[]; series: Series }) {
  const chartId = useChartId();
  const format = text.format ?? String;
  const scale = niceScale(Math.max(0, ...series.values.map((v) => v ?? 0)));
  const slot = plotWidth / Math.max(labels.length, 1);
  const barWidth = slot * 0.6;
  return (
    <ChartFigure chartId={chartId} text={text} labels={labels} series={[series]}>
      <SeriesPatterns chartId={chartId} count={1} />
      <Axes scale={scale} labels={labels} format={format} />
      <g data-series={series.key}>
        {series.values.map((v, i) => {
          if (v === null) return null;
          const height = (v / scale.max) * plotHeight;
          const x = MARGIN.left + slot * i + (slot - barWidth) / 2;
          const y = MARGIN.top + plotHeight - height;
          return (
            <g key={i}>
              <rect className="bar" x={x} y={y} width={barWidth} height={height} fill={`url(#${patternId(chartId, 0)})`} stroke={colourOf(0)}>
                <title>{`${labels[i]}: ${format(v)}`}</title>
              </rect>
              <text aria-hidden="true" x={x + barWidth / 2} y={y - 3} textAnchor="middle" fontSize="10" fill="#000">{format(v)}</text>
            </g>
          );
        })}
      </g>
    </ChartFigure>
  );
}
