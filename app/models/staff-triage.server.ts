import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { categories, departments, replies, submissions, users } from '#db/schema/index';
import { visibleSubmissionsWhere } from '~/auth/scope.server';
import type { StaffUser } from '~/auth/session.server';
import { loadClosedDays } from '~/domain/calendar.server';
import { japanDate } from '~/japan-time';
import { replyTemplatesFor, repliesOf } from '~/domain/replies.server';
import { similarVoices } from '~/domain/inbox.server';
import { interimReplyRequired, isOverdue, OPEN_STATUSES } from '~/domain/voice-status';
import { voicePolicy } from '~/domain/voice-policy';
import { localText } from '~/i18n/city-text';

// What the triage screens read: choices for the forms (categories, 課, people), the working
// view of one voice (replies, templates, similar voices, what the user may do next) and the
// department's open items. Every read of submissions is narrowed by scope.server.ts.

type Viewer = Pick<StaffUser, 'id' | 'role' | 'departmentId'>;

export interface Option {
  value: string;
  label: string;
}

/** Today in Japan and the city's closed days: what due dates and "overdue" are measured by. */
export async function triageCalendar(db: Executor, now = new Date()) {
  return { today: japanDate(now), closedDays: await loadClosedDays(db) };
}

export async function categoryOptions(db: Executor, language: string): Promise<Option[]> {
  const rows = await db.select({ id: categories.id, ja: categories.nameJa, translations: categories.nameTranslations }).from(categories)
    .where(eq(categories.active, true)).orderBy(asc(categories.sortOrder), asc(categories.id));
  return rows.map((r) => ({ value: String(r.id), label: localText(language, r.ja, r.translations) }));
}

/** The 課 a voice can be routed to. */
export async function departmentOptions(db: Executor, language: string): Promise<Option[]> {
  const rows = await db.select({ id: departments.id, ja: departments.nameJa, translations: departments.nameTranslations }).from(departments)
    .where(and(eq(departments.level, 'ka'), eq(departments.active, true))).orderBy(asc(departments.sortOrder), asc(departments.id));
  return rows.map((r) => ({ value: String(r.id), label: localText(language, r.ja, r.translations) }));
}

/** People who can be assigned: the members of one 課, or (departmentId null) of every 課 the viewer may assign in. */
export async function assigneeOptions(db: Executor, viewer: Viewer, departmentId: number | null, language: string): Promise<Option[]> {
  const scope = departmentId !== null ? eq(users.departmentId, departmentId)
    : viewer.role === 'reform' ? sql`${users.departmentId} is not null`
    : viewer.departmentId !== null ? eq(users.departmentId, viewer.departmentId) : sql`false`;
  const rows = await db.select({ id: users.id, name: users.displayName, ja: departments.nameJa, translations: departments.nameTranslations }).from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(and(scope, inArray(users.role, ['staff', 'manager', 'reform']), isNull(users.disabledAt)))
    .orderBy(asc(departments.sortOrder), asc(users.displayName));
  return rows.map((r) => ({ value: String(r.id), label: departmentId !== null ? r.name : `${r.name}（${localText(language, r.ja, r.translations) ?? ''}）` }));
}

