import { and, asc, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '#db/client';
import { categories, departments, submissionEvents, submissions, users } from '#db/schema/index';
import { visibleSubmissionsWhere } from '~/auth/scope.server';
import type { StaffUser } from '~/auth/session.server';
import { voiceSearchCondition } from '~/domain/voice-search.server';
import { localText, type Translations } from '~/i18n/city-text';

// What the backoffice reads about one voice (its writes are in domain/voice-staff-notes.server.ts). Every query that reads submissions
// for a member of staff is narrowed by scope.server.ts; a voice outside it is "not found".

type Viewer = Pick<StaffUser, 'id' | 'role' | 'departmentId'>;

export interface VoiceListItem {
  receiptNumber: string;
  title: string;
  kind: string;
  status: string;
  receivedAt: string;
  dueDate: string | null;
  departmentName: string | null;
}

/** The latest voices this user may see, optionally those matching a search. */
export async function listVisibleVoices(
  db: Executor, user: Viewer, options: { query?: string; language: string; limit?: number },
): Promise<VoiceListItem[]> {
  const conditions = [visibleSubmissionsWhere(user)];
  const search = options.query ? voiceSearchCondition(options.query) : undefined;
  if (search) conditions.push(search);
  const rows = await db
    .select({
      receiptNumber: submissions.receiptNumber,
      title: submissions.title,
      kind: submissions.kind,
      status: submissions.status,
      receivedAt: submissions.receivedAt,
      dueDate: submissions.dueDate,
      departmentJa: departments.nameJa,
      departmentTranslations: departments.nameTranslations,
    })
    .from(submissions)
    .leftJoin(departments, eq(departments.id, submissions.departmentId))
    .where(and(...conditions))
    .orderBy(desc(submissions.receivedAt), desc(submissions.id))
    .limit(options.limit ?? 20);
  return rows.map((r) => ({
    receiptNumber: r.receiptNumber,
    title: r.title,
    kind: r.kind,
    status: r.status,
    receivedAt: r.receivedAt.toISOString(),
    dueDate: r.dueDate,
    departmentName: localText(options.language, r.departmentJa, r.departmentTranslations),
  }));
}

const actor = alias(users, 'actor');

/** One voice with its timeline, if this user may see it; otherwise null. */
export async function findVisibleVoice(db: Executor, user: Viewer, receiptNumber: string, language: string) {
  const [row] = await db
    .select({
      id: submissions.id,
      receiptNumber: submissions.receiptNumber,
      version: submissions.version,
      kind: submissions.kind,
      channel: submissions.channel,
      language: submissions.language,
      status: submissions.status,
      title: submissions.title,
      body: submissions.body,
      placeText: submissions.placeText,
      latitude: submissions.latitude,
      longitude: submissions.longitude,
      anonymous: submissions.anonymous,
      replyWanted: submissions.replyWanted,
      receivedAt: submissions.receivedAt,
      dueDate: submissions.dueDate,
      departmentId: submissions.departmentId,
      categoryId: submissions.categoryId,
      consentToPublish: submissions.consentToPublish,
      departmentJa: departments.nameJa,
      departmentTranslations: departments.nameTranslations,
      categoryJa: categories.nameJa,
      categoryTranslations: categories.nameTranslations,
    })
    .from(submissions)
    .leftJoin(departments, eq(departments.id, submissions.departmentId))
    .leftJoin(categories, eq(categories.id, submissions.categoryId))
    .where(and(eq(submissions.receiptNumber, receiptNumber), visibleSubmissionsWhere(user)));
  if (!row) return null;
  const events = await db
    .select({ id: submissionEvents.id, at: submissionEvents.at, type: submissionEvents.type, visibility: submissionEvents.visibility, data: submissionEvents.data, actorName: actor.displayName })
    .from(submissionEvents)
    .leftJoin(actor, eq(actor.id, submissionEvents.actorUserId))
    .where(eq(submissionEvents.submissionId, row.id))
    .orderBy(asc(submissionEvents.at), asc(submissionEvents.id));
  return {
    id: row.id,
    receiptNumber: row.receiptNumber,
    version: row.version,
    kind: row.kind,
    channel: row.channel,
    /** The site language the resident wrote in: the reply should follow it. */
    language: row.language,
    status: row.status,
    title: row.title,
    body: row.body,
    placeText: row.placeText,
    latitude: row.latitude,
    longitude: row.longitude,
    anonymous: row.anonymous,
    replyWanted: row.replyWanted,
    receivedAt: row.receivedAt.toISOString(),
    dueDate: row.dueDate,
    departmentId: row.departmentId,
    categoryId: row.categoryId,
    consentToPublish: row.consentToPublish,
    departmentName: localText(language, row.departmentJa, row.departmentTranslations),
    categoryName: localText(language, row.categoryJa, row.categoryTranslations),
    events: events.map((e) => ({
      id: e.id, at: e.at.toISOString(), type: e.type, visibility: e.visibility, actorName: e.actorName,
      text: typeof e.data.text === 'string' ? e.data.text : null,
      details: eventDetails(e.data, language),
    })),
  };
}

/** The facts of a timeline event worth showing (destination, reason, new date…), as plain strings. */
function eventDetails(data: Record<string, unknown>, language: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pick = (key: string, value: unknown) => {
    if (typeof value === 'string' && value !== '') out[key] = value;
    else if (typeof value === 'number') out[key] = String(value);
  };
  for (const key of ['from', 'to', 'into', 'referredTo', 'reason', 'comment', 'assigneeName', 'kind', 'newDueDate', 'mediaUrl']) pick(key, data[key]);
  pick('department', localText(language, stringOrNull(data.departmentJa), routedDepartmentTranslations(data)));
  return out;
}

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

/** A 'routed' event's translated 課 name; events stored before translations maps only have departmentEn. */
function routedDepartmentTranslations(data: Record<string, unknown>): Translations {
  const stored = data.departmentTranslations;
  if (stored && typeof stored === 'object' && !Array.isArray(stored)) {
    return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }
  return typeof data.departmentEn === 'string' && data.departmentEn !== '' ? { en: data.departmentEn } : {};
}

/** The name of a 課, for the staff landing page. */
export async function departmentName(db: Executor, departmentId: number | null, language: string): Promise<string | null> {
  if (departmentId === null) return null;
  const [row] = await db.select({ ja: departments.nameJa, translations: departments.nameTranslations }).from(departments).where(eq(departments.id, departmentId));
  if (!row) return null;
  return localText(language, row.ja, row.translations);
}
