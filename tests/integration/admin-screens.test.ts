import { beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import {
  auditLog, categories, cityClosedDays, citySettings, departments, replyTemplates, serviceCounters, users,
} from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';

// The admin screens: plain list + form, validated, translated — and every write audited
// with who, what, which record, when and from where.

describe('admin screens', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  let admin: string;
  let adminId: number;
  const login = (role: string) => logins.find((l) => l.role === role)!;
  const post = (path: string, fields: Record<string, string>) => app.fetch(path, postForm(fields, { cookie: admin }));

  async function lastAudit(action: string) {
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1);
    expect(entry, `audit entry ${action}`).toBeDefined();
    expect(entry).toMatchObject({ userId: adminId, ip: '127.0.0.1', requestId: 'test' });
    expect(entry!.at).toBeInstanceOf(Date);
    return entry!;
  }
  const idOf = async (code: string) => (await database.db.select({ id: departments.id }).from(departments).where(eq(departments.code, code)))[0]!.id;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
    admin = await signIn(app, login('admin').email, login('admin').password);
    adminId = (await database.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${login('admin').email}`))[0]!.id;
  });

  it('lists every section in Japanese and English', async () => {
    const ja = await (await get(app, '/staff/admin', admin)).text();
    for (const title of ['職員アカウント', '部署（部・課）', '分類', '窓口', '市の休業日', '市の名称と約束', '監査ログ']) expect(ja).toContain(`${title}<span>`);
    const en = await (await get(app, '/staff/admin', admin, { Cookie: `${admin}; meyasu_lang=en` })).text();
    expect(en).toContain('<h1>Administration</h1>');
  });

  it('adds and renames a department, refusing a duplicate code with a clear message', async () => {
    const bu = await idOf('toshi');
    const created = await post('/staff/admin/departments', {
      code: 'kotsu', level: 'ka', parentId: String(bu), nameJa: '交通政策課', 'name:en': 'Transport Policy Division', sortOrder: '30', active: 'on',
    });
    expect(created.status).toBe(302);
    const id = await idOf('kotsu');
    expect((await lastAudit('department.create')).entityId).toBe(String(id));
    const dup = await post('/staff/admin/departments', { code: 'kotsu', level: 'ka', parentId: String(bu), nameJa: '重複課', 'name:en': 'Dup', sortOrder: '1', active: 'on' });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain('このコードはすでに使われています。');
    const renamed = await post(`/staff/admin/departments/${id}`, {
      code: 'kotsu', level: 'ka', parentId: String(bu), nameJa: '交通政策推進課', 'name:en': 'Transport Policy Division', sortOrder: '30', active: 'on',
    });
    expect(renamed.status).toBe(302);
    const entry = await lastAudit('department.update');
    expect(entry.details).toEqual({ changes: { nameJa: ['交通政策課', '交通政策推進課'] } });
  });

  it('changes a category\'s routing and reply target days, and manages its reply templates', async () => {
    const [gomi] = await database.db.select().from(categories).where(eq(categories.code, 'gomi'));
    const kotsu = await idOf('kotsu');
    const saved = await post(`/staff/admin/categories/${gomi!.id}`, {
      intent: 'save', code: 'gomi', nameJa: gomi!.nameJa, 'name:en': gomi!.nameTranslations.en ?? '', defaultDepartmentId: String(kotsu), replyTargetDays: '5', sortOrder: '1', active: 'on',
    });
    expect(saved.status).toBe(302);
    const [after] = await database.db.select().from(categories).where(eq(categories.id, gomi!.id));
    expect(after).toMatchObject({ defaultDepartmentId: kotsu, replyTargetDays: 5 });
    expect((await lastAudit('category.update')).details).toMatchObject({ changes: { replyTargetDays: [10, 5] } });

    const bad = await post(`/staff/admin/categories/${gomi!.id}`, { intent: 'save', code: 'gomi', nameJa: 'x', 'name:en': 'x', replyTargetDays: '99', sortOrder: '1' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('範囲外の値です。');

    const template = await post(`/staff/admin/categories/${gomi!.id}`, { intent: 'template', title: '収集日のご案内', body: '収集日は地区ごとに異なります。', language: 'ja', active: 'on' });
    expect(template.status).toBe(302);
    const [row] = await database.db.select().from(replyTemplates).where(eq(replyTemplates.title, '収集日のご案内'));
    expect(row!.categoryId).toBe(gomi!.id);
    await lastAudit('reply_template.create');
    // A template of another category cannot be edited through this one.
    const [foreign] = await database.db.select().from(replyTemplates).where(sql`${replyTemplates.categoryId} <> ${gomi!.id}`).limit(1);
    const tampered = await post(`/staff/admin/categories/${gomi!.id}`, { intent: 'template', templateId: String(foreign!.id), title: '改ざん', body: '改ざん', language: 'ja' });
    expect(tampered.status).toBe(404);
  });

  it('adds a service counter and prints an A4 poster with a QR code to its survey page', async () => {
    const created = await post('/staff/admin/counters', {
      slug: 'kotsu-madoguchi', nameJa: '交通政策窓口', 'name:en': 'Transport counter', departmentId: String(await idOf('kotsu')), locationJa: '本庁舎3階', 'location:en': '', active: 'on',
    });
    expect(created.status).toBe(302);
    const [counter] = await database.db.select().from(serviceCounters).where(eq(serviceCounters.slug, 'kotsu-madoguchi'));
    expect(counter!.locationTranslations).toEqual({});
    await lastAudit('counter.create');
    const poster = await (await get(app, `/staff/admin/counters/${counter!.id}/poster`, admin)).text();
    expect(poster).toContain('http://localhost:3000/survey/kotsu-madoguchi');
    expect(poster).toMatch(/<img class="poster__qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
  });

  it('adds and removes closed days of the city calendar', async () => {
    const added = await post('/staff/admin/calendar', { intent: 'add', kind: 'date', date: '2027-06-23', labelJa: '慰霊の日', 'label:en': 'Memorial Day' });
    expect(added.status).toBe(302);
    const [day] = await database.db.select().from(cityClosedDays).where(eq(cityClosedDays.date, '2027-06-23'));
    expect(day).toBeDefined();
    await lastAudit('calendar.add');
    const invalid = await post('/staff/admin/calendar', { intent: 'add', kind: 'annual', month: '2', day: '30', labelJa: 'x', 'label:en': 'x' });
    expect(invalid.status).toBe(400);
    const removed = await post('/staff/admin/calendar', { intent: 'remove', id: String(day!.id) });
    expect(removed.status).toBe(302);
    expect(await database.db.select().from(cityClosedDays).where(eq(cityClosedDays.id, day!.id))).toHaveLength(0);
    expect((await lastAudit('calendar.remove')).details).toMatchObject({ removed: { labelJa: '慰霊の日' } });
  });

  it('edits the city\'s name and promise, shown to residents at once', async () => {
    const saved = await post('/staff/admin/city', {
      nameJa: 'さくら台市', 'name:en': 'Sakuradai City', promiseJa: 'いただいた声には、必ずお答えします。', 'promise:en': 'We answer every voice.', defaultReplyTargetDays: '10',
    });
    expect(saved.status).toBe(302);
    expect(await (await get(app, '/')).text()).toContain('いただいた声には、必ずお答えします。');
    expect((await lastAudit('city.update')).details).toMatchObject({ changes: { promiseJa: ['いただいた声は、すべて市長が読みます。', 'いただいた声には、必ずお答えします。'] } });
    const [city] = await database.db.select().from(citySettings);
    expect(city!.requireTotpForAdminAndMayor).toBe(false);
  });

  it('edits how residents reach the city hall, shown with the emergency notice at once', async () => {
    const base = { nameJa: 'さくら台市', 'name:en': 'Sakuradai City', promiseJa: 'いただいた声は、すべて市長が読みます。', 'promise:en': 'We answer every voice.', defaultReplyTargetDays: '10' };
    const bad = await post('/staff/admin/city', { ...base, contactPhone: '電話してね' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('電話番号は数字とハイフンで入力してください');
    const saved = await post('/staff/admin/city', {
      ...base, contactPhone: '０１２３－９９－０００１', contactFax: '0123-99-0002', officeHoursJa: '平日 9時〜17時', 'officeHours:en': 'Weekdays 9:00–17:00', afterHoursPhone: '',
    });
    expect(saved.status).toBe(302);
    const send = await (await get(app, '/send')).text();
    expect(send).toContain('href="tel:0123990001"');
    expect(send).toContain('平日 9時〜17時');
    expect(send).not.toContain('夜間・休日');
    expect((await lastAudit('city.update')).details).toMatchObject({ changes: { contactPhone: [expect.any(String), '0123-99-0001'] } });
  });

  it('changes a role and 課, and disabling an account ends its sessions', async () => {
    const target = login('doro-staff');
    const [row] = await database.db.select().from(users).where(sql`lower(${users.email}) = ${target.email}`);
    const cookie = await signIn(app, target.email, target.password);
    const moved = await post(`/staff/admin/users/${row!.id}`, { intent: 'update', displayName: row!.displayName, role: 'manager', departmentId: String(await idOf('kotsu')), language: 'ja' });
    expect(moved.status).toBe(302);
    expect((await lastAudit('user.update')).details).toMatchObject({ changes: { role: ['staff', 'manager'] } });
    const noDept = await post(`/staff/admin/users/${row!.id}`, { intent: 'update', displayName: row!.displayName, role: 'staff', departmentId: '', language: 'ja' });
    expect(await noDept.text()).toContain('職員と課長には所属課を選んでください。');
    const disabled = await post(`/staff/admin/users/${row!.id}`, { intent: 'disable' });
    expect(disabled.status).toBe(302);
    expect((await get(app, '/staff', cookie)).status).toBe(302);
    expect((await lastAudit('user.disable')).details).toEqual({ sessionsEnded: 1 });
    // An admin cannot disable or demote themselves.
    const self = await post(`/staff/admin/users/${adminId}`, { intent: 'disable' });
    expect(self.status).toBe(400);
    expect(await self.text()).toContain('自分自身のアカウントには、この操作はできません。');
    const demote = await post(`/staff/admin/users/${adminId}`, { intent: 'update', displayName: '管理 太郎', role: 'staff', departmentId: String(await idOf('somu-ka')), language: 'ja' });
    expect(demote.status).toBe(400);
    expect(await demote.text()).toContain('自分自身のアカウントには、この操作はできません。');
  });

  it('browses the audit log with filters and exports it as UTF-8 CSV with a BOM', async () => {
    const page = await (await get(app, '/staff/admin/audit?action=department.update', admin)).text();
    expect(page).toContain('<code>department.update</code>');
    expect(page).not.toContain('<code>city.update</code>');
    const auditor = await signIn(app, login('auditor').email, login('auditor').password);
    const csv = await get(app, '/staff/admin/audit.csv?action=calendar.', auditor);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines[0]).toBe('番号,日時,メールアドレス,氏名,操作,対象の種類,対象の番号,IPアドレス,ブラウザー,リクエストID,詳細');
    expect(lines.slice(1).map((l) => l.split(',')[4])).toEqual(['calendar.remove', 'calendar.add']);
    // The export itself is recorded.
    const [exported] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'audit.export')));
    expect(exported).toBeDefined();
  });
});
