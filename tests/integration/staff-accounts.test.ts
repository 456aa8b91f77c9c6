import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, emailOutbox, userTokens, users } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { hashSecretToken } from '../../app/domain/secret-token.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';

// Password reset by email and invitations: single-use hashed links that expire, NIST rules
// for the new password, and the mail queued in the same transaction.

function tokenFrom(url: string): string {
  return url.split('/').pop()!;
}

describe('password reset and invitations', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  const login = (role: string) => logins.find((l) => l.role === role)!;
  const outbox = (template: string, to: string) =>
    database.db.select().from(emailOutbox).where(and(eq(emailOutbox.template, template), sql`lower(${emailOutbox.toAddress}) = ${to.toLowerCase()}`));

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database, { APP_URL: 'http://localhost:3000' });
  });

  it('answers the same for a known and an unknown address, and mails a 30-minute link only to the known one', async () => {
    const known = await app.fetch('/staff/forgot-password', postForm({ email: login('staff').email }));
    const unknown = await app.fetch('/staff/forgot-password', postForm({ email: 'stranger@sakuradai.example.jp' }));
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const sentText = '入力されたアドレスが登録されていれば、再設定用のリンクをお送りしました。';
    expect(await known.text()).toContain(sentText);
    expect(await unknown.text()).toContain(sentText);
    expect(await outbox('password_reset', 'stranger@sakuradai.example.jp')).toHaveLength(0);
    const [mail] = await outbox('password_reset', login('staff').email);
    const payload = mail!.payload as { resetUrl: string; expiresAt: string };
    expect(payload.resetUrl).toMatch(/^http:\/\/localhost:3000\/staff\/reset-password\/[A-Za-z0-9_-]{43}$/);
    const minutes = (Date.parse(payload.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    // Only the hash of the link is stored.
    const [row] = await database.db.select().from(userTokens).where(eq(userTokens.tokenHash, hashSecretToken(tokenFrom(payload.resetUrl))));
    expect(row!.purpose).toBe('password_reset');
    expect(await database.db.select().from(userTokens).where(eq(userTokens.tokenHash, tokenFrom(payload.resetUrl)))).toHaveLength(0);
  });

  it('resets the password once: NIST rules apply, other sessions end, the link then stops working', async () => {
    const { email, password } = login('staff');
    const elsewhere = await signIn(app, email, password);
    const [mail] = await outbox('password_reset', email);
    const url = new URL((mail!.payload as { resetUrl: string }).resetUrl).pathname;
    expect(await (await get(app, url)).text()).toContain('新しいパスワードの設定');

    const common = await app.fetch(url, postForm({ password: 'password1234', confirm: 'password1234' }));
    expect(common.status).toBe(400);
    expect(await common.text()).toContain('よく使われていて推測されやすいパスワードです。');
    const short = await app.fetch(url, postForm({ password: 'short pass', confirm: 'short pass' }));
    expect(await short.text()).toContain('パスワードは12文字以上にしてください。');

    const next = 'さくらの季節に川沿いを歩く';
    const done = await app.fetch(url, postForm({ password: next, confirm: next }));
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/staff/login?notice=passwordSet');
    expect((await get(app, '/staff', elsewhere)).status).toBe(302);
    await signIn(app, email, next);
    const [stored] = await database.db.select({ hash: users.passwordHash }).from(users).where(sql`lower(${users.email}) = ${email}`);
    expect(stored!.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const reused = await app.fetch(url, postForm({ password: 'another fine passphrase', confirm: 'another fine passphrase' }));
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain('このリンクは無効か、有効期限が切れているか、すでに使われています。');
  });

  it('refuses an expired link', async () => {
    const email = login('manager').email;
    await app.fetch('/staff/forgot-password', postForm({ email }));
    const [mail] = await outbox('password_reset', email);
    const token = tokenFrom((mail!.payload as { resetUrl: string }).resetUrl);
    await database.db.update(userTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(userTokens.tokenHash, hashSecretToken(token)));
    const response = await app.fetch(`/staff/reset-password/${token}`, postForm({ password: 'a quiet walk in the park', confirm: 'a quiet walk in the park' }));
    expect(response.status).toBe(410);
  });

  it('lets an admin invite a member of staff, who sets a password through the link and signs in', async () => {
    const admin = await signIn(app, login('admin').email, login('admin').password);
    const [dept] = await database.db.execute(sql`select id from departments where code = 'doro'`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { id: number }[]);
    const invite = await app.fetch('/staff/admin/users', postForm({
      email: 'Shinnyu.Shokuin@sakuradai.example.jp', displayName: '新入 職員', role: 'staff', departmentId: String(dept!.id), language: 'ja',
    }, { cookie: admin }));
    expect(invite.status).toBe(302);
    const [mail] = await outbox('invitation', 'shinnyu.shokuin@sakuradai.example.jp');
    const payload = mail!.payload as { inviteUrl: string; inviterName: string; expiresAt: string };
    expect(payload.inviterName).toBe('管理 太郎');
    expect(payload.inviteUrl).toMatch(/^http:\/\/localhost:3000\/staff\/invitation\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(payload.expiresAt)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'user.invite'));
    expect(entry!.details).toMatchObject({ email: 'Shinnyu.Shokuin@sakuradai.example.jp', role: 'staff' });

    // Not usable before the password is set.
    const early = await app.fetch('/staff/login', postForm({ email: 'shinnyu.shokuin@sakuradai.example.jp', password: 'anything at all here' }));
    expect(early.status).toBe(401);
    const path = new URL(payload.inviteUrl).pathname;
    const accepted = await app.fetch(path, postForm({ password: '道路の穴は早めに直したい', confirm: '道路の穴は早めに直したい' }));
    expect(accepted.status).toBe(302);
    const cookie = await signIn(app, 'shinnyu.shokuin@sakuradai.example.jp', '道路の穴は早めに直したい');
    expect(await (await get(app, '/staff', cookie)).text()).toContain('新入 職員');

    // The same address cannot be invited twice.
    const twice = await app.fetch('/staff/admin/users', postForm({
      email: 'shinnyu.shokuin@sakuradai.example.jp', displayName: '二重', role: 'staff', departmentId: String(dept!.id), language: 'ja',
    }, { cookie: admin }));
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('このメールアドレスのアカウントはすでにあります。');
  });

  it('changes one\'s own password (current one required) and keeps this browser signed in', async () => {
    const { email, password } = login('doro-staff');
    const cookie = await signIn(app, email, password);
    const other = await signIn(app, email, password);
    const wrong = await app.fetch('/staff/profile', postForm({ intent: 'password', current: 'not it at all', password: '冬の朝は路面がよく凍ります', confirm: '冬の朝は路面がよく凍ります' }, { cookie }));
    expect(wrong.status).toBe(400);
    const contextual = await app.fetch('/staff/profile', postForm({ intent: 'password', current: password, password: 'doro-staff2026!', confirm: 'doro-staff2026!' }, { cookie }));
    expect(await contextual.text()).toContain('ご自分のメールアドレスや名前をもとにしたパスワードは使えません。');
    const ok = await app.fetch('/staff/profile', postForm({ intent: 'password', current: password, password: '冬の朝は路面がよく凍ります', confirm: '冬の朝は路面がよく凍ります' }, { cookie }));
    expect(ok.status).toBe(302);
    const fresh = ok.headers.get('set-cookie')!.split(';')[0]!;
    expect((await get(app, '/staff', fresh)).status).toBe(200);
    expect((await get(app, '/staff', other)).status).toBe(302);
    expect((await get(app, '/staff', cookie)).status).toBe(302);
  });
});
