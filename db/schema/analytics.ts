import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, smallint, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { replyResolved, submissionChannel, submissionKind } from './enums';

// Pre-aggregated figures for the dashboards, the management review and the public statistics
// (docs/decisions/analytics-rollups.md). Every row is a count for one bucket of Japan time:
// grain 'day' (bucket = the day) and grain 'month' (bucket = the first day of the month, the
// sum of that month's day rows). A period reads the month rows of its whole months and the day
// rows of the partial months at its edges. The tables are rewritten, never edited, by
// refreshAnalyticsRollups (app/domain/analytics/rollups.server.ts); no foreign keys, so a
// refresh inserts without a lookup per row.

const grain = () => text('grain', { enum: ['day', 'month'] }).notNull();
const bucket = () => date('bucket').notNull();
const grainCheck = (name: string, column: AnyPgColumn) => check(`${name}_grain`, sql`${column} in ('day', 'month')`);

/** Counted voices (not hidden, not merged) by the Japan day they were received. */
export const analyticsVoiceVolumes = pgTable('analytics_voice_volumes', {
  grain: grain(),
  bucket: bucket(),
  departmentId: integer('department_id'),
  categoryId: integer('category_id'),
  kind: submissionKind('kind').notNull(),
  channel: submissionChannel('channel').notNull(),
  voices: integer('voices').notNull(),
  /** Of them, those the mayor has marked reviewed. */
  mayorReviewed: integer('mayor_reviewed').notNull(),
}, (t) => [
  index('analytics_voice_volumes_bucket_idx').on(t.grain, t.bucket),
  grainCheck('analytics_voice_volumes', t.grain),
]);

/**
 * Counted voices by the Japan day of their sent final reply, as a histogram of the business
 * and calendar days they waited: medians and the 90th percentile are computed exactly from it.
 */
export const analyticsAnsweredVoices = pgTable('analytics_answered_voices', {
  grain: grain(),
  bucket: bucket(),
  departmentId: integer('department_id'),
  categoryId: integer('category_id'),
  businessDays: integer('business_days').notNull(),
  calendarDays: integer('calendar_days').notNull(),
  answered: integer('answered').notNull(),
  withDueDate: integer('with_due_date').notNull(),
  onTime: integer('on_time').notNull(),
  late: integer('late').notNull(),
  /** Answered after an interim reply (中間回答) had been sent. */
  extendedByInterim: integer('extended_by_interim').notNull(),
}, (t) => [
  index('analytics_answered_voices_bucket_idx').on(t.grain, t.bucket),
  grainCheck('analytics_answered_voices', t.grain),
]);

/** Residents' ratings of replies by the Japan day given, in the 課 and category of the voice. */
export const analyticsReplyRatings = pgTable('analytics_reply_ratings', {
  grain: grain(),
  bucket: bucket(),
  departmentId: integer('department_id'),
  categoryId: integer('category_id'),
  satisfaction: smallint('satisfaction').notNull(),
  resolved: replyResolved('resolved').notNull(),
  ratings: integer('ratings').notNull(),
}, (t) => [
  index('analytics_reply_ratings_bucket_idx').on(t.grain, t.bucket),
  grainCheck('analytics_reply_ratings', t.grain),
]);

/** Counter surveys by the Japan day answered, per counter: the count and the sum of each score. */
export const analyticsCounterSurveys = pgTable('analytics_counter_surveys', {
  grain: grain(),
  bucket: bucket(),
  counterId: integer('counter_id').notNull(),
  surveys: integer('surveys').notNull(),
  speedSum: integer('speed_sum').notNull(),
  courtesySum: integer('courtesy_sum').notNull(),
  claritySum: integer('clarity_sum').notNull(),
  overallSum: integer('overall_sum').notNull(),
}, (t) => [
  index('analytics_counter_surveys_bucket_idx').on(t.grain, t.bucket),
  grainCheck('analytics_counter_surveys', t.grain),
]);

/**
 * Voices open at the last refresh (受付, 確認中, 対応中) that have a due date, by 課, due date
 * and Japan day of receipt: "overdue now" is those due before today. Recomputed whole by every
 * refresh (an open voice of any age may be answered at any time).
 */
export const analyticsOpenVoices = pgTable('analytics_open_voices', {
  departmentId: integer('department_id'),
  dueDate: date('due_date').notNull(),
  receivedOn: date('received_on').notNull(),
  voices: integer('voices').notNull(),
});

/** One row (id = 1) once the rollups have been computed: when, and from which day. */
export const analyticsRollupState = pgTable('analytics_rollup_state', {
  id: smallint('id').primaryKey().default(1),
  /** When the last refresh committed (the figures are as of this instant). */
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  /** First day the last refresh recomputed; null when it recomputed everything. */
  refreshedFrom: date('refreshed_from'),
  /** When every day was last recomputed. */
  fullRefreshedAt: timestamp('full_refreshed_at', { withTimezone: true }).notNull(),
  /** The business calendar the business days were counted with: a change asks for a full refresh. */
  calendarKey: text('calendar_key').notNull(),
  /** How long the last refresh took. */
  durationMs: integer('duration_ms').notNull(),
}, (t) => [check('analytics_rollup_state_one_row', sql`${t.id} = 1`)]);
