import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import {
  actionKind, effectiveness, findingClass, improvementLevel, improvementPhotoLabel, improvementSource, improvementStage, improvementType,
} from './enums';
import { departments, users } from './org';
import { translations } from './translations';
import { submissions } from './voices';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** 内部監査: a finding recorded by an internal auditor; it may become an improvement record. */
export const auditFindings = pgTable('audit_findings', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  auditorId: integer('auditor_id').notNull().references(() => users.id),
  departmentId: integer('department_id').notNull().references(() => departments.id),
  findingClass: findingClass('finding_class').notNull(),
  // External audits are recorded as findings too, with the body that audited.
  externalBody: text('external_body'),
  description: text('description').notNull(),
  foundOn: date('found_on').notNull(),
  createdAt: createdAt(),
});

/** 是正・予防処置 (ISO 9001 10.2): the record that carries a voice through PLAN-DO-CHECK-ACT. */
export const improvementRecords = pgTable('improvement_records', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  number: text('number').notNull().unique(),
  title: text('title').notNull(),
  type: improvementType('type').notNull(),
  findingClass: findingClass('finding_class').notNull(),
  level: improvementLevel('level').notNull(),
  source: improvementSource('source').notNull(),
  stage: improvementStage('stage').notNull().default('plan'),
  ownerDepartmentId: integer('owner_department_id').notNull().references(() => departments.id),
  ownerUserId: integer('owner_user_id').references(() => users.id),
  dueDate: date('due_date'),
  auditFindingId: integer('audit_finding_id').references(() => auditFindings.id),
  // SEE
  problemStatement: text('problem_statement').notNull(),
  // PLAN
  immediateCorrection: text('immediate_correction'),
  correctionConsequences: text('correction_consequences'),
  causeAnalysis: text('cause_analysis'),
  similarProblems: text('similar_problems'),
  // CHECK
  checkDueDate: date('check_due_date'),
  effectiveness: effectiveness('effectiveness'),
  effectivenessEvidence: text('effectiveness_evidence'),
  checkedAt: timestamp('checked_at', { withTimezone: true }),
  checkedById: integer('checked_by_id').references(() => users.id),
  // ACT
  standardisation: text('standardisation'),
  risksUpdated: text('risks_updated'),
  publicSummaryJa: text('public_summary_ja'),
  publicSummaryTranslations: translations('public_summary_translations'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  // Records are never deleted, only archived with a reason.
  archivedAt: timestamp('archived_at', { withTimezone: true }),
  archiveReason: text('archive_reason'),
  version: integer('version').notNull().default(1),
  createdById: integer('created_by_id').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('improvement_records_stage_idx').on(t.stage),
  index('improvement_records_owner_idx').on(t.ownerDepartmentId),
  index('improvement_records_closed_idx').on(t.closedAt).where(sql`${t.closedAt} is not null`),
]);

/** Many voices can lead to one record, and one voice to several records. */
export const improvementRecordSubmissions = pgTable('improvement_record_submissions', {
  recordId: integer('record_id').notNull().references(() => improvementRecords.id),
  submissionId: integer('submission_id').notNull().references(() => submissions.id),
  linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.recordId, t.submissionId] }), index('irs_submission_idx').on(t.submissionId)]);

/** PLAN actions and 横展開 (spreading to other 課) follow-ups. */
export const improvementActions = pgTable('improvement_actions', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  recordId: integer('record_id').notNull().references(() => improvementRecords.id),
  kind: actionKind('kind').notNull().default('plan'),
  description: text('description').notNull(),
  ownerDepartmentId: integer('owner_department_id').references(() => departments.id),
  ownerUserId: integer('owner_user_id').references(() => users.id),
  dueDate: date('due_date'),
  doneAt: timestamp('done_at', { withTimezone: true }),
  evidence: text('evidence'),
  createdAt: createdAt(),
}, (t) => [index('improvement_actions_record_idx').on(t.recordId), index('improvement_actions_due_idx').on(t.dueDate)]);

/**
 * Photo evidence staff attach at DO and CHECK (改善前/改善後): the place or thing that was fixed,
 * taken by staff. Cleaned like residents' photos; public only when chosen AND the record is public.
 */
export const improvementPhotos = pgTable('improvement_photos', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  recordId: integer('record_id').notNull().references(() => improvementRecords.id),
  /** The record's stage when the photo was added (do or check). */
  stage: improvementStage('stage').notNull(),
  label: improvementPhotoLabel('label').notNull(),
  caption: text('caption').notNull(),
  storageKey: text('storage_key').notNull(),
  mimeType: text('mime_type').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  bytes: integer('bytes').notNull(),
  published: boolean('published').notNull().default(false),
  addedById: integer('added_by_id').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [index('improvement_photos_record_idx').on(t.recordId)]);

/** Append-only history of a record: stage changes, reviews, reopenings. */
export const improvementRecordEvents = pgTable('improvement_record_events', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  recordId: integer('record_id').notNull().references(() => improvementRecords.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorUserId: integer('actor_user_id').references(() => users.id),
  type: text('type').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [index('improvement_record_events_record_idx').on(t.recordId, t.at)]);

/** マネジメントレビュー (ISO 9001 9.3) for a period, and the decisions it took. */
export const managementReviews = pgTable('management_reviews', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  title: text('title').notNull(),
  periodStart: date('period_start').notNull(),
  periodEnd: date('period_end').notNull(),
  heldOn: date('held_on'),
  notes: text('notes'),
  createdById: integer('created_by_id').references(() => users.id),
  createdAt: createdAt(),
});

export const managementReviewDecisions = pgTable('management_review_decisions', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  reviewId: integer('review_id').notNull().references(() => managementReviews.id),
  decision: text('decision').notNull(),
  improvementRecordId: integer('improvement_record_id').references(() => improvementRecords.id),
  createdAt: createdAt(),
});
