export { BarChart } from './bar-chart';
export { StackedBarChart } from './stacked-bar-chart';
export { LineChart } from './line-chart';
