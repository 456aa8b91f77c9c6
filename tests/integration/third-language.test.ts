import { rmSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, citySettings, users } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { renderPreview } from '../../app/email/render.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { makeLocalesWithPortuguese } from '../support/portuguese-locales';
import { get, postForm, signIn } from '../support/staff-auth';

// A third language is a folder of translation files plus the city's data translated in the
// admin screens — no code, no column, no rebuild. Portuguese (many Brazilian residents live
// in Japanese cities) is added here in a temporary folder the app is pointed at, and every
// way a reader meets a language is tried: pages, the switcher, the browser's translation
// files, city data, the admin form, mail and the Open311 API. (tests/e2e/third-language.test.ts
// does the same in Chromium, with JavaScript.)

describe('a third language added as a folder', () => {
  let folder: string;
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  const pt = { Cookie: 'meyasu_lang=pt' };

  beforeAll(async () => {
    folder = makeLocalesWithPortuguese();
    process.env.LOCALES_DIR = folder;

    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    // The city's data in Portuguese, as the admin would enter it.
    await database.db.update(citySettings).set({ nameTranslations: sql`name_translations || '{"pt": "Cidade de Sakuradai"}'::jsonb` });
    await database.db.update(categories).set({ nameTranslations: sql`name_translations || '{"pt": "Estradas e calçadas"}'::jsonb` })
      .where(eq(categories.code, 'doro'));
    app = await createTestApp(database);
  });

  afterAll(() => {
    delete process.env.LOCALES_DIR;
    rmSync(folder, { recursive: true, force: true });
  });

  it('is offered by the language switch, in its own name, and remembered', async () => {
    const home = await (await app.fetch('/')).text();
    expect(home).toMatch(/<button[^>]*name="language"[^>]*value="pt"[^>]*>.*?<span lang="pt">Português<\/span>/s);
    expect(home).toMatch(/value="en"[^>]*>.*?<span lang="en">English<\/span>/s);
    const switched = await app.fetch('/language', postForm({ language: 'pt', redirectTo: '/send' }));
    expect(switched.status).toBe(302);
    expect(switched.headers.get('set-cookie')).toContain('meyasu_lang=pt');
  });

  it('shows the resident pages from the new files, with the city’s data in Portuguese', async () => {
    const home = await (await app.fetch('/', { headers: pt })).text();
    expect(home).toContain('<html lang="pt"');
    expect(home).toContain('Envie ideias, pedidos, reclamações e agradecimentos a qualquer momento.');
    expect(home).toContain('Cidade de Sakuradai');
    expect(home).toContain('Enviar sua opinião');
    // Untranslated city data falls back to the Japanese, never to a key or to nothing.
    const send = await (await app.fetch('/send', { headers: pt })).text();
    expect(send).toContain('Estradas e calçadas');
    expect(send).toContain('ごみ・リサイクル');
    expect(send).not.toMatch(/>(common|citizen|domain|errors):[a-zA-Z.]+</);
  });

  it('gives the browser the new language’s files, content-hashed and cached for a year', async () => {
    const send = await (await app.fetch('/send', { headers: pt })).text();
    const links = [...send.matchAll(/<link [^>]*href="([^"]+)"[^>]*data-translations="(\w+)"/g)];
    expect(links.map(([, , ns]) => ns).sort()).toEqual(['citizen', 'common', 'domain', 'errors', 'map']);
    const common = links.find(([, , ns]) => ns === 'common')![1]!;
    expect(common).toMatch(/^\/translations\/pt\/common\.[0-9a-f]{12}\.json$/);
    const file = await app.fetch(common);
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(((await file.json()) as { language: { name: string } }).language.name).toBe('Português');
    // Another hash (an old or guessed address) and the API's server-only strings are not served.
    expect((await app.fetch(common.replace(/\.[0-9a-f]{12}\.json$/, '.000000000000.json'))).status).toBe(404);
    expect((await app.fetch(common.replace('/common.', '/open311.'))).status).toBe(404);
    expect((await app.fetch(common.replace('/pt/', '/xx/'))).status).toBe(404);
  });

  it('lets the admin translate a category into it, keeping only installed languages', async () => {
    const admin = logins.find((l) => l.role === 'admin')!;
    const cookie = await signIn(app, admin.email, admin.password);
    const [gomi] = await database.db.select().from(categories).where(eq(categories.code, 'gomi'));
    const page = await (await get(app, `/staff/admin/categories/${gomi!.id}`, cookie)).text();
    expect(page).toMatch(/<input[^>]*name="name:pt"/);
    expect(page).toMatch(/<input[^>]*name="name:en"[^>]*value="Waste and recycling"/);
    const saved = await app.fetch(`/staff/admin/categories/${gomi!.id}`, postForm({
      intent: 'save', code: 'gomi', nameJa: gomi!.nameJa, 'name:en': 'Waste and recycling', 'name:pt': 'Lixo e reciclagem', 'name:xx': 'not installed',
      defaultDepartmentId: String(gomi!.defaultDepartmentId ?? ''), replyTargetDays: String(gomi!.replyTargetDays), sortOrder: String(gomi!.sortOrder), active: 'on',
    }, { cookie }));
    expect(saved.status).toBe(302);
    const [after] = await database.db.select().from(categories).where(eq(categories.code, 'gomi'));
    expect(after!.nameTranslations).toEqual({ en: 'Waste and recycling', pt: 'Lixo e reciclagem' });
    expect(await (await app.fetch('/send', { headers: pt })).text()).toContain('Lixo e reciclagem');
  });

  it('refuses a too-long translation and a language without a folder with a clear message, changing nothing', async () => {
    const admin = logins.find((l) => l.role === 'admin')!;
    const cookie = await signIn(app, admin.email, admin.password);
    const [doro] = await database.db.select().from(categories).where(eq(categories.code, 'doro'));
    const tooLong = await app.fetch(`/staff/admin/categories/${doro!.id}`, postForm({
      intent: 'save', code: 'doro', nameJa: doro!.nameJa, 'name:pt': 'x'.repeat(121),
      replyTargetDays: String(doro!.replyTargetDays), sortOrder: String(doro!.sortOrder), active: 'on',
    }, { cookie }));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain('長すぎます。短くしてください。');
    const [unchanged] = await database.db.select().from(categories).where(eq(categories.code, 'doro'));
    expect(unchanged!.nameTranslations.pt).toBe('Estradas e calçadas');

    const staff = logins.find((l) => l.role === 'staff')!;
    const [member] = await database.db.select().from(users).where(sql`lower(${users.email}) = ${staff.email}`);
    const refused = await app.fetch(`/staff/admin/users/${member!.id}`, postForm({
      intent: 'update', displayName: member!.displayName, role: member!.role, departmentId: String(member!.departmentId ?? ''), language: 'xx',
    }, { cookie }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('この言語の翻訳ファイルがありません。一覧から選んでください。');
    const [after] = await database.db.select().from(users).where(eq(users.id, member!.id));
    expect(after!.language).toBe(member!.language);
    // Portuguese has its folder: accepted.
    const accepted = await app.fetch(`/staff/admin/users/${member!.id}`, postForm({
      intent: 'update', displayName: member!.displayName, role: member!.role, departmentId: String(member!.departmentId ?? ''), language: 'pt',
    }, { cookie }));
    expect(accepted.status).toBe(302);
  });

  it('writes mail and answers the Open311 API in it', async () => {
    const mail = await renderPreview('receipt', 'pt', { appUrl: 'https://meyasu.example.jp', cityName: 'Cidade de Sakuradai', stopUrl: 'https://meyasu.example.jp/mail/stop/1.x' });
    expect(mail.subject).toMatch(/^\[Cidade de Sakuradai\] Recebemos sua opinião \(número /);
    expect(mail.html).toContain('lang="pt"');
    const services = (await (await app.fetch('/open311/v2/services.json?locale=pt')).json()) as { service_name: string }[];
    expect(services.map((s) => s.service_name)).toContain('Estradas e calçadas');
  });
});
