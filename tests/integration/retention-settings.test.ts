import { desc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, users } from '../../db/schema/index';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';

// Acceptance 3 of issue 16: the privacy page states the retention periods from the same
// settings the erasure job runs on; the admin changes them on one screen (audited).

describe('retention settings and the privacy page', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  let admin: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
    const login = logins.find((l) => l.role === 'admin')!;
    admin = await signIn(app, login.email, login.password);
  });

  const fields = { voiceYears: '5', contactMonths: '12', photoMonths: '12', auditYears: '5', mailDays: '90' };

  it('shows the default periods on the privacy page, in Japanese and English', async () => {
    const ja = await (await get(app, '/privacy')).text();
    expect(ja).toContain('受け付けた年度の翌年度から5年間保存し');
    expect(ja).toContain('対応の完了から12か月後に');
    expect(ja).toContain('送信から90日後に');
    const en = await (await get(app, '/privacy', undefined, { Cookie: 'meyasu_lang=en' })).text();
    expect(en).toContain('kept for 5 years after the end of the fiscal year');
  });

  it('changes the page when the admin changes a period, and audits the change', async () => {
    const form = await (await get(app, '/staff/admin/retention', admin)).text();
    expect(form).toContain('個人情報の保存期間');
    const saved = await app.fetch('/staff/admin/retention', postForm({ ...fields, voiceYears: '7', contactMonths: '6' }, { cookie: admin }));
    expect(saved.status).toBe(302);
    const page = await (await get(app, '/privacy')).text();
    expect(page).toContain('受け付けた年度の翌年度から7年間保存し');
    expect(page).toContain('対応の完了から6か月後に');
    expect(page).not.toContain('受け付けた年度の翌年度から5年間');
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'retention.settings_update')).orderBy(desc(auditLog.id)).limit(1);
    const [adminRow] = await database.db.select().from(users).where(sql`lower(${users.email}) = ${logins.find((l) => l.role === 'admin')!.email}`);
    expect(entry).toMatchObject({ userId: adminRow!.id, details: { changes: { voiceYears: [5, 7], contactMonths: [12, 6] } } });
  });

  it('refuses a period out of range with a clear message, and keeps the page as it was', async () => {
    const bad = await app.fetch('/staff/admin/retention', postForm({ ...fields, voiceYears: '0' }, { cookie: admin }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('範囲外の値です。');
    expect(await (await get(app, '/privacy')).text()).toContain('受け付けた年度の翌年度から7年間保存し');
  });

  it('is for admins only', async () => {
    const reform = logins.find((l) => l.role === 'reform')!;
    const cookie = await signIn(app, reform.email, reform.password);
    const refused = await app.fetch('/staff/admin/retention', postForm({ ...fields, voiceYears: '1' }, { cookie }));
    expect(refused.status).toBe(403);
  });
});
