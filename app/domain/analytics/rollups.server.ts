import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '#db/client';
import { OPEN_STATUSES } from '../voice-status';
import { countedVoice, jstDate, loadBusinessCalendar, timedCtes, type BusinessCalendar } from './sql.server';
import { japanTimeOn } from '~/japan-time';

// The analytics rollups (docs/decisions/analytics-rollups.md): counts per Japan day, and per
// month as the sum of the days, recomputed from the voices, replies, ratings and surveys by
// refreshAnalyticsRollups — in one transaction, so a reader sees the old figures or the new
// ones, never half of each. The worker refreshes the recent months every few minutes and
// everything once a night (app/domain/analytics/refresh-loop.server.ts).

const ROLLUP_TABLES = ['analytics_voice_volumes', 'analytics_answered_voices', 'analytics_reply_ratings', 'analytics_counter_surveys', 'analytics_open_voices'];

/** pg_try_advisory_xact_lock key: "analytics rollups" — two workers never refresh at once. */
const REFRESH_LOCK = 4_711_202_611;

export interface RefreshOptions {
  /**
   * Recompute from this Japan day (YYYY-MM-DD, taken back to the first of its month) to the
   * present; omitted: every day. A refresh is full anyway when there were no rollups yet or
   * the business calendar (national holidays, city closed days) changed since the last one.
   */
  from?: string;
  /** The clock (tests). */
  now?: () => Date;
}

export type RefreshReport =
  /** durationMs: the whole call; stepsMs: each table, and the VACUUM after the commit. */
  | { refreshed: true; full: boolean; from: string | null; refreshedAt: Date; durationMs: number; stepsMs: Record<string, number> }
  /** Another refresh held the lock: nothing was done. */
  | { refreshed: false };

export interface RollupStatus {
  /** When the figures were last computed (ISO instant). */
  refreshedAt: string;
  /** First day the last refresh recomputed; null when it recomputed everything. */
  refreshedFrom: string | null;
  /** When every day was last recomputed (ISO instant). */
  fullRefreshedAt: string;
  durationMs: number;
}

/** When the rollups were last refreshed, or null before the first refresh. */
export async function analyticsRollupStatus(db: Executor): Promise<RollupStatus | null> {
  const [row] = await queryRows<{ refreshed_at: string; refreshed_from: string | null; full_refreshed_at: string; duration_ms: number }>(db, sql`
    select to_char(refreshed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as refreshed_at,
      refreshed_from::text as refreshed_from,
      to_char(full_refreshed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as full_refreshed_at,
      duration_ms
    from analytics_rollup_state where id = 1`);
  return row ? { refreshedAt: row.refreshed_at, refreshedFrom: row.refreshed_from, fullRefreshedAt: row.full_refreshed_at, durationMs: row.duration_ms } : null;
}

/** A fingerprint of the business calendar: business days counted with another calendar are recounted. */
function calendarKey(calendar: BusinessCalendar): string {
  const sorted = (literal: string) => literal.slice(1, -1).split(',').filter(Boolean).sort().join(',');
  return createHash('sha256').update([calendar.holidays, calendar.annual, calendar.dates].map(sorted).join('|')).digest('hex');
}

/** The first of the month of an ISO date. */
function monthStart(isoDate: string): string {
  return `${isoDate.slice(0, 7)}-01`;
}

/**
 * Recomputes the rollups from `from` (or entirely) in one transaction. Returns at once, doing
 * nothing, when another refresh holds the lock.
 */
