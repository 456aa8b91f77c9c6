import { and, asc, eq, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '#db/client';
import {
  departments, improvementActions, improvementRecordSubmissions, improvementRecords, replies, submissionContacts, submissions,
  users, type StaffRole,
} from '#db/schema/index';
import { emailTemplates, type EmailPayload, type EmailTemplateName } from '#emails/index';
import { enqueueEmail } from '~/email/outbox.server';
import { addBusinessDays, isBusinessDay } from '../domain/business-days';
import { loadClosedDays } from '../domain/calendar.server';
import { japanDate } from '~/japan-time';
import { localText, type Translations } from '~/i18n/city-text';
import { isOverdue, OPEN_STATUSES } from '../domain/voice-status';

// Who is told what. Every function here runs inside the caller's transaction, so the mail is
// queued if and only if the change that causes it commits. Each mail has a dedupe key, so a
// retried change never queues a second copy.
//
// Residents: only when they gave an email address. Essential mail (receipt, reply, interim
// reply) always goes; notices (status changes, "you said, we did") only until the resident
// stops them with the link in any of our mails. Hidden voices (spam, abuse) get nothing.
// Staff: only active accounts, in the language each person chose.

/** Staff pages that mail links to (paths; the worker adds APP_URL). */
const staffVoicePath = (receiptNumber: string) => `/staff/voices/${receiptNumber}`;
const staffImprovementPath = (recordNumber: string) => `/staff/improvements/${recordNumber}`;

/** Whether a mail goes even to a resident who stopped notices. */
function isEssentialMail(template: EmailTemplateName): boolean {
  return emailTemplates[template].essential;
}

/** A resident may be sent this mail: essential mail always, notices unless stopped. */
function mayMailResident(template: EmailTemplateName, resident: { optedOut: boolean }): boolean {
  return isEssentialMail(template) || !resident.optedOut;
}

async function queue<N extends EmailTemplateName>(
  tx: Executor,
  template: N,
  mail: { to: string; language: string; payload: EmailPayload<N>; dedupeKey: string; submissionId?: number },
): Promise<boolean> {
  return enqueueEmail(tx, { template, ...mail, payload: mail.payload as Record<string, unknown> });
}

interface Resident {
  submissionId: number;
  email: string;
  language: string;
  receiptNumber: string;
  title: string;
  optedOut: boolean;
}

async function residentsOf(tx: Executor, where: SQL | undefined): Promise<Resident[]> {
  const rows = await tx
    .select({
      submissionId: submissions.id,
      email: submissionContacts.email,
      language: submissions.language,
      receiptNumber: submissions.receiptNumber,
      title: submissions.title,
      optedOut: submissions.nonEssentialMailOptOut,
    })
    .from(submissions)
    .innerJoin(submissionContacts, eq(submissionContacts.submissionId, submissions.id))
    .where(and(where, ne(submissions.status, 'hidden')))
    .orderBy(asc(submissions.id));
  return rows.filter((r): r is Resident => typeof r.email === 'string' && r.email.trim() !== '');
}

async function residentOf(tx: Executor, submissionId: number): Promise<Resident | null> {
  return (await residentsOf(tx, eq(submissions.id, submissionId)))[0] ?? null;
}

interface StaffRecipient {
  id: number;
  email: string;
  language: string;
  displayName: string;
  role: StaffRole;
  departmentId: number | null;
}

const staffColumns = {
  id: users.id, email: users.email, language: users.language, displayName: users.displayName, role: users.role, departmentId: users.departmentId,
};

async function activeStaff(tx: Executor, where: SQL | undefined): Promise<StaffRecipient[]> {
  return tx.select(staffColumns).from(users).where(and(where, isNull(users.disabledAt))).orderBy(asc(users.id));
}

async function activeUser(tx: Executor, id: number | null | undefined): Promise<StaffRecipient | null> {
  if (!id) return null;
  return (await activeStaff(tx, eq(users.id, id)))[0] ?? null;
}

async function displayNameOf(tx: Executor, id: number | null | undefined): Promise<string | undefined> {
  if (!id) return undefined;
  const [row] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, id));
  return row?.name;
}

