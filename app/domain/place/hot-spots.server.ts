import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '#db/client';
import type { Period } from '../analytics/period';
import type { AnalyticsScope } from '../analytics/scope';
import { cellFromIndex } from './geometry';

// "Where": the voices of a period counted per grid cell of about 500 m (the same cells as
// geometry.ts' gridCell, counted in SQL so a year of voices never leaves the database), the
// busiest first — a management-review input beside volumes by kind and 課.

export const HOT_SPOT_METERS = 500;
const TOP = 30;

export interface HotSpot {
  row: number; col: number; count: number; open: number;
  south: number; west: number; north: number; east: number; centerLat: number; centerLng: number;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function placeHotSpots(db: Executor, scope: AnalyticsScope, period: Period, meters = HOT_SPOT_METERS): Promise<{ cells: HotSpot[]; placed: number }> {
  const latStep = meters / 111_320;
  const from = new Date(`${period.from}T00:00:00+09:00`);
  const until = new Date(`${nextDay(period.to)}T00:00:00+09:00`);
  const department = scope.departmentId === null ? sql`true` : sql`department_id = ${scope.departmentId}`;
  const rows = await queryRows<{ row: number; col: number; count: number; open: number }>(db, sql`
    with pins as (
      select floor(latitude / ${latStep}::float8)::int as row, longitude as lng, status from submissions
      where latitude is not null and longitude is not null and status <> 'hidden' and ${department}
        and received_at >= ${from.toISOString()}::timestamptz and received_at < ${until.toISOString()}::timestamptz
    )
    select row, floor(lng / (${meters}::float8 / (111320 * cos(radians((row + 0.5) * ${latStep}::float8)))))::int as col,
      count(*)::int as count, (count(*) filter (where status in ('received', 'triaged', 'in_progress')))::int as open
    from pins group by 1, 2 order by 3 desc, 1, 2`);
  const placed = rows.reduce((n, r) => n + Number(r.count), 0);
  return {
    placed,
    cells: rows.slice(0, TOP).map((r) => ({ row: Number(r.row), col: Number(r.col), count: Number(r.count), open: Number(r.open), ...cellFromIndex(Number(r.row), Number(r.col), meters) })),
  };
}