export async function refreshAnalyticsRollups(db: Database, options: RefreshOptions = {}): Promise<RefreshReport> {
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  // Everything committed before this instant is in the figures (the snapshot is taken after it).
  const refreshedAt = now();
  // One snapshot for every table, so the figures agree with each other.
  const report: RefreshReport = await db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${REFRESH_LOCK}) as locked`);
    if (!lock!.locked) return { refreshed: false } as const;
    // JIT compilation costs more than it saves on these one-off aggregates; the hash
    // aggregates of a full refresh fit in memory with a little more than the default.
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    const calendar = await loadBusinessCalendar(tx);
    const key = calendarKey(calendar);
    const [state] = await queryRows<{ calendar_key: string }>(tx, sql`select calendar_key from analytics_rollup_state where id = 1`);
    const full = !options.from || !state || state.calendar_key !== key;
    const from = full ? null : monthStart(options.from!);

    const stepsMs: Record<string, number> = {};
    const step = async (name: string, run: () => Promise<void>) => {
      const t = performance.now();
      await run();
      stepsMs[name] = Math.round(performance.now() - t);
    };
    const voices = sql.raw('submissions');
    await step('volumes', () => recomputeVoiceVolumes(tx, voices, from));
    await step('answered', () => recomputeAnsweredVoices(tx, voices, from, calendar));
    await step('ratings', () => recomputeReplyRatings(tx, voices, from));
    await step('surveys', () => recomputeCounterSurveys(tx, from));
    await step('open', () => recomputeOpenVoices(tx, voices));

    const durationMs = Math.round(performance.now() - started);
    const at = refreshedAt.toISOString();
    await tx.execute(sql`
      insert into analytics_rollup_state (id, refreshed_at, refreshed_from, full_refreshed_at, calendar_key, duration_ms)
      values (1, ${at}::timestamptz, ${from}::date, ${at}::timestamptz, ${key}, ${durationMs})
      on conflict (id) do update set refreshed_at = excluded.refreshed_at, refreshed_from = excluded.refreshed_from,
        full_refreshed_at = case when excluded.refreshed_from is null then excluded.full_refreshed_at else analytics_rollup_state.full_refreshed_at end,
        calendar_key = excluded.calendar_key, duration_ms = excluded.duration_ms`);
    return { refreshed: true, full, from, refreshedAt, durationMs, stepsMs } as const;
  }, { isolationLevel: 'repeatable read' });
  if (report.refreshed) {
    // The rewritten rows leave dead ones behind: clear them now, with fresh planner statistics,
    // rather than wait for autovacuum (slow to come after a big rewrite, or switched off), so
    // a period keeps reading few pages. Outside the transaction: VACUUM cannot run in one.
    const vacuumStarted = performance.now();
    await db.execute(sql.raw(`vacuum (analyze) ${ROLLUP_TABLES.join(', ')}`));
    report.stepsMs.vacuum = Math.round(performance.now() - vacuumStarted);
    report.durationMs = Math.round(performance.now() - started);
  }
  return report;
}

/** From the first instant of Japan day `from`, or no limit. */
function since(column: SQL, from: string | null): SQL {
  return from === null ? sql`true` : sql`${column} >= ${japanTimeOn(from)}::timestamptz`;
}

/**
 * Deletes the rows of `table` from `from`, inserts the day rows `days` computes, then the
 * month rows as the sums of those days.
 */
async function rewrite(db: Executor, table: string, dimensions: string[], measures: string[], days: SQL, from: string | null) {
  const t = sql.raw(table);
  const dims = dimensions.join(', ');
  await db.execute(sql`delete from ${t} where ${from === null ? sql`true` : sql`bucket >= ${from}::date`}`);
  // In order of the day, so that the rows of a day or month share a few pages.
  await db.execute(sql`insert into ${t} (grain, bucket, ${sql.raw(dims)}, ${sql.raw(measures.join(', '))}) ${days} order by 2`);
  await db.execute(sql`
    insert into ${t} (grain, bucket, ${sql.raw(dims)}, ${sql.raw(measures.join(', '))})
    select 'month', date_trunc('month', bucket)::date, ${sql.raw(dims)}, ${sql.raw(measures.map((m) => `sum(${m})::int`).join(', '))}
    from ${t}
    where grain = 'day' and ${from === null ? sql`true` : sql`bucket >= ${from}::date`}
    group by 2, ${sql.raw(dims)}
    order by 2`);
}

/** Counted voices by Japan day of receipt, kind, channel, category and 課; how many the mayor has reviewed. */
async function recomputeVoiceVolumes(db: Executor, voices: SQL, from: string | null) {
  await rewrite(db, 'analytics_voice_volumes', ['department_id', 'category_id', 'kind', 'channel'], ['voices', 'mayor_reviewed'], sql`
    select 'day', ${jstDate(sql`s.received_at`)}, s.department_id, s.category_id, s.kind, s.channel,
      count(*)::int, count(s.mayor_reviewed_at)::int
    from ${voices} s
    where ${countedVoice('s')} and ${since(sql`s.received_at`, from)}
    group by 2, 3, 4, 5, 6`, from);
}

/**
 * Counted voices by the Japan day of their sent final reply (the earliest, should there be
 * two), with the business and calendar days from receipt, against the due date, and whether an
 * interim reply had been sent before the answer.
 */
async function recomputeAnsweredVoices(db: Executor, voices: SQL, from: string | null, calendar: BusinessCalendar) {
  const final = sql`r.kind = 'final' and r.status = 'sent'`;
  const earlierFinal = from === null ? sql`true` : sql`not exists (
    select 1 from replies e
    where e.submission_id = r.submission_id and e.kind = 'final' and e.status = 'sent' and e.sent_at < ${japanTimeOn(from)}::timestamptz)`;
  await rewrite(db, 'analytics_answered_voices',
    ['department_id', 'category_id', 'business_days', 'calendar_days'],
    ['answered', 'with_due_date', 'on_time', 'late', 'extended_by_interim'], sql`
    with finals as (
      select r.submission_id, min(r.sent_at) as sent_at
      from replies r
      where ${final} and ${since(sql`r.sent_at`, from)} and ${earlierFinal}
      group by r.submission_id
    ),
    interims as (
      -- Interim replies are few: one pass over them beats a lookup per answered voice.
      select i.submission_id, min(i.sent_at) as sent_at
      from replies i
      where i.kind = 'interim' and i.status = 'sent'
      group by i.submission_id
    ),
    answered as (
      select s.department_id, s.category_id, s.due_date,
        ${jstDate(sql`s.received_at`)} as received_on,
        ${jstDate(sql`f.sent_at`)} as answered_on,
        x.sent_at is not null and x.sent_at <= f.sent_at as interim
      from finals f
      join ${voices} s on s.id = f.submission_id
      left join interims x on x.submission_id = f.submission_id
      where ${countedVoice('s')}
    ),
    ${timedCtes(calendar, {
      // Every day from the first receipt or reply to the last (indexes answer these at once).
      first: sql`${jstDate(sql`least((select min(received_at) from submissions), (select min(sent_at) from replies r where ${final}))`)}`,
      last: sql`${jstDate(sql`greatest((select max(received_at) from submissions), (select max(sent_at) from replies r where ${final}))`)}`,
    })}
    select 'day', t.answered_on, t.department_id, t.category_id, t.business_days, t.calendar_days,
      count(*)::int, count(t.due_date)::int,
      count(*) filter (where t.answered_on <= t.due_date)::int,
      count(*) filter (where t.answered_on > t.due_date)::int,
      count(*) filter (where t.interim)::int
    from timed t
    group by 2, 3, 4, 5, 6`, from);
}

/** Ratings by the Japan day given, in the 課 and category of the voice, by satisfaction and resolved. */
async function recomputeReplyRatings(db: Executor, voices: SQL, from: string | null) {
  await rewrite(db, 'analytics_reply_ratings', ['department_id', 'category_id', 'satisfaction', 'resolved'], ['ratings'], sql`
    select 'day', ${jstDate(sql`rr.created_at`)}, s.department_id, s.category_id, rr.satisfaction, rr.resolved, count(*)::int
    from reply_ratings rr
    join ${voices} s on s.id = rr.submission_id
    where ${since(sql`rr.created_at`, from)}
    group by 2, 3, 4, 5, 6`, from);
}

/** Counter surveys by the Japan day answered and counter: count and the sum of each score. */
async function recomputeCounterSurveys(db: Executor, from: string | null) {
  await rewrite(db, 'analytics_counter_surveys', ['counter_id'], ['surveys', 'speed_sum', 'courtesy_sum', 'clarity_sum', 'overall_sum'], sql`
    select 'day', ${jstDate(sql`cs.created_at`)}, cs.counter_id,
      count(*)::int, sum(cs.speed)::int, sum(cs.courtesy)::int, sum(cs.clarity)::int, sum(cs.overall)::int
    from counter_surveys cs
    where ${since(sql`cs.created_at`, from)}
    group by 2, 3`, from);
}

/**
 * Voices open at the refresh (受付, 確認中, 対応中) with a due date, by 課, due date and Japan
 * day of receipt: "overdue now" compares them with today. Always recomputed whole: a voice of
 * any age may have been answered since.
 */
async function recomputeOpenVoices(db: Executor, voices: SQL) {
  const open = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(', '));
  await db.execute(sql`delete from analytics_open_voices`);
  await db.execute(sql`
    insert into analytics_open_voices (department_id, due_date, received_on, voices)
    select s.department_id, s.due_date, ${jstDate(sql`s.received_at`)}, count(*)::int
    from ${voices} s
    where s.status in (${open}) and s.due_date is not null
    group by 1, 2, 3`);
}