/** The 課長 of a department; when it has none, everyone in it. */
async function departmentLeads(tx: Executor, departmentId: number | null): Promise<StaffRecipient[]> {
  if (!departmentId) return [];
  const members = await activeStaff(tx, and(eq(users.departmentId, departmentId), inArray(users.role, ['manager', 'staff'])));
  const managers = members.filter((m) => m.role === 'manager');
  return managers.length > 0 ? managers : members;
}

function uniqueById(list: (StaffRecipient | null)[]): StaffRecipient[] {
  const seen = new Map<number, StaffRecipient>();
  for (const person of list) if (person && !seen.has(person.id)) seen.set(person.id, person);
  return [...seen.values()];
}

async function departmentNames(tx: Executor, departmentId: number | null): Promise<{ ja: string; translations: Translations } | null> {
  if (!departmentId) return null;
  const [row] = await tx.select({ ja: departments.nameJa, translations: departments.nameTranslations }).from(departments).where(eq(departments.id, departmentId));
  return row ?? null;
}

async function loadVoice(tx: Executor, submissionId: number) {
  const [voice] = await tx.select().from(submissions).where(eq(submissions.id, submissionId));
  if (!voice) throw new Error(`no voice with id ${submissionId}`);
  return voice;
}

async function loadReply(tx: Executor, replyId: number) {
  const [reply] = await tx.select().from(replies).where(eq(replies.id, replyId));
  if (!reply) throw new Error(`no reply with id ${replyId}`);
  return { reply, voice: await loadVoice(tx, reply.submissionId) };
}

// ——— Residents ———

/**
 * A reply (or interim reply) was sent: the resident gets it by mail. The tracking token is
 * only known where it was made; pass it when you have it, otherwise the mail says where to
 * find the link. Returns whether a mail was queued.
 */
export async function notifyReplySent(tx: Executor, input: { replyId: number; trackingToken?: string }): Promise<boolean> {
  const { reply, voice } = await loadReply(tx, input.replyId);
  const resident = await residentOf(tx, voice.id);
  if (!resident) return false;
  const common = { receiptNumber: voice.receiptNumber, title: voice.title, replyBody: reply.body, trackingToken: input.trackingToken };
  const mail = { to: resident.email, language: resident.language, dedupeKey: `reply:${reply.id}`, submissionId: voice.id };
  if (reply.kind === 'interim') {
    if (!reply.interimReason || !reply.newDueDate) throw new Error(`interim reply ${reply.id} has no reason or new date`);
    await queue(tx, 'interim_reply', { ...mail, payload: { ...common, reason: reply.interimReason, newDueDate: reply.newDueDate } });
  } else {
    await queue(tx, 'reply', { ...mail, payload: common });
  }
  return true;
}

/** The voice was merged, referred outside the city or closed: a notice to the resident. */
export async function notifyStatusChange(tx: Executor, input: { submissionId: number }): Promise<boolean> {
  const voice = await loadVoice(tx, input.submissionId);
  if (voice.status !== 'merged' && voice.status !== 'referred' && voice.status !== 'closed') return false;
  const resident = await residentOf(tx, voice.id);
  if (!resident || !mayMailResident('status_change', resident)) return false;
  let mergedInto: string | undefined;
  if (voice.status === 'merged') {
    if (!voice.mergedIntoId) throw new Error(`voice ${voice.id} is merged into nothing`);
    mergedInto = (await loadVoice(tx, voice.mergedIntoId)).receiptNumber;
  }
  if (voice.status === 'referred' && !voice.referredTo) throw new Error(`voice ${voice.id} is referred to nobody`);
  await queue(tx, 'status_change', {
    to: resident.email, language: resident.language, dedupeKey: `status:${voice.id}:${voice.status}`, submissionId: voice.id,
    payload: { receiptNumber: voice.receiptNumber, title: voice.title, status: voice.status, mergedInto, referredTo: voice.referredTo ?? undefined },
  });
  return true;
}

/**
 * An improvement record closed: "you said, we did" to every resident whose voice is linked,
 * one mail per address even when one person sent several of the voices. Returns the count.
 */
