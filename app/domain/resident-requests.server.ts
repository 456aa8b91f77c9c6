import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Database } from '#db/client';
import {
  replies, replyRatings, residentRequests, submissionContacts, submissionEvents, submissionPhotos, submissions,
  type ResidentRequestKindValue,
} from '#db/schema/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import type { PhotoStorage } from '~/storage/photo-storage.server';
import { japanDate } from '~/japan-time';
import { DomainError } from './errors';
import { eraseVoices } from './retention.server';
import type { VoiceContact } from './submissions.server';

// 開示・訂正・利用停止（消去）: a resident's request about the personal data held on them
// (個人情報保護法 — for a city, its own 個人情報保護条例施行細則 too). The reform team records
// it and the voices it concerns; another person decides (決裁); then it is carried out:
// disclosure exports what is held (readable HTML and JSON), correction changes the contact
// details, erasure erases the voices' personal data at once. Every step is in the audit log
// (ids and counts, never the data). The decision is due 30 days after receipt.

const DECISION_DAYS = 30;

type RequestErrorCode = 'notFound' | 'wrongStatus' | 'samePerson' | 'wrongKind' | 'notInRequest';

/** A refusal of a step on a request (the page shows `staff:requests.errors.<code>`). */
class ResidentRequestError extends DomainError<RequestErrorCode> {
  constructor(code: RequestErrorCode) {
    super('staff', code, { status: code === 'notFound' ? 404 : 400 });
    this.name = 'ResidentRequestError';
  }

  override get messageKey(): string {
    return `staff:requests.errors.${this.code}`;
  }
}

interface PersonKeys {
  receiptNumber?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface NewResidentRequest extends PersonKeys {
  kind: ResidentRequestKindValue;
  requesterName: string;
  identityCheck: string;
  details?: string | null;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const digits = (text: string) => text.normalize('NFKC').replace(/\D/g, '');

/** Every voice of one person: by receipt number, e-mail (any case) or phone (digits only). */
async function findVoicesOfPerson(db: Database, keys: PersonKeys): Promise<number[]> {
  const receipt = keys.receiptNumber?.trim().normalize('NFKC');
  const email = keys.email?.trim().toLowerCase();
  const phone = keys.phone ? digits(keys.phone) : '';
  const conditions = [];
  if (receipt) conditions.push(sql`s.receipt_number = ${receipt}`);
  if (email) conditions.push(sql`lower(c.email) = ${email}`);
  if (phone.length >= 6) conditions.push(sql`regexp_replace(normalize(coalesce(c.phone, ''), NFKC), '\\D', '', 'g') = ${phone}`);
  if (conditions.length === 0) return [];
  const rows = await queryRows<{ id: number }>(db, sql`
    select s.id from submissions s left join submission_contacts c on c.submission_id = s.id
    where s.personal_data_erased_at is null and (${sql.join(conditions, sql` or `)}) order by s.id`);
  return rows.map((r) => r.id);
}

/** Records a request with the voices found for the person, and its 30-day decision date. */
export async function recordResidentRequest(db: Database, input: NewResidentRequest, actor: AuditActor, now: Date): Promise<{ id: number }> {
  const submissionIds = await findVoicesOfPerson(db, input);
  const receivedOn = japanDate(now);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(residentRequests).values({
      kind: input.kind, source: 'staff', requesterName: input.requesterName, identityCheck: input.identityCheck,
      receiptNumber: input.receiptNumber || null, email: input.email || null, phone: input.phone || null, details: input.details || null,
      submissionIds, receivedOn, decisionDue: addDays(receivedOn, DECISION_DAYS), recordedById: actor.userId, createdAt: now,
    }).returning({ id: residentRequests.id, decisionDue: residentRequests.decisionDue });
    await recordAudit(tx, {
      ...actor, action: 'resident_request.record', entityType: 'resident_request', entityId: row!.id,
      details: { kind: input.kind, voices: submissionIds.length, decisionDue: row!.decisionDue },
    });
    return { id: row!.id };
  });
}

