import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { outboxStatus } from './enums';
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
}, (t) => [index('email_outbox_due_idx').on(t.status, t.nextAttemptAt)]);

/** rate-limiter-flexible's RateLimiterDrizzle store: limits hold across every app instance. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true }),
}, (t) => [index('rate_limits_expire_idx').on(t.expire)]);