export async function notifyImprovementCompleted(tx: Executor, input: { recordId: number }): Promise<number> {
  const [record] = await tx.select().from(improvementRecords).where(eq(improvementRecords.id, input.recordId));
  if (!record) throw new Error(`no improvement record with id ${input.recordId}`);
  const linked = await residentsOf(tx, inArray(
    submissions.id,
    tx.select({ id: improvementRecordSubmissions.submissionId }).from(improvementRecordSubmissions).where(eq(improvementRecordSubmissions.recordId, record.id)),
  ));
  const byAddress = new Map<string, Resident[]>();
  for (const resident of linked.filter((r) => mayMailResident('improvement_completed', r))) {
    const key = resident.email.trim().toLowerCase();
    byAddress.set(key, [...(byAddress.get(key) ?? []), resident]);
  }
  for (const [address, voices] of byAddress) {
    const first = voices[0]!;
    const summary = localText(first.language, record.publicSummaryJa, record.publicSummaryTranslations) ?? record.title;
    await queue(tx, 'improvement_completed', {
      to: first.email, language: first.language, dedupeKey: `improvement:${record.id}:${address}`, submissionId: first.submissionId,
      payload: { title: record.title, summary, receiptNumbers: voices.map((v) => v.receiptNumber), improvementsPath: '/improvements' },
    });
  }
  return byAddress.size;
}

// ——— Staff ———

/**
 * A voice was routed or assigned. With an assignee, that person is told; routed to a 課
 * without one, the 課長 (who assigns within the 課). Nobody is told about their own act.
 */
export async function notifyAssignment(tx: Executor, input: { submissionId: number; assignedById?: number | null }): Promise<number> {
  const voice = await loadVoice(tx, input.submissionId);
  const recipients = voice.assigneeId ? uniqueById([await activeUser(tx, voice.assigneeId)]) : await departmentLeads(tx, voice.departmentId);
  const names = await departmentNames(tx, voice.departmentId);
  const assignedByName = await displayNameOf(tx, input.assignedById);
  let queued = 0;
  for (const person of recipients.filter((p) => p.id !== input.assignedById)) {
    if (await queue(tx, 'assignment', {
      to: person.email, language: person.language, dedupeKey: `assignment:${voice.id}:v${voice.version}:${person.id}`,
      payload: {
        receiptNumber: voice.receiptNumber, title: voice.title, departmentName: names ? localText(person.language, names.ja, names.translations) : person.displayName,
        assignedByName, dueDate: voice.dueDate ?? undefined, itemPath: staffVoicePath(voice.receiptNumber),
      },
    })) queued += 1;
  }
  return queued;
}

/** A draft reply awaits 決裁: the managers of the voice's 課 (not the author). */
export async function notifyApprovalRequested(tx: Executor, input: { replyId: number }): Promise<number> {
  const { reply, voice } = await loadReply(tx, input.replyId);
  const managers = voice.departmentId
    ? await activeStaff(tx, and(eq(users.departmentId, voice.departmentId), eq(users.role, 'manager')))
    : [];
  const authorName = (await displayNameOf(tx, reply.authorId)) ?? '';
  let queued = 0;
  for (const manager of managers.filter((m) => m.id !== reply.authorId)) {
    if (await queue(tx, 'approval_requested', {
      to: manager.email, language: manager.language, dedupeKey: `approval-requested:${reply.id}:v${reply.version}:${manager.id}`,
      payload: { receiptNumber: voice.receiptNumber, title: voice.title, authorName, replyKind: reply.kind, itemPath: staffVoicePath(voice.receiptNumber) },
    })) queued += 1;
  }
  return queued;
}

/** The manager sent a draft back: its author is told, with the comment. */
export async function notifyApprovalReturned(tx: Executor, input: { replyId: number }): Promise<boolean> {
  const { reply, voice } = await loadReply(tx, input.replyId);
  const author = await activeUser(tx, reply.authorId);
  if (!author || author.id === reply.approverId) return false;
  await queue(tx, 'approval_returned', {
    to: author.email, language: author.language, dedupeKey: `approval-returned:${reply.id}:v${reply.version}`,
    payload: {
      receiptNumber: voice.receiptNumber, title: voice.title, approverName: (await displayNameOf(tx, reply.approverId)) ?? '',
      comment: reply.approvalComment ?? undefined, itemPath: staffVoicePath(voice.receiptNumber),
    },
  });
  return true;
}

