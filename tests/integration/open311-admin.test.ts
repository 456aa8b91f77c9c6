import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { apiClients, auditLog } from '../../db/schema/index';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';

// Admins issue and revoke Open311 api_keys; the key is shown once and works at once.
describe('Open311 api keys in the admin screens', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  const login = (role: string) => logins.find((l) => l.role === role)!;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
  });

  const postRequest = (apiKey: string) => app.fetch('/open311/v2/requests.json', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: apiKey, service_code: 'koen', description: '遊具のボルトが外れています。', address_string: '中央公園' }),
  });

  it('issues a key that works at once, shows it once, lists only its prefix, and revokes it', async () => {
    const admin = await signIn(app, login('admin').email, login('admin').password);
    const issued = await app.fetch('/staff/admin/api-clients', postForm({ name: '道路通報アプリ' }, { cookie: admin }));
    expect(issued.status).toBe(200);
    const html = await issued.text();
    const apiKey = html.match(/m311_[A-Za-z0-9_-]{20,}/)?.[0];
    expect(apiKey).toBeDefined();
    expect((await postRequest(apiKey!)).status).toBe(201);

    const list = await (await get(app, '/staff/admin/api-clients', admin)).text();
    expect(list).toContain('道路通報アプリ');
    expect(list).not.toContain(apiKey!);

    const [client] = await database.db.select().from(apiClients).where(eq(apiClients.name, '道路通報アプリ'));
    const revoked = await app.fetch('/staff/admin/api-clients', postForm({ intent: 'revoke', clientId: String(client!.id) }, { cookie: admin }));
    expect(revoked.status).toBe(200);
    expect((await postRequest(apiKey!)).status).toBe(403);

    const entries = await database.db.select().from(auditLog).where(eq(auditLog.entityType, 'api_client')).orderBy(desc(auditLog.id));
    expect(entries.map((e) => e.action)).toEqual(['api_client.revoke', 'api_client.issue']);
  });

  it('refuses an empty name with a translated message, and other roles with 403', async () => {
    const admin = await signIn(app, login('admin').email, login('admin').password);
    const empty = await app.fetch('/staff/admin/api-clients', postForm({ name: ' ' }, { cookie: admin }));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('入力してください。');
    const reform = await signIn(app, login('reform').email, login('reform').password);
    expect((await get(app, '/staff/admin/api-clients', reform)).status).toBe(403);
  });
});