/** 決裁: approve or refuse, by someone other than the person who recorded it. */
export async function decideResidentRequest(db: Database, id: number, decision: { approve: boolean; note: string }, actor: AuditActor, now: Date): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(residentRequests).where(eq(residentRequests.id, id)).for('update');
    if (!request) throw new ResidentRequestError('notFound');
    if (request.status !== 'recorded') throw new ResidentRequestError('wrongStatus');
    if (request.recordedById !== null && request.recordedById === actor.userId) throw new ResidentRequestError('samePerson');
    const status = decision.approve ? 'approved' : 'rejected';
    await tx.update(residentRequests).set({ status, decidedById: actor.userId, decidedAt: now, decisionNote: decision.note || null })
      .where(eq(residentRequests.id, id));
    const late = japanDate(now) > request.decisionDue;
    await recordAudit(tx, {
      ...actor, action: 'resident_request.decide', entityType: 'resident_request', entityId: id,
      details: { kind: request.kind, status, decisionDue: request.decisionDue, late },
    });
    return { id };
  });
}

export interface HeldData {
  requestId: number;
  exportedAt: string;
  voices: {
    receiptNumber: string;
    receivedAt: string;
    kind: string;
    status: string;
    title: string;
    body: string;
    place: string | null;
    contact: { familyName: string | null; givenName: string | null; familyNameKana: string | null; givenNameKana: string | null; email: string | null; phone: string | null; address: string | null } | null;
    photos: number;
    replies: { sentAt: string | null; body: string }[];
    ratings: { resolved: string; satisfaction: number; comment: string | null }[];
    publicTimeline: { at: string; type: string }[];
  }[];
}

async function approvedRequest(db: Database, id: number, kind: ResidentRequestKindValue) {
  const [request] = await db.select().from(residentRequests).where(eq(residentRequests.id, id));
  if (!request) throw new ResidentRequestError('notFound');
  if (request.kind !== kind) throw new ResidentRequestError('wrongKind');
  // A disclosure may be downloaded again after it was first handed over; the rest happen once.
  const allowed = kind === 'disclosure' ? ['approved', 'completed'] : ['approved'];
  if (!allowed.includes(request.status)) throw new ResidentRequestError('wrongStatus');
  return request;
}

/** 開示: everything held on the person's voices (sent replies only; staff notes are internal records). */
export async function exportHeldData(db: Database, id: number, actor: AuditActor, now: Date): Promise<HeldData> {
  const request = await approvedRequest(db, id, 'disclosure');
  const ids = request.submissionIds;
  const voices = ids.length === 0 ? [] : await db.select().from(submissions).where(inArray(submissions.id, ids)).orderBy(asc(submissions.id));
  const contacts = ids.length === 0 ? [] : await db.select().from(submissionContacts).where(inArray(submissionContacts.submissionId, ids));
  const replyRows = ids.length === 0 ? [] : await db.select().from(replies).where(and(inArray(replies.submissionId, ids), eq(replies.status, 'sent')));
  const ratingRows = ids.length === 0 ? [] : await db.select().from(replyRatings).where(inArray(replyRatings.submissionId, ids));
  const events = ids.length === 0 ? [] : await db.select().from(submissionEvents).where(and(inArray(submissionEvents.submissionId, ids), eq(submissionEvents.visibility, 'public')));
  const photos = ids.length === 0 ? [] : await db.select({ submissionId: submissionPhotos.submissionId }).from(submissionPhotos).where(inArray(submissionPhotos.submissionId, ids));
  const held: HeldData = {
    requestId: id,
    exportedAt: now.toISOString(),
    voices: voices.map((v) => {
      const c = contacts.find((x) => x.submissionId === v.id);
      return {
        receiptNumber: v.receiptNumber, receivedAt: v.receivedAt.toISOString(), kind: v.kind, status: v.status, title: v.title, body: v.body,
        place: [v.postcode, v.placeText].filter(Boolean).join(' ') || null,
        contact: c ? { familyName: c.familyName, givenName: c.givenName, familyNameKana: c.familyNameKana, givenNameKana: c.givenNameKana, email: c.email, phone: c.phone, address: c.address } : null,
        photos: photos.filter((p) => p.submissionId === v.id).length,
        replies: replyRows.filter((r) => r.submissionId === v.id).map((r) => ({ sentAt: r.sentAt?.toISOString() ?? null, body: r.body })),
        ratings: ratingRows.filter((r) => r.submissionId === v.id).map((r) => ({ resolved: r.resolved, satisfaction: r.satisfaction, comment: r.comment })),
        publicTimeline: events.filter((e) => e.submissionId === v.id).map((e) => ({ at: e.at.toISOString(), type: e.type })),
      };
    }),
  };
  await db.transaction(async (tx) => {
    if (request.status === 'approved') {
      await tx.update(residentRequests).set({ status: 'completed', completedById: actor.userId, completedAt: now }).where(eq(residentRequests.id, id));
    }
    await recordAudit(tx, { ...actor, action: 'resident_request.disclose', entityType: 'resident_request', entityId: id, details: { voices: held.voices.length } });
  });
  return held;
}