/**
 * 市長指示 on a voice or an improvement record: the 課長 of the department in charge, the
 * person handling it, and the reform team who follow every instruction up.
 * `instructionId` identifies the instruction (e.g. its timeline event) for deduplication.
 */
export async function notifyMayorInstruction(
  tx: Executor,
  input: { on: { submissionId: number } | { recordId: number }; instruction: string; mayorUserId: number; instructionId: number | string },
): Promise<number> {
  let subject: { reference: string; title: string; departmentId: number | null; handlerId: number | null; itemPath: string };
  if ('submissionId' in input.on) {
    const voice = await loadVoice(tx, input.on.submissionId);
    subject = { reference: voice.receiptNumber, title: voice.title, departmentId: voice.departmentId, handlerId: voice.assigneeId, itemPath: staffVoicePath(voice.receiptNumber) };
  } else {
    const [record] = await tx.select().from(improvementRecords).where(eq(improvementRecords.id, input.on.recordId));
    if (!record) throw new Error(`no improvement record with id ${input.on.recordId}`);
    subject = { reference: record.number, title: record.title, departmentId: record.ownerDepartmentId, handlerId: record.ownerUserId, itemPath: staffImprovementPath(record.number) };
  }
  const managers = subject.departmentId ? await activeStaff(tx, and(eq(users.departmentId, subject.departmentId), eq(users.role, 'manager'))) : [];
  const reform = await activeStaff(tx, eq(users.role, 'reform'));
  const recipients = uniqueById([...managers, await activeUser(tx, subject.handlerId), ...reform]).filter((p) => p.id !== input.mayorUserId);
  const mayorName = (await displayNameOf(tx, input.mayorUserId)) ?? '';
  for (const person of recipients) {
    await queue(tx, 'mayor_instruction', {
      to: person.email, language: person.language, dedupeKey: `mayor-instruction:${input.instructionId}:${person.id}`,
      payload: { reference: subject.reference, title: subject.title, instruction: input.instruction, mayorName, itemPath: subject.itemPath },
    });
  }
  return recipients.length;
}

// ——— Daily digest ———

/** "Due soon" reaches this many business days ahead. */
const DIGEST_HORIZON_BUSINESS_DAYS = 2;
const DIGEST_MAX_ITEMS = 100;

type DigestItem = EmailPayload<'daily_digest'>['items'][number];

async function digestItemsFor(tx: Executor, person: StaffRecipient, today: string, horizon: string): Promise<DigestItem[]> {
  // Staff: what is assigned to them, and their 課's unassigned items. 課長: all of their 課.
  // Reform team: everything overdue in the city.
  let voiceScope: SQL | undefined;
  let actionScope: SQL | undefined;
  if (person.role === 'reform') {
    voiceScope = sql`${submissions.dueDate} < ${today}`;
    actionScope = sql`${improvementActions.dueDate} < ${today}`;
  } else if (person.role === 'manager' && person.departmentId) {
    voiceScope = eq(submissions.departmentId, person.departmentId);
    actionScope = or(eq(improvementActions.ownerDepartmentId, person.departmentId), eq(improvementActions.ownerUserId, person.id));
  } else if (person.role === 'staff') {
    voiceScope = or(
      eq(submissions.assigneeId, person.id),
      person.departmentId ? and(eq(submissions.departmentId, person.departmentId), isNull(submissions.assigneeId)) : undefined,
    );
    actionScope = eq(improvementActions.ownerUserId, person.id);
  } else {
    return [];
  }
  const voices = await tx
    .select({ receiptNumber: submissions.receiptNumber, title: submissions.title, status: submissions.status, dueDate: submissions.dueDate })
    .from(submissions)
    .where(and(voiceScope, inArray(submissions.status, [...OPEN_STATUSES]), lte(submissions.dueDate, horizon)))
    .orderBy(asc(submissions.dueDate), asc(submissions.id))
    .limit(DIGEST_MAX_ITEMS);
  const actions = await tx
    .select({ id: improvementActions.id, number: improvementRecords.number, description: improvementActions.description, dueDate: improvementActions.dueDate })
    .from(improvementActions)
    .innerJoin(improvementRecords, eq(improvementRecords.id, improvementActions.recordId))
    .where(and(actionScope, isNull(improvementActions.doneAt), isNull(improvementRecords.archivedAt), ne(improvementRecords.stage, 'closed'), lte(improvementActions.dueDate, horizon)))
    .orderBy(asc(improvementActions.dueDate), asc(improvementActions.id))
    .limit(DIGEST_MAX_ITEMS);
  return [
    ...voices.map((v): DigestItem => ({
      kind: 'voice', reference: v.receiptNumber, title: v.title, dueDate: v.dueDate!, overdue: isOverdue(v, today), itemPath: staffVoicePath(v.receiptNumber),
    })),
    ...actions.map((a): DigestItem => ({
      kind: 'action', reference: a.number, title: a.description.length > 80 ? `${a.description.slice(0, 79)}…` : a.description,
      dueDate: a.dueDate!, overdue: a.dueDate! < today, itemPath: staffImprovementPath(a.number),
    })),
  ].sort((x, y) => x.dueDate.localeCompare(y.dueDate)).slice(0, DIGEST_MAX_ITEMS);
}

