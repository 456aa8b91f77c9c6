import { route, type RouteConfigEntry } from '@remix-run/route-config';

// Dashboards, the management review report and its exports.
// Children of the signed-in staff layout: paths are relative to /staff.
export const staffAnalyticsChildren: RouteConfigEntry[] = [
  route('analytics', 'routes/staff/analytics/dashboard.tsx'),
  route('analytics/where', 'routes/staff/analytics/where.tsx'),
  route('analytics/findings', 'routes/staff/analytics/findings.tsx'),
  route('analytics/findings.csv', 'routes/staff/analytics/findings-csv.ts'),
  route('analytics/findings.xlsx', 'routes/staff/analytics/findings-xlsx.ts'),
  route('analytics/review', 'routes/staff/analytics/review.tsx'),
  route('analytics/review.csv', 'routes/staff/analytics/review-csv.ts'),
  route('analytics/review.xlsx', 'routes/staff/analytics/review-xlsx.ts'),
  route('analytics/reviews/new', 'routes/staff/analytics/review-new.tsx'),
  route('analytics/reviews/:reviewId', 'routes/staff/analytics/review-record.tsx'),
];
