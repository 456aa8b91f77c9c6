import { and, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '#db/client';
import {
  findingClass, improvementLevel, improvementRecordSubmissions, improvementRecords, improvementType, submissions, users,
} from '#db/schema/index';
import { roleHasPermission } from '~/auth/permissions';
import type { StaffUser } from '~/auth/session.server';
import { requirePermission, type ImprovementActor } from './improvements/access';
import { ImprovementRuleError } from './improvements/errors';
import { openImprovementRecord, type OpenedRecord } from './improvements/records.server';
import { auditImprovement, idSchema, isoDateSchema, longText, parseInput, shortText } from './improvements/store.server';
import { newSecretToken } from './secret-token.server';
import { createSubmission } from './submissions.server';

// 職員目安箱: any member of staff sends an improvement idea. They may hide their name from
// managers; the reform team always sees who wrote it (to ask questions and to thank them)
// and turns good ideas into improvement records.

const suggestionSchema = z.object({
  title: shortText,
  body: longText,
  hideName: z.boolean(),
  categoryId: idSchema.nullish(),
});

export async function submitStaffSuggestion(
  db: Database, actor: ImprovementActor, input: z.input<typeof suggestionSchema>,
): Promise<{ id: number; receiptNumber: string }> {
  requirePermission(actor.user, 'staff_box:submit');
  const suggestion = parseInput(suggestionSchema, input);
  return db.transaction(async (tx) => {
    const created = await createSubmission(tx, {
      kind: 'idea',
      channel: 'staff_box',
      categoryId: suggestion.categoryId ?? null,
      title: suggestion.title,
      body: suggestion.body,
      language: actor.user.language,
      // Staff are not residents: no contact row, so no resident mail and no contact to guard.
      contact: null,
      replyWanted: false,
      consentToPublish: false,
      staffAuthorId: actor.user.id,
      staffAuthorHidden: suggestion.hideName,
    }, { trackingToken: newSecretToken() });
    await auditImprovement(tx, actor, 'staff_suggestion.submit', { type: 'submission', id: created.id }, { hideName: suggestion.hideName });
    return { id: created.id, receiptNumber: created.receiptNumber };
  });
}

type Viewer = Pick<StaffUser, 'id' | 'role' | 'departmentId'>;

const author = users;

/** Whose suggestions a viewer reads: all for roles that read every voice; a 課長 their 課's; staff their own. */
function visibleSuggestionsWhere(viewer: Viewer): SQL | undefined {
  if (roleHasPermission(viewer.role, 'voice:read_all')) return undefined;
  const own = eq(submissions.staffAuthorId, viewer.id);
  if (viewer.role === 'manager' && viewer.departmentId !== null) {
    return or(own, eq(author.departmentId, viewer.departmentId), eq(submissions.departmentId, viewer.departmentId));
  }
  return own;
}

/** The author's name: to the reform team and to the author always; to anyone else only when not hidden. */
function authorShownTo(viewer: Viewer, row: { staffAuthorId: number | null; staffAuthorHidden: boolean }): boolean {
  return viewer.role === 'reform' || row.staffAuthorId === viewer.id || !row.staffAuthorHidden;
}

export interface StaffSuggestionView {
  id: number;
  receiptNumber: string;
  title: string;
  body: string;
  status: string;
  receivedAt: Date;
  authorHidden: boolean;
  /** Null when the author chose to hide their name from this viewer. */
  author: { id: number; displayName: string } | null;
  recordNumbers: string[];
}

async function readSuggestions(db: Executor, viewer: Viewer, where: SQL | undefined, limit: number, offset: number): Promise<StaffSuggestionView[]> {
  requirePermission(viewer, 'voice:read');
  const rows = await db.select({
    id: submissions.id,
    receiptNumber: submissions.receiptNumber,
    title: submissions.title,
    body: submissions.body,
    status: submissions.status,
    receivedAt: submissions.receivedAt,
    staffAuthorId: submissions.staffAuthorId,
    staffAuthorHidden: submissions.staffAuthorHidden,
    authorName: author.displayName,
  })
    .from(submissions)
    .leftJoin(author, eq(author.id, submissions.staffAuthorId))
    .where(and(eq(submissions.channel, 'staff_box'), visibleSuggestionsWhere(viewer), where))
    .orderBy(desc(submissions.receivedAt), desc(submissions.id))
    .limit(limit)
    .offset(offset);
  const records = rows.length === 0 ? [] : await db.select({ submissionId: improvementRecordSubmissions.submissionId, number: improvementRecords.number })
    .from(improvementRecordSubmissions)
    .innerJoin(improvementRecords, eq(improvementRecords.id, improvementRecordSubmissions.recordId))
    .where(and(inArray(improvementRecordSubmissions.submissionId, rows.map((r) => r.id)), isNull(improvementRecords.archivedAt)));
  return rows.map((r) => ({
    id: r.id,
    receiptNumber: r.receiptNumber,
    title: r.title,
    body: r.body,
    status: r.status,
    receivedAt: r.receivedAt,
    authorHidden: r.staffAuthorHidden,
    author: authorShownTo(viewer, r) && r.staffAuthorId !== null ? { id: r.staffAuthorId, displayName: r.authorName ?? '' } : null,
    recordNumbers: records.filter((rec) => rec.submissionId === r.id).map((rec) => rec.number),
  }));
}

export async function listStaffSuggestions(db: Executor, viewer: Viewer, options: { page?: number; pageSize?: number } = {}): Promise<StaffSuggestionView[]> {
  const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? 50)), 200);
  const page = Math.max(1, Math.trunc(options.page ?? 1));
  return readSuggestions(db, viewer, undefined, pageSize, (page - 1) * pageSize);
}

