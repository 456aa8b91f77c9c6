import {
  boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, smallint, text, timestamp,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import {
  replyKind, replyResolved, replyStatus, submissionChannel, submissionKind, submissionOutcome, submissionStatus,
  timelineVisibility,
} from './enums';
import { categories, departments, serviceCounters, users } from './org';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Receipt numbers run per fiscal year (April–March): one counter row per 年度. */
export const receiptSequences = pgTable('receipt_sequences', {
  fiscalYear: smallint('fiscal_year').primaryKey(),
  lastNumber: integer('last_number').notNull().default(0),
});

/** 市民の声: a voice from a resident (or from staff on the resident's behalf). */
export const submissions = pgTable('submissions', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  fiscalYear: smallint('fiscal_year').notNull(),
  receiptNumber: text('receipt_number').notNull().unique(),
  trackingTokenHash: text('tracking_token_hash').notNull().unique(),
  kind: submissionKind('kind').notNull(),
  channel: submissionChannel('channel').notNull(),
  status: submissionStatus('status').notNull().default('received'),
  outcome: submissionOutcome('outcome'),
  categoryId: integer('category_id').references(() => categories.id),
  departmentId: integer('department_id').references(() => departments.id),
  assigneeId: integer('assignee_id').references(() => users.id),
  counterId: integer('counter_id').references(() => serviceCounters.id),
  priority: smallint('priority').notNull().default(0),
  title: text('title').notNull(),
  body: text('body').notNull(),
  language: text('language').notNull().default('ja'),
  placeText: text('place_text'),
  postcode: text('postcode'),
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
  anonymous: boolean('anonymous').notNull().default(true),
  replyWanted: boolean('reply_wanted').notNull().default(false),
  consentToPublish: boolean('consent_to_publish').notNull().default(false),
  nonEssentialMailOptOut: boolean('non_essential_mail_opt_out').notNull().default(false),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  dueDate: date('due_date'),
  mayorReviewedAt: timestamp('mayor_reviewed_at', { withTimezone: true }),
  mayorReviewedById: integer('mayor_reviewed_by_id').references(() => users.id),
  mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => submissions.id),
  referredTo: text('referred_to'),
  notActionableReason: text('not_actionable_reason'),
  hiddenReason: text('hidden_reason'),
  negativeRating: boolean('negative_rating').notNull().default(false),
  enteredById: integer('entered_by_id').references(() => users.id),
  // 職員目安箱: the staff author, who may hide their name from managers.
  staffAuthorId: integer('staff_author_id').references(() => users.id),
  staffAuthorHidden: boolean('staff_author_hidden').notNull().default(false),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  publishedTitle: text('published_title'),
  publishedBody: text('published_body'),
  publishedReply: text('published_reply'),
  // Overlapping character bigrams of title + body: Japanese has no spaces, so search
  // matches bigrams through a GIN index on both drivers, then confirms with LIKE.
  searchBigrams: text('search_bigrams').array().notNull().default(sql`'{}'::text[]`),
  // The folded text the search confirms its bigram candidates against, kept by PostgreSQL
  // itself, so a search does not normalise every candidate's body again (measured: 200 ms for
  // 5,700 candidates on a million voices). search_fold() folds width, case, kana and long-vowel
  // marks exactly as normalizeForSearch() in app/domain/search-text.ts does.
  searchText: text('search_text').generatedAlwaysAs(sql`search_fold(title || ' ' || body)`),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  // Set by the erasure job (app/domain/retention.server.ts) when the voice's retention period
  // ended: its personal data is gone and only the figures remain.
  personalDataErasedAt: timestamp('personal_data_erased_at', { withTimezone: true }),
  // Optimistic locking: every staff edit must name the version it read.
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('submissions_status_received_idx').on(t.status, t.receivedAt),
  index('submissions_department_due_idx').on(t.departmentId, t.dueDate),
  // The inbox's usual filters within a 課 (status, kind), in due-date order.
  index('submissions_department_status_kind_due_idx').on(t.departmentId, t.status, t.kind, t.dueDate),
  index('submissions_received_idx').on(t.receivedAt),
  index('submissions_assignee_idx').on(t.assigneeId),
  index('submissions_category_idx').on(t.categoryId),
  index('submissions_mayor_queue_idx').on(t.receivedAt).where(sql`${t.mayorReviewedAt} is null`),
  index('submissions_published_idx').on(t.publishedAt).where(sql`${t.publishedAt} is not null`),
  index('submissions_bigrams_idx').using('gin', t.searchBigrams),
  // The erasure job's next batch: the oldest voices not yet erased.
  index('submissions_retention_idx').on(t.receivedAt).where(sql`${t.personalDataErasedAt} is null`),
  index('submissions_closed_idx').on(t.closedAt).where(sql`${t.closedAt} is not null`),
  // Voices near a point (the staff voice page's "nearby"): a latitude band first, pins only.
  index('submissions_place_idx').on(t.latitude, t.longitude).where(sql`${t.latitude} is not null`),
  check('submissions_priority_range', sql`${t.priority} between 0 and 3`),
]);