/** Everything the voice page needs beyond the details and timeline, for this user. */
export async function voiceWorkspace(db: Executor, user: Viewer, voiceId: number, language: string, now = new Date()) {
  const [voice] = await db.select({
    id: submissions.id, status: submissions.status, kind: submissions.kind, categoryId: submissions.categoryId, departmentId: submissions.departmentId,
    assigneeId: submissions.assigneeId, assigneeName: users.displayName, priority: submissions.priority, dueDate: submissions.dueDate,
    consentToPublish: submissions.consentToPublish, publishedAt: submissions.publishedAt, mayorReviewedAt: submissions.mayorReviewedAt,
    referredTo: submissions.referredTo, notActionableReason: submissions.notActionableReason, hiddenReason: submissions.hiddenReason,
    mergedIntoId: submissions.mergedIntoId, negativeRating: submissions.negativeRating, language: submissions.language,
  }).from(submissions).leftJoin(users, eq(users.id, submissions.assigneeId))
    .where(and(eq(submissions.id, voiceId), visibleSubmissionsWhere(user)));
  if (!voice) return null;
  const { today } = await triageCalendar(db, now);
  const [mergedInto] = voice.mergedIntoId
    ? await db.select({ receiptNumber: submissions.receiptNumber }).from(submissions).where(eq(submissions.id, voice.mergedIntoId))
    : [];

  const replyRows = await repliesOf(db, voice.id);
  const names = new Map<number, string>();
  const ids = [...new Set(replyRows.flatMap((r) => [r.authorId, r.approverId]).filter((id): id is number => id !== null))];
  if (ids.length > 0) for (const u of await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))) names.set(u.id, u.name);
  const finalReplySent = replyRows.some((r) => r.kind === 'final' && r.status === 'sent');

  const may = voicePolicy(user, voice);
  const open = (OPEN_STATUSES as string[]).includes(voice.status);

  return {
    ...voice,
    today,
    overdue: isOverdue(voice, today),
    publishedAt: voice.publishedAt?.toISOString() ?? null,
    mayorReviewedAt: voice.mayorReviewedAt?.toISOString() ?? null,
    mergedIntoReceiptNumber: mergedInto?.receiptNumber ?? null,
    interimRequired: interimReplyRequired({ status: voice.status, dueDate: voice.dueDate, today, finalReplySent }),
    finalReplySent,
    replies: replyRows.map((r) => ({
      id: r.id, kind: r.kind, status: r.status, body: r.body, version: r.version, interimReason: r.interimReason, newDueDate: r.newDueDate,
      authorName: names.get(r.authorId) ?? null, approverName: r.approverId ? names.get(r.approverId) ?? null : null,
      approvalComment: r.approvalComment, sentAt: r.sentAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(),
    })),
    may: {
      triage: may.triage, assign: may.assign, priority: may.priority, draft: may.draft && open,
      approve: may.approve, publish: may.publish, improve: may.improve,
    },
    statusChoices: [...may.statusChoices],
    templates: may.draft ? await replyTemplatesFor(db, voice.categoryId) : [],
    similar: await similarVoices(db, user, voice.id),
    options: {
      categories: may.triage ? await categoryOptions(db, language) : [],
      departments: may.triage ? await departmentOptions(db, language) : [],
      assignees: may.assign && voice.departmentId !== null ? await assigneeOptions(db, user, voice.departmentId, language) : [],
    },
  };
}

/** The open items of one 課, soonest due first (no due date last), overdue ones flagged. */
export async function departmentOpenItems(db: Executor, departmentId: number, today: string, language: string) {
  const rows = await db.select({
    id: submissions.id, receiptNumber: submissions.receiptNumber, title: submissions.title, kind: submissions.kind, status: submissions.status,
    dueDate: submissions.dueDate, priority: submissions.priority, assigneeName: users.displayName, categoryJa: categories.nameJa, categoryTranslations: categories.nameTranslations,
    awaitingApproval: sql<boolean>`exists (select 1 from ${replies} where ${replies.submissionId} = ${submissions.id} and ${replies.status} = 'awaiting_approval')`,
  }).from(submissions)
    .leftJoin(users, eq(users.id, submissions.assigneeId))
    .leftJoin(categories, eq(categories.id, submissions.categoryId))
    .where(and(eq(submissions.departmentId, departmentId), inArray(submissions.status, [...OPEN_STATUSES])))
    .orderBy(sql`${submissions.dueDate} asc nulls last`, asc(submissions.receivedAt), asc(submissions.id));
  return rows.map(({ categoryJa, categoryTranslations, ...r }) => ({
    ...r, categoryName: localText(language, categoryJa, categoryTranslations), overdue: isOverdue(r, today), awaitingApproval: Boolean(r.awaitingApproval),
  }));
}

/** Receipt numbers of visible voices by id, for reporting bulk results. */
export async function receiptNumbersOf(db: Executor, user: Viewer, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: submissions.id, receiptNumber: submissions.receiptNumber }).from(submissions)
    .where(and(inArray(submissions.id, ids), visibleSubmissionsWhere(user)));
  return new Map(rows.map((r) => [r.id, r.receiptNumber]));
}
