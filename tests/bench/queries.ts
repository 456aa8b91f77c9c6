// Direct calls of the app's read models against the large dataset (no HTTP): the inbox
// (default view, a filtered view, a Japanese substring search), the dashboard and the
// management review, each timed over repeated runs after a warm-up.
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../db/client';
import { listInbox, parseInboxFilters } from '../../app/domain/inbox.server';
import { loadDashboard } from '../../app/domain/analytics/dashboard.server';
import { buildManagementReview } from '../../app/domain/reports/management-review.server';
import { ALL_DEPARTMENTS } from '../../app/domain/analytics/scope';
import { fiscalYearPeriod } from '../../app/domain/analytics/period';
import { fiscalYearOf } from '../../app/domain/fiscal-year';
import { triageCalendar } from '../../app/models/staff-triage.server';
import type { StaffRole } from '../../db/schema/enums';

export interface Timing {
  name: string;
  runs: number;
  p50: number;
  p95: number;
  max: number;
  rows?: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Warm-up, then `runs` timed runs, or fewer when they take more than a minute in all (at least 3). */
async function time(name: string, runs: number, fn: () => Promise<number | undefined>): Promise<Timing> {
  await fn();
  const samples: number[] = [];
  let rows: number | undefined;
  const deadline = performance.now() + 60_000;
  for (let i = 0; i < runs && (i < 3 || performance.now() < deadline); i += 1) {
    const started = performance.now();
    rows = await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { name, runs: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1)!, rows };
}

export async function timeReadModels(url: string, options: { inboxRuns: number; reportRuns: number }): Promise<Timing[]> {
  const handle = await openDatabase({ driver: 'postgres', url, maxConnections: 2 });
  try {
    const db = handle.db;
    const [reform] = await queryRows<{ id: number; role: StaffRole; department_id: number | null }>(db, sql`select id, role, department_id from users where role = 'reform' order by id limit 1`);
    const [shimin] = await queryRows<{ id: number }>(db, sql`select id from departments where code = 'shimin'`);
    const user = { id: reform!.id, role: reform!.role, departmentId: reform!.department_id };
    const calendar = await triageCalendar(db);
    const inbox = (query: string) => async () => (await listInbox(db, user, parseInboxFilters(new URLSearchParams(query)), calendar)).items.length;
    const fy = fiscalYearOf(new Date());
    const today = calendar.today;
    return [
      await time('inbox: default view (newest first)', options.inboxRuns, inbox('')),
      await time('inbox: filtered (in progress, 市民課, complaints, by due date)', options.inboxRuns, inbox(`status=in_progress&department=${shimin!.id}&kind=complaint&sort=due`)),
      await time('inbox: search 「駐輪場」', options.inboxRuns, inbox(`q=${encodeURIComponent('駐輪場')}`)),
      await time('inbox: search 「照明が暗く」', options.inboxRuns, inbox(`q=${encodeURIComponent('照明が暗く')}`)),
      await time('inbox: search 「駐輪場 照明」 (two words)', options.inboxRuns, inbox(`q=${encodeURIComponent('駐輪場 照明')}`)),
      await time('inbox: search 「照明　通勤　不安」 (three words, full-width spaces)', options.inboxRuns, inbox(`q=${encodeURIComponent('照明　通勤　不安')}`)),
      await time('inbox: search 「べんち 壊れ」 (hiragana for ベンチ)', options.inboxRuns, inbox(`q=${encodeURIComponent('べんち 壊れ')}`)),
      await time(`dashboard: all departments, FY${fy}`, options.reportRuns, async () => { await loadDashboard(db, ALL_DEPARTMENTS, fiscalYearPeriod(fy), today); return undefined; }),
      await time(`dashboard: all departments, FY${fy - 1}`, options.reportRuns, async () => { await loadDashboard(db, ALL_DEPARTMENTS, fiscalYearPeriod(fy - 1), today); return undefined; }),
      await time(`management review: FY${fy - 1}`, options.reportRuns, async () => { await buildManagementReview(db, fiscalYearPeriod(fy - 1), today); return undefined; }),
    ];
  } finally {
    await handle.close();
  }
}