/** One suggestion, or null when it does not exist or the viewer may not read it. */
export async function getStaffSuggestion(db: Executor, viewer: Viewer, submissionId: number): Promise<StaffSuggestionView | null> {
  return (await readSuggestions(db, viewer, eq(submissions.id, submissionId), 1, 0))[0] ?? null;
}

const turnSchema = z.object({
  submissionId: idSchema,
  title: shortText.optional(),
  problemStatement: longText.optional(),
  type: z.enum(improvementType.enumValues).default('improvement'),
  // A staff idea is usually an opportunity for improvement (改善の機会).
  findingClass: z.enum(findingClass.enumValues).default('opportunity'),
  level: z.enum(improvementLevel.enumValues),
  ownerDepartmentId: idSchema,
  ownerUserId: idSchema.nullish(),
  dueDate: isoDateSchema.nullish(),
});

/** The reform team turns a suggestion into a record (source 'staff_suggestion', the suggestion linked). */
export async function turnSuggestionIntoRecord(db: Database, actor: ImprovementActor, input: z.input<typeof turnSchema>): Promise<OpenedRecord> {
  requirePermission(actor.user, 'improvement:manage');
  const chosen = parseInput(turnSchema, input);
  const [suggestion] = await db.select({ title: submissions.title, body: submissions.body })
    .from(submissions).where(eq(submissions.id, chosen.submissionId));
  if (!suggestion) throw new ImprovementRuleError('source_ref_not_found', { details: { submissionId: chosen.submissionId } });
  return openImprovementRecord(db, actor, {
    source: 'staff_suggestion',
    sourceRef: { submissionId: chosen.submissionId },
    title: chosen.title ?? suggestion.title.slice(0, 200),
    problemStatement: chosen.problemStatement ?? suggestion.body,
    type: chosen.type,
    findingClass: chosen.findingClass,
    level: chosen.level,
    ownerDepartmentId: chosen.ownerDepartmentId,
    ownerUserId: chosen.ownerUserId,
    dueDate: chosen.dueDate,
  });
}