/**
 * The morning digest of due and overdue items, one mail per member of staff who has any,
 * on the city's business days. Safe to call from several workers and many times a day: the
 * dedupe key `digest:<date>:<user>` lets only the first call of a day queue anything.
 * Returns how many digests were queued now.
 */
export async function queueDailyDigest(db: Database, now: Date): Promise<number> {
  const today = japanDate(now);
  return db.transaction(async (tx) => {
    const closedDays = await loadClosedDays(tx);
    if (!isBusinessDay(today, closedDays)) return 0;
    const horizon = addBusinessDays(today, DIGEST_HORIZON_BUSINESS_DAYS, closedDays);
    const people = await activeStaff(tx, inArray(users.role, ['staff', 'manager', 'reform']));
    let queued = 0;
    for (const person of people) {
      const items = await digestItemsFor(tx, person, today, horizon);
      if (items.length === 0) continue;
      if (await queue(tx, 'daily_digest', { to: person.email, language: person.language, dedupeKey: `digest:${today}:${person.id}`, payload: { date: today, items } })) queued += 1;
    }
    return queued;
  });
}

// ——— Stopping notices ———

/** What the stop page shows for a voice: its receipt number and whether notices are stopped. */
export async function residentNoticeState(db: Executor, submissionId: number): Promise<{ receiptNumber: string; stopped: boolean } | null> {
  const [row] = await db
    .select({ receiptNumber: submissions.receiptNumber, stopped: submissions.nonEssentialMailOptOut })
    .from(submissions)
    .where(eq(submissions.id, submissionId));
  return row ?? null;
}

/**
 * Stops (or resumes) notices for a voice and for every other voice sent from the same email
 * address: a resident who says "no more notices" means it for their address, and one
 * "you said, we did" mail can cover several of their voices. Essential mail is not affected.
 * Returns how many voices changed, or null when the voice does not exist.
 */
export async function setResidentNotices(db: Database, submissionId: number, stopped: boolean): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [voice] = await tx
      .select({ id: submissions.id, email: submissionContacts.email })
      .from(submissions)
      .leftJoin(submissionContacts, eq(submissionContacts.submissionId, submissions.id))
      .where(eq(submissions.id, submissionId));
    if (!voice) return null;
    const sameAddress = voice.email?.trim()
      ? tx.select({ id: submissionContacts.submissionId }).from(submissionContacts).where(sql`lower(trim(${submissionContacts.email})) = ${voice.email.trim().toLowerCase()}`)
      : undefined;
    const changed = await tx
      .update(submissions)
      .set({ nonEssentialMailOptOut: stopped })
      .where(and(
        sameAddress ? or(eq(submissions.id, voice.id), inArray(submissions.id, sameAddress)) : eq(submissions.id, voice.id),
        ne(submissions.nonEssentialMailOptOut, stopped),
      ))
      .returning({ id: submissions.id });
    return changed.length;
  });
}
