import { pgEnum } from 'drizzle-orm/pg-core';

// Every list of DOMAIN.md values is a Postgres enum so that bad data cannot enter even
// through a script or a future API; the TypeScript unions below are derived from them.

export const staffRole = pgEnum('staff_role', ['staff', 'manager', 'reform', 'mayor', 'auditor', 'admin']);
export const departmentLevel = pgEnum('department_level', ['bu', 'ka']);

export const submissionKind = pgEnum('submission_kind', ['idea', 'complaint', 'request', 'question', 'praise']);
export const submissionChannel = pgEnum('submission_channel', [
  'web', 'phone', 'fax', 'counter', 'letter', 'email', 'staff_box', 'api',
]);
export const submissionStatus = pgEnum('submission_status', [
  'received', 'triaged', 'in_progress', 'answered', 'closed',
  'merged', 'referred', 'not_actionable', 'hidden',
]);
// Fuji city's outcome codes for ideas and requests.
export const submissionOutcome = pgEnum('submission_outcome', ['realized', 'considering', 'difficult', 'reference', 'other']);
export const timelineVisibility = pgEnum('timeline_visibility', ['public', 'internal']);

export const replyKind = pgEnum('reply_kind', ['final', 'interim']);
export const replyStatus = pgEnum('reply_status', ['draft', 'awaiting_approval', 'returned', 'approved', 'sent']);
export const replyResolved = pgEnum('reply_resolved', ['yes', 'partly', 'no']);

export const improvementType = pgEnum('improvement_type', ['corrective', 'preventive', 'improvement']);
// Naha city's finding classes.
export const findingClass = pgEnum('finding_class', [
  'nonconformity', 'potential_nonconformity', 'request', 'opportunity',
  'minor_fix', 'recommendation', 'minor_nonconformity',
]);
// The NPO's five levels of improvement.
export const improvementLevel = pgEnum('improvement_level', ['operations', 'people', 'programme', 'workplace', 'strategy']);
export const improvementSource = pgEnum('improvement_source', [
  'voice', 'counter_survey', 'staff_suggestion', 'internal_audit', 'external_audit', 'management_review', 'mayor_instruction',
]);
export const improvementStage = pgEnum('improvement_stage', ['plan', 'do', 'check', 'act', 'closed']);
export const effectiveness = pgEnum('effectiveness', ['effective', 'partly', 'not_effective']);
export const actionKind = pgEnum('action_kind', ['plan', 'spread']);
// Photo evidence of an improvement: 改善前 / 改善後.
export const improvementPhotoLabel = pgEnum('improvement_photo_label', ['before', 'after']);

export const outboxStatus = pgEnum('outbox_status', ['pending', 'sending', 'sent', 'dead']);
export const tokenPurpose = pgEnum('token_purpose', ['invite', 'password_reset', 'sign_in_unlock']);
export const closedDayKind = pgEnum('closed_day_kind', ['annual', 'date']);

export type StaffRole = (typeof staffRole.enumValues)[number];
export type SubmissionKind = (typeof submissionKind.enumValues)[number];
export type SubmissionChannel = (typeof submissionChannel.enumValues)[number];
export type SubmissionStatus = (typeof submissionStatus.enumValues)[number];
export type SubmissionOutcome = (typeof submissionOutcome.enumValues)[number];
export type ReplyStatus = (typeof replyStatus.enumValues)[number];
export type ImprovementStage = (typeof improvementStage.enumValues)[number];
export type FindingClass = (typeof findingClass.enumValues)[number];
export const residentRequestKind = pgEnum('resident_request_kind', ['disclosure', 'correction', 'erasure']);
export const residentRequestStatus = pgEnum('resident_request_status', ['recorded', 'approved', 'rejected', 'completed']);
export type ResidentRequestKindValue = (typeof residentRequestKind.enumValues)[number];
