import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, categories, departments, residentRequests, submissionContacts, submissionPhotos, submissions, users } from '../../db/schema/index';
import type { AuditActor } from '../../app/audit/audit.server';
import {
  correctContact, decideResidentRequest, eraseContactFromTracking, eraseRequestedVoices, exportHeldData, heldDataHtml, HELD_LABELS,
  listResidentRequests, recordResidentRequest,
} from '../../app/domain/resident-requests.server';
import { createSubmission } from '../../app/domain/submissions.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { LocalDiskPhotoStorage } from '../../app/storage/photo-storage.server';
import { createTestDatabase, driverUnderTest } from '../support/db';

// Acceptance 2 of issue 16: each kind of request (開示 disclosure, 訂正 correction, 利用停止・消去
// erasure), from recording to completion, with its 決裁 by another person, its audit entries and
// its 30-day decision date; and the resident's own erasure of contact details from the tracking page.

const jst = (t: string) => new Date(`${t}:00+09:00`);
const RECEIVED = jst('2026-12-04T10:00');

describe(`residents' requests about their personal data (${driverUnderTest})`, () => {
  let db: Database;
  let recorder: AuditActor;
  let approver: AuditActor;
  let storage: LocalDiskPhotoStorage;
  let storageDir: string;
  const voiceIds: number[] = [];

  async function auditOf(requestId: number) {
    return (await db.select().from(auditLog).where(eq(auditLog.entityId, String(requestId))).orderBy(asc(auditLog.id)))
      .filter((e) => e.entityType === 'resident_request');
  }

  beforeAll(async () => {
    db = (await createTestDatabase()).db;
    storageDir = await mkdtemp(path.join(os.tmpdir(), 'meyasu-requests-'));
    storage = new LocalDiskPhotoStorage(storageDir);
    await seedOrganisation(db);
    const [reformDept] = await db.select().from(departments).where(eq(departments.isReformTeam, true));
    const [a] = await db.insert(users).values({ email: 'kocho1@example.jp', displayName: '広聴一', role: 'reform', departmentId: reformDept!.id }).returning();
    const [b] = await db.insert(users).values({ email: 'kocho2@example.jp', displayName: '広聴二', role: 'reform', departmentId: reformDept!.id }).returning();
    recorder = { userId: a!.id, ip: '127.0.0.1', userAgent: 'vitest', requestId: 'r1' };
    approver = { userId: b!.id, ip: '127.0.0.1', userAgent: 'vitest', requestId: 'r2' };
    const [category] = await db.select().from(categories).limit(1);
    const people = [
      { familyName: '佐藤', givenName: '一郎', email: 'ichiro@example.jp', phone: '03-1234-5678' },
      { familyName: '佐藤', givenName: '一郎', email: 'ICHIRO@example.jp', phone: null },
      { familyName: '鈴木', givenName: '次郎', email: 'jiro@example.jp', phone: '０３１２３４５６７８' },
      { familyName: '高橋', givenName: '三子', email: 'miko@example.jp', phone: null },
    ];
    for (const [i, person] of people.entries()) {
      const voice = await createSubmission(db, {
        kind: 'request', channel: 'web', categoryId: category!.id, language: 'ja', title: `要望 ${i}`, body: `${person.familyName}${person.givenName}です。公園のベンチを直してください。`,
        contact: person, replyWanted: true, consentToPublish: false,
      }, { trackingToken: `req-token-${i}`, now: jst('2026-10-01T10:00') });
      voiceIds.push(voice.id);
    }
    await storage.put('photos/req/1.jpg', new Uint8Array([1, 2, 3]));
    await db.insert(submissionPhotos).values({ submissionId: voiceIds[3]!, storageKey: 'photos/req/1.jpg', mimeType: 'image/jpeg', width: 1, height: 1, bytes: 3 });
  });

  afterAll(() => rm(storageDir, { recursive: true, force: true }));

  it('開示: finds every voice of the person, is decided by another person within 30 days, and exports what is held as JSON and HTML', async () => {
    const recorded = await recordResidentRequest(db, {
      kind: 'disclosure', requesterName: '佐藤一郎', identityCheck: '運転免許証', email: 'Ichiro@Example.jp', receiptNumber: '', phone: '',
    }, recorder, RECEIVED);
    const id = recorded.id;
    const [row] = await db.select().from(residentRequests).where(eq(residentRequests.id, id));
    expect(row).toMatchObject({ status: 'recorded', receivedOn: '2026-12-04', decisionDue: '2027-01-03', submissionIds: [voiceIds[0], voiceIds[1]] });
    expect((await listResidentRequests(db, '2027-01-04')).find((r) => r.id === id)).toMatchObject({ overdue: true, voices: 2 });

    await expect(exportHeldData(db, id, approver, RECEIVED)).rejects.toMatchObject({ code: 'wrongStatus' });
    await expect(decideResidentRequest(db, id, { approve: true, note: '' }, recorder, RECEIVED)).rejects.toMatchObject({ code: 'samePerson' });
    expect(await decideResidentRequest(db, id, { approve: true, note: '全部開示' }, approver, jst('2026-12-10T10:00'))).toEqual({ id });

    const held = await exportHeldData(db, id, recorder, jst('2026-12-11T10:00'));
    expect(held.voices.map((v) => v.contact?.email)).toEqual(['ichiro@example.jp', 'ICHIRO@example.jp']);
    expect(held.voices[0]!.body).toContain('公園のベンチ');
    const html = heldDataHtml(held, Object.fromEntries(HELD_LABELS.map((l) => [l, l])) as never);
    expect(html).toContain('ichiro@example.jp');
    expect(html).not.toContain('jiro@example.jp');

    const [done] = await db.select().from(residentRequests).where(eq(residentRequests.id, id));
    expect(done!.status).toBe('completed');
    const audit = await auditOf(id);
    expect(audit.map((e) => e.action)).toEqual(['resident_request.record', 'resident_request.decide', 'resident_request.disclose']);
    expect(audit[0]!.details).toEqual({ kind: 'disclosure', voices: 2, decisionDue: '2027-01-03' });
    expect(audit[1]).toMatchObject({ userId: approver.userId, details: { status: 'approved', late: false } });
    expect(JSON.stringify(audit)).not.toContain('ichiro@');
  });

  it('訂正: corrects the contact details of the voice named by its receipt number, after the 決裁', async () => {
    const [voice] = await db.select().from(submissions).where(eq(submissions.id, voiceIds[2]!));
    const recorded = await recordResidentRequest(db, {
      kind: 'correction', requesterName: '鈴木次郎', identityCheck: 'マイナンバーカード', receiptNumber: voice!.receiptNumber, details: '電話番号の誤り',
    }, recorder, RECEIVED);
    const id = recorded.id;
    await expect(correctContact(db, id, { submissionId: voiceIds[2]!, phone: '03-9999-0000' }, recorder, RECEIVED)).rejects.toMatchObject({ code: 'wrongStatus' });
    await decideResidentRequest(db, id, { approve: true, note: '' }, approver, RECEIVED);
    await expect(correctContact(db, id, { submissionId: voiceIds[0]!, phone: '03-9999-0000' }, recorder, RECEIVED)).rejects.toMatchObject({ code: 'notInRequest' });
    expect(await correctContact(db, id, { submissionId: voiceIds[2]!, phone: '03-9999-0000' }, recorder, RECEIVED)).toEqual({ id });
    const [contact] = await db.select().from(submissionContacts).where(eq(submissionContacts.submissionId, voiceIds[2]!));
    expect(contact!.phone).toBe('03-9999-0000');
    const audit = await auditOf(id);
    expect(audit.map((e) => e.action)).toEqual(['resident_request.record', 'resident_request.decide', 'resident_request.correct']);
    expect(audit[2]!.details).toEqual({ submissionId: voiceIds[2], fields: ['phone'] });
    const [row] = await db.select().from(residentRequests).where(eq(residentRequests.id, id));
    expect(row).toMatchObject({ status: 'completed', decisionDue: '2027-01-03' });
  });

  it('利用停止・消去: found by phone, refused once and recorded again, then erased at once with its photo file', async () => {
    const refused = await recordResidentRequest(db, { kind: 'erasure', requesterName: '高橋三子', identityCheck: '', email: 'miko@example.jp' }, recorder, RECEIVED);
    const refusedId = refused.id;
    await decideResidentRequest(db, refusedId, { approve: false, note: '本人確認ができない' }, approver, RECEIVED);
    await expect(eraseRequestedVoices(db, storage, refusedId, approver, RECEIVED)).rejects.toMatchObject({ code: 'wrongStatus' });

    const recorded = await recordResidentRequest(db, { kind: 'erasure', requesterName: '高橋三子', identityCheck: '運転免許証', email: 'miko@example.jp' }, recorder, RECEIVED);
    const id = recorded.id;
    await decideResidentRequest(db, id, { approve: true, note: '' }, approver, RECEIVED);
    const erased = await eraseRequestedVoices(db, storage, id, approver, RECEIVED);
    expect(erased).toEqual({ voices: 1 });
    const [voice] = await db.select().from(submissions).where(eq(submissions.id, voiceIds[3]!));
    expect(voice!.personalDataErasedAt).not.toBeNull();
    expect(voice!.body).not.toContain('高橋');
    expect(await db.select().from(submissionContacts).where(eq(submissionContacts.submissionId, voiceIds[3]!))).toEqual([]);
    expect(await storage.get('photos/req/1.jpg')).toBeNull();
    const audit = await auditOf(id);
    expect(audit.map((e) => e.action)).toEqual(['resident_request.record', 'resident_request.decide', 'resident_request.erase']);
    expect(audit[2]!.details).toMatchObject({ voices: 1, contacts: 1, photos: 1 });
    expect((await auditOf(refusedId))[1]!.details).toMatchObject({ status: 'rejected' });
    // Phone numbers match whatever their width and hyphens.
    const byPhone = await recordResidentRequest(db, { kind: 'disclosure', requesterName: '鈴木', identityCheck: '', phone: '03 1234 5678' }, recorder, RECEIVED);
    const [phoneRow] = await db.select().from(residentRequests).where(eq(residentRequests.id, byPhone.id));
    expect(phoneRow!.submissionIds).toEqual([voiceIds[0]]);
  });

  it('from the tracking page, the resident erases their own contact details now', async () => {
    const result = await eraseContactFromTracking(db, voiceIds[1]!, RECEIVED);
    expect(result).toEqual({ erased: true });
    expect(await db.select().from(submissionContacts).where(inArray(submissionContacts.submissionId, [voiceIds[1]!]))).toEqual([]);
    const [voice] = await db.select().from(submissions).where(eq(submissions.id, voiceIds[1]!));
    expect(voice!.body).not.toContain('佐藤一郎');
    expect(voice!.personalDataErasedAt).toBeNull();
    const [request] = await db.select().from(residentRequests).where(eq(residentRequests.source, 'tracking'));
    expect(request).toMatchObject({ kind: 'erasure', status: 'completed', submissionIds: [voiceIds[1]] });
    const [entry] = await db.select().from(auditLog).where(like(auditLog.action, 'resident_request.erase_contact'));
    expect(entry).toMatchObject({ entityType: 'submission', entityId: String(voiceIds[1]), details: { requestId: request!.id, contacts: 1 } });
  });
});
