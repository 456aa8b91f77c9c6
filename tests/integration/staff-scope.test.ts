import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, departments, submissionEvents, submissions, users } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { listVisibleVoices } from '../../app/models/staff-voices.server';
import { viewVoiceContact } from '../../app/domain/voice-staff-notes.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';

// Acceptance 2: staff of one 課 can neither read nor change another 課's voice — by URL, by
// a tampered form field or through search — and contact details go only to the reform team
// and the assigned 課, each view audited.

describe('department scoping of voices', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  const cookies: Record<string, string> = {};
  let shimin: { id: number; receipt: string; title: string };
  let doro: { id: number; receipt: string; title: string };

  const voice = async (title: string) => {
    const [row] = await database.db.select({ id: submissions.id, receipt: submissions.receiptNumber, title: submissions.title })
      .from(submissions).where(eq(submissions.title, title));
    return row!;
  };
  const notesOn = async (id: number) =>
    (await database.db.select().from(submissionEvents).where(and(eq(submissionEvents.submissionId, id), eq(submissionEvents.type, 'note')))).length;
  const contactViews = async () => (await database.db.select().from(auditLog).where(eq(auditLog.action, 'contact.view'))).length;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
    for (const role of ['staff', 'doro-staff', 'doro-manager', 'reform', 'mayor', 'auditor', 'admin']) {
      const login = logins.find((l) => l.role === role)!;
      cookies[role] = await signIn(app, login.email, login.password);
    }
    // A 市民課 voice with a resident's contact, and a 道路管理課 voice with one.
    shimin = await voice('在留カードの住所変更はどこでできますか');
    doro = await voice('街灯が切れていて夜道が暗い');
  });

  it('lists only the own 課 on the landing page, and everything for the reform team', async () => {
    const doroPage = await (await get(app, '/staff', cookies['doro-staff'])).text();
    expect(doroPage).toContain(doro.title);
    expect(doroPage).not.toContain('コンビニ交付が使えなかった');
    const reformPage = await (await get(app, '/staff', cookies.reform)).text();
    expect(reformPage).toContain(doro.title);
    expect(reformPage).toContain('コンビニ交付が使えなかった');
  });

  it('answers another 課 voice by URL with 404, without revealing it', async () => {
    const refused = await get(app, `/staff/voices/${shimin.receipt}`, cookies['doro-staff']);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain(shimin.title);
    expect((await get(app, `/staff/voices/${shimin.receipt}`, cookies.staff)).status).toBe(200);
    // Not found looks exactly like a receipt number that does not exist.
    expect((await get(app, '/staff/voices/2099-999999', cookies['doro-staff'])).status).toBe(404);
  });

  it('never finds another 課 voice through search, by words or by receipt number', async () => {
    for (const [q, title] of [['コンビニ', 'コンビニ交付が使えなかった'], [shimin.receipt, shimin.title]] as const) {
      const doroSearch = await (await get(app, `/staff?q=${encodeURIComponent(q)}`, cookies['doro-staff'])).text();
      expect(doroSearch).not.toContain(title);
      const own = await (await get(app, `/staff?q=${encodeURIComponent(q)}`, cookies.staff)).text();
      expect(own).toContain(title);
    }
    const reform = await (await get(app, `/staff?q=${encodeURIComponent('街灯')}`, cookies.reform)).text();
    expect(reform).toContain(doro.title);
  });

  it('keeps the scope in the query itself: a 道路管理課 user gets only 道路管理課 rows', async () => {
    const [doroStaff] = await database.db.select().from(users).where(sql`lower(${users.email}) = 'doro-staff@sakuradai.example.jp'`);
    const [doroDept] = await database.db.select().from(departments).where(eq(departments.code, 'doro'));
    const rows = await listVisibleVoices(database.db, doroStaff!, { language: 'ja', limit: 1000 });
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.departmentName))).toEqual(new Set([doroDept!.nameJa]));
  });

  it('refuses a note whose hidden submission id was changed to another 課 voice', async () => {
    const before = await notesOn(shimin.id);
    // Own voice in the URL, another 課's id in the form.
    const tampered = await app.fetch(`/staff/voices/${doro.receipt}`, postForm({ intent: 'note', submissionId: String(shimin.id), text: '改ざん' }, { cookie: cookies['doro-staff'] }));
    expect(tampered.status).toBe(404);
    // Another 課's voice in both.
    const direct = await app.fetch(`/staff/voices/${shimin.receipt}`, postForm({ intent: 'note', submissionId: String(shimin.id), text: '改ざん' }, { cookie: cookies['doro-staff'] }));
    expect(direct.status).toBe(404);
    expect(await notesOn(shimin.id)).toBe(before);
  });

  it('adds an internal note to the own 課 voice, with its audit entry', async () => {
    const before = await notesOn(doro.id);
    const response = await app.fetch(`/staff/voices/${doro.receipt}`, postForm({ intent: 'note', submissionId: String(doro.id), text: '現地確認を手配しました。' }, { cookie: cookies['doro-staff'] }));
    expect(response.status).toBe(200);
    expect(await notesOn(doro.id)).toBe(before + 1);
    const [event] = await database.db.select().from(submissionEvents).where(and(eq(submissionEvents.submissionId, doro.id), eq(submissionEvents.type, 'note')));
    expect(event!.visibility).toBe('internal');
    const [entry] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'submission.note'), eq(auditLog.entityId, String(doro.id))));
    expect(entry).toMatchObject({ entityType: 'submission', ip: '127.0.0.1', requestId: 'test' });
    expect(entry!.userId).not.toBeNull();
    // The page shows it on the timeline.
    expect(await (await get(app, `/staff/voices/${doro.receipt}`, cookies['doro-manager'])).text()).toContain('現地確認を手配しました。');
  });

  it('shows contact details only to the reform team and the assigned 課, and records every view', async () => {
    const views = await contactViews();
    const reform = await app.fetch(`/staff/voices/${shimin.receipt}`, postForm({ intent: 'contact', submissionId: String(shimin.id) }, { cookie: cookies.reform }));
    expect(reform.status).toBe(200);
    expect(await reform.text()).toContain('lan.nguyen@example.org');
    const own = await app.fetch(`/staff/voices/${shimin.receipt}`, postForm({ intent: 'contact', submissionId: String(shimin.id) }, { cookie: cookies.staff }));
    expect(await own.text()).toContain('lan.nguyen@example.org');
    expect(await contactViews()).toBe(views + 2);
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'contact.view')).orderBy(auditLog.id).limit(1);
    expect(entry).toMatchObject({ entityType: 'submission', entityId: String(shimin.id), ip: '127.0.0.1', requestId: 'test', details: { receiptNumber: shimin.receipt } });

    expect(await (await get(app, `/staff/voices/${shimin.receipt}`, cookies.reform)).text()).toContain('value="contact"');
    // The mayor, auditors and admins read every voice, but never the contact details.
    for (const role of ['mayor', 'auditor', 'admin']) {
      const page = await (await get(app, `/staff/voices/${shimin.receipt}`, cookies[role])).text();
      expect(page, role).not.toContain('value="contact"');
      const post = await app.fetch(`/staff/voices/${shimin.receipt}`, postForm({ intent: 'contact', submissionId: String(shimin.id) }, { cookie: cookies[role] }));
      expect(post.status, role).toBe(403);
      expect(await post.text()).not.toContain('lan.nguyen@example.org');
    }
    // Another 課: not even with its own voice's URL and the other id in the form.
    const tampered = await app.fetch(`/staff/voices/${doro.receipt}`, postForm({ intent: 'contact', submissionId: String(shimin.id) }, { cookie: cookies['doro-staff'] }));
    expect(tampered.status).toBe(404);
    expect(await contactViews()).toBe(views + 2);
  });

  it('refuses contact details in the domain function too, and then writes no audit entry', async () => {
    const [doroStaff] = await database.db.select().from(users).where(sql`lower(${users.email}) = 'doro-staff@sakuradai.example.jp'`);
    const views = await contactViews();
    const contact = await viewVoiceContact(database.db, doroStaff!, shimin.id, { userId: doroStaff!.id, ip: null, userAgent: null, requestId: null });
    expect(contact).toBeNull();
    expect(await contactViews()).toBe(views);
  });
});