/**
 * Residents' contact details live apart from the voice, so that every read of them is a
 * deliberate query (audited) and roles without the right (auditor) simply never join it.
 */
export const submissionContacts = pgTable('submission_contacts', {
  submissionId: integer('submission_id').primaryKey().references(() => submissions.id),
  familyName: text('family_name'),
  givenName: text('given_name'),
  familyNameKana: text('family_name_kana'),
  givenNameKana: text('given_name_kana'),
  email: text('email'),
  phone: text('phone'),
  address: text('address'),
});

export const submissionPhotos = pgTable('submission_photos', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  submissionId: integer('submission_id').notNull().references(() => submissions.id),
  storageKey: text('storage_key').notNull(),
  mimeType: text('mime_type').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  bytes: integer('bytes').notNull(),
  /** Chosen by staff to appear on the public pages and in Open311 (never by default). */
  published: boolean('published').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [index('submission_photos_submission_idx').on(t.submissionId)]);

/** Append-only timeline of a voice; "public" events are shown to the resident. */
export const submissionEvents = pgTable('submission_events', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  submissionId: integer('submission_id').notNull().references(() => submissions.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorUserId: integer('actor_user_id').references(() => users.id),
  type: text('type').notNull(),
  visibility: timelineVisibility('visibility').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [index('submission_events_submission_idx').on(t.submissionId, t.at)]);

/** Replies and interim replies, with the 決裁 (approval) of the department manager. */
export const replies = pgTable('replies', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  submissionId: integer('submission_id').notNull().references(() => submissions.id),
  kind: replyKind('kind').notNull().default('final'),
  status: replyStatus('status').notNull().default('draft'),
  body: text('body').notNull(),
  // Interim replies (中間回答) give a reason and a new date.
  interimReason: text('interim_reason'),
  newDueDate: date('new_due_date'),
  templateId: integer('template_id'),
  authorId: integer('author_id').notNull().references(() => users.id),
  approverId: integer('approver_id').references(() => users.id),
  approvalComment: text('approval_comment'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
}, (t) => [
  index('replies_submission_idx').on(t.submissionId),
  index('replies_status_idx').on(t.status),
  // Reply times, compliance and public statistics start from the final replies sent in a period.
  index('replies_final_sent_idx').on(t.sentAt).where(sql`${t.kind} = 'final' and ${t.status} = 'sent'`),
]);

/** The resident's rating of a reply (顧客満足 1). */
export const replyRatings = pgTable('reply_ratings', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  submissionId: integer('submission_id').notNull().references(() => submissions.id),
  replyId: integer('reply_id').references(() => replies.id),
  resolved: replyResolved('resolved').notNull(),
  satisfaction: smallint('satisfaction').notNull(),
  comment: text('comment'),
  createdAt: createdAt(),
}, (t) => [
  index('reply_ratings_submission_idx').on(t.submissionId),
  index('reply_ratings_created_idx').on(t.createdAt),
  check('reply_ratings_satisfaction_range', sql`${t.satisfaction} between 1 and 5`),
]);

/** 窓口アンケート: a counter survey (顧客満足 2). */
export const counterSurveys = pgTable('counter_surveys', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  counterId: integer('counter_id').notNull().references(() => serviceCounters.id),
  speed: smallint('speed').notNull(),
  courtesy: smallint('courtesy').notNull(),
  clarity: smallint('clarity').notNull(),
  overall: smallint('overall').notNull(),
  comment: text('comment'),
  language: text('language').notNull().default('ja'),
  convertedSubmissionId: integer('converted_submission_id').references(() => submissions.id),
  createdAt: createdAt(),
}, (t) => [
  index('counter_surveys_counter_created_idx').on(t.counterId, t.createdAt),
  check('counter_surveys_scores_range', sql`${t.speed} between 1 and 5 and ${t.courtesy} between 1 and 5 and ${t.clarity} between 1 and 5 and ${t.overall} between 1 and 5`),
]);

/** Makes a resident's double or concurrent submit yield the same voice. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text('key').primaryKey(),
  scope: text('scope').notNull(),
  submissionId: integer('submission_id').references(() => submissions.id),
  response: jsonb('response').$type<Record<string, unknown>>(),
  createdAt: createdAt(),
});

