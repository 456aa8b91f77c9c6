import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { outboxStatus, residentRequestKind, residentRequestStatus } from './enums';
import { users } from './org';

/**
 * Who did what, to which record, when and from where. Append-only: a trigger in the
 * migration refuses UPDATE and DELETE, so not even a bug can rewrite history.
 */
export const auditLog = pgTable('audit_log', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  userId: integer('user_id').references(() => users.id),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  requestId: text('request_id'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [
  index('audit_log_at_idx').on(t.at),
  index('audit_log_entity_idx').on(t.entityType, t.entityId),
  // The admin screen filters by person and by action.
  index('audit_log_user_idx').on(t.userId, t.at),
  index('audit_log_action_idx').on(t.action, t.at),
]);

/**
 * Durable email outbox: a message is written in the same transaction as the change that
 * causes it; a worker claims rows with FOR UPDATE SKIP LOCKED and sends them.
 */
export const emailOutbox = pgTable('email_outbox', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  template: text('template').notNull(),
  language: text('language').notNull().default('ja'),
  toAddress: text('to_address').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  status: outboxStatus('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastError: text('last_error'),
  providerMessageId: text('provider_message_id'),
  submissionId: integer('submission_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  /** Recipient and body erased at the end of the mail retention period (or with the voice). */
  erasedAt: timestamp('erased_at', { withTimezone: true }),
}, (t) => [
  index('email_outbox_due_idx').on(t.status, t.nextAttemptAt),
  index('email_outbox_retention_idx').on(t.createdAt).where(sql`${t.erasedAt} is null`),
  index('email_outbox_submission_idx').on(t.submissionId),
]);

/** rate-limiter-flexible's RateLimiterDrizzle store: limits hold across every app instance. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true }),
}, (t) => [index('rate_limits_expire_idx').on(t.expire)]);

/**
 * 開示・訂正・利用停止（消去）: a resident's request about the personal data held on them,
 * recorded by the reform team (or asked for on the tracking page), decided (決裁) by another
 * person, then carried out — each step in the audit log. The law gives 30 days for the decision.
 */
export const residentRequests = pgTable('resident_requests', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  kind: residentRequestKind('kind').notNull(),
  status: residentRequestStatus('status').notNull().default('recorded'),
  /** 'staff' (recorded at the counter, by letter…) or 'tracking' (the resident's own page). */
  source: text('source').notNull().default('staff'),
  requesterName: text('requester_name'),
  /** How the person was identified (本人確認: driving licence, My Number card…). */
  identityCheck: text('identity_check'),
  /** What they gave to find their voices. */
  receiptNumber: text('receipt_number'),
  email: text('email'),
  phone: text('phone'),
  /** What they ask (for a correction: what is wrong and what it should say). */
  details: text('details'),
  /** The voices found for this person, fixed when the request is recorded. */
  submissionIds: integer('submission_ids').array().notNull().default(sql`'{}'::int[]`),
  receivedOn: date('received_on').notNull(),
  /** 開示決定等の期限: 30 days after receipt (個人情報保護法 83条・94条・102条). */
  decisionDue: date('decision_due').notNull(),
  recordedById: integer('recorded_by_id').references(() => users.id),
  decidedById: integer('decided_by_id').references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decisionNote: text('decision_note'),
  completedById: integer('completed_by_id').references(() => users.id),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('resident_requests_status_due_idx').on(t.status, t.decisionDue)]);

/** The erasure job's last completed run, so that it runs once a day whichever worker runs it. */
export const retentionRuns = pgTable('retention_runs', {
  id: integer('id').primaryKey().default(1),
  lastDay: date('last_day').notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
  counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
});