/** A correction (訂正) of one voice's contact details: the same fields a voice's contact has. */
export type ContactCorrection = { submissionId: number } & VoiceContact;

/** 訂正: corrects the contact details of one of the request's voices; the audit entry names the fields, not the values. */
export async function correctContact(db: Database, id: number, correction: ContactCorrection, actor: AuditActor, now: Date): Promise<{ id: number }> {
  const request = await approvedRequest(db, id, 'correction');
  if (!request.submissionIds.includes(correction.submissionId)) throw new ResidentRequestError('notInRequest');
  const { submissionId, ...fields } = correction;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(submissionContacts).where(eq(submissionContacts.submissionId, submissionId)).for('update');
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => fields[k] !== undefined && (before?.[k] ?? null) !== (fields[k] || null));
    const values = Object.fromEntries(changed.map((k) => [k, fields[k] || null]));
    if (before) await tx.update(submissionContacts).set(values).where(eq(submissionContacts.submissionId, submissionId));
    else await tx.insert(submissionContacts).values({ submissionId, ...values });
    await tx.update(residentRequests).set({ status: 'completed', completedById: actor.userId, completedAt: now }).where(eq(residentRequests.id, id));
    await recordAudit(tx, { ...actor, action: 'resident_request.correct', entityType: 'resident_request', entityId: id, details: { submissionId, fields: changed } });
    return { id };
  });
}

/** 利用停止・消去: erases the personal data of every voice of the request now (as the retention job would). */
export async function eraseRequestedVoices(db: Database, storage: PhotoStorage, id: number, actor: AuditActor, now: Date): Promise<{ voices: number }> {
  const ids = (await approvedRequest(db, id, 'erasure')).submissionIds;
  const keys = ids.length === 0 ? [] : await db.select({ key: submissionPhotos.storageKey }).from(submissionPhotos).where(inArray(submissionPhotos.submissionId, ids));
  for (const { key } of keys) await storage.delete(key);
  const counts = await db.transaction(async (tx) => {
    const result = await eraseVoices(tx, ids, 'voice', now);
    await tx.update(residentRequests).set({ status: 'completed', completedById: actor.userId, completedAt: now }).where(eq(residentRequests.id, id));
    await recordAudit(tx, {
      ...actor, action: 'resident_request.erase', entityType: 'resident_request', entityId: id,
      details: { voices: result.voices, contacts: result.contacts, photos: result.photos, mails: result.mails, timelineEntries: result.timelineEntries },
    });
    return result;
  });
  for (const key of counts.photoKeys) await storage.delete(key);
  return { voices: counts.voices };
}

/**
 * From the tracking page: the resident (who holds the secret link) erases the contact details
 * of this voice now. Recorded as a completed erasure request, audited; the voice stays.
 */
export async function eraseContactFromTracking(db: Database, submissionId: number, now: Date): Promise<{ erased: boolean }> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: submissions.id }).from(submissions).where(eq(submissions.id, submissionId)).for('update');
    if (!locked) return { erased: false };
    const result = await eraseVoices(tx, [submissionId], 'contact', now);
    await tx.update(submissions).set({ replyWanted: false, nonEssentialMailOptOut: true, updatedAt: now }).where(eq(submissions.id, submissionId));
    const receivedOn = japanDate(now);
    const [row] = await tx.insert(residentRequests).values({
      kind: 'erasure', status: 'completed', source: 'tracking', submissionIds: [submissionId], receivedOn, decisionDue: receivedOn,
      details: 'contact', completedAt: now, createdAt: now,
    }).returning({ id: residentRequests.id });
    await recordAudit(tx, {
      userId: null, ip: null, userAgent: null, requestId: null, action: 'resident_request.erase_contact', entityType: 'submission', entityId: submissionId,
      details: { requestId: row!.id, contacts: result.contacts, mails: result.mails, timelineEntries: result.timelineEntries },
    });
    return { erased: result.contacts > 0 };
  });
}

