import { route, type RouteConfigEntry } from '@remix-run/route-config';

// Public statistics per category and 課 per 年度, with CSV.
export const publicStatisticsRoutes: RouteConfigEntry[] = [
  route('statistics', 'routes/public/statistics/page.tsx'),
  route('statistics.csv', 'routes/public/statistics/csv.ts'),
];