export interface RequestListItem {
  id: number;
  kind: ResidentRequestKindValue;
  status: string;
  source: string;
  receivedOn: string;
  decisionDue: string;
  voices: number;
  overdue: boolean;
}

/** Open requests first, by decision date (like reply deadlines), then the finished ones. */
export async function listResidentRequests(db: Database, today: string): Promise<RequestListItem[]> {
  const rows = await db.select().from(residentRequests)
    .orderBy(sql`case when ${residentRequests.status} in ('recorded', 'approved') then 0 else 1 end`, asc(residentRequests.decisionDue), asc(residentRequests.id)).limit(200);
  return rows.map((r) => ({
    id: r.id, kind: r.kind, status: r.status, source: r.source, receivedOn: r.receivedOn, decisionDue: r.decisionDue, voices: r.submissionIds.length,
    overdue: r.status === 'recorded' && today > r.decisionDue,
  }));
}

export async function getResidentRequest(db: Database, id: number) {
  const [request] = await db.select().from(residentRequests).where(eq(residentRequests.id, id));
  if (!request) return null;
  const voices = request.submissionIds.length === 0 ? [] : await db.select({ id: submissions.id, receiptNumber: submissions.receiptNumber, title: submissions.title, erasedAt: submissions.personalDataErasedAt })
    .from(submissions).where(inArray(submissions.id, request.submissionIds)).orderBy(asc(submissions.id));
  return { request, voices };
}

/** The readable form of a disclosure (開示): a plain HTML page the team can print or send. */
export const HELD_LABELS = [
  'title', 'exportedAt', 'receipt', 'receivedAt', 'kind', 'status', 'voiceTitle', 'body', 'place', 'name', 'kana', 'email', 'phone', 'address', 'photos', 'reply', 'rating',
] as const;

export function heldDataHtml(held: HeldData, labels: Record<(typeof HELD_LABELS)[number], string>): string {
  const esc = (text: string | number | null | undefined) => String(text ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const row = (label: string, value: string | number | null | undefined) => `<tr><th>${esc(label)}</th><td>${esc(value)}</td></tr>`;
  const voices = held.voices.map((v) => `
<section><h2>${esc(labels.receipt)} ${esc(v.receiptNumber)}</h2><table>
${row(labels.receivedAt, v.receivedAt)}${row(labels.kind, v.kind)}${row(labels.status, v.status)}${row(labels.voiceTitle, v.title)}${row(labels.body, v.body)}${row(labels.place, v.place)}
${row(labels.name, v.contact ? [v.contact.familyName, v.contact.givenName].filter(Boolean).join(' ') : '')}${row(labels.kana, v.contact ? [v.contact.familyNameKana, v.contact.givenNameKana].filter(Boolean).join(' ') : '')}
${row(labels.email, v.contact?.email)}${row(labels.phone, v.contact?.phone)}${row(labels.address, v.contact?.address)}${row(labels.photos, v.photos)}
${v.replies.map((r) => row(`${labels.reply} ${r.sentAt ?? ''}`, r.body)).join('')}
${v.ratings.map((r) => row(labels.rating, `${r.resolved} / ${r.satisfaction} ${r.comment ?? ''}`)).join('')}
</table></section>`).join('\n');
  return `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>${esc(labels.title)}</title>
<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto}table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:.3rem;text-align:left;vertical-align:top}th{width:12rem}</style></head>
<body><h1>${esc(labels.title)}</h1><p>${esc(labels.exportedAt)} ${esc(held.exportedAt)}</p>${voices}</body></html>`;
}

/** Whether the voice still holds contact details (the tracking page offers to erase them). */
export async function hasContactDetails(db: Database, submissionId: number): Promise<boolean> {
  const [row] = await db.select({ id: submissionContacts.submissionId }).from(submissionContacts).where(eq(submissionContacts.submissionId, submissionId));
  return !!row;
}
