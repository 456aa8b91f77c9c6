import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { submissionEvents, submissions } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { departmentId } from '../support/actors';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';

// The inbox (filters, Japanese search, saved views, paging, bulk actions with each item's
// result), the department view, the mayor's reading queue, entry on behalf and the landing
// page, through the real Remix handler.

const withoutScripts = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '');

describe('triage screens', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  const cookies: Record<string, string> = {};

  const html = async (path: string, who: string) => {
    const response = await get(app, path, cookies[who]);
    expect(response.status, `${path} as ${who}`).toBe(200);
    return withoutScripts(await response.text());
  };
  const row = async (id: number) => (await database.db.select().from(submissions).where(eq(submissions.id, id)))[0]!;
  const newVoice = (title: string, body: string) => createSubmission(database.db, {
    kind: 'request', channel: 'web', categoryId: null, title, body, language: 'ja', contact: null, replyWanted: false, consentToPublish: false,
  }, { trackingToken: newSecretToken() });

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
    for (const role of ['staff', 'manager', 'doro-staff', 'reform', 'mayor', 'auditor']) {
      const login = logins.find((l) => l.role === role)!;
      cookies[role] = await signIn(app, login.email, login.password);
    }
  });

  it('finds voices by a Japanese substring, filters by status and kind, and keeps another 課 out', async () => {
    const page = await html(`/staff/inbox?q=${encodeURIComponent('夜道')}`, 'reform');
    expect(page).toContain('街灯が切れていて夜道が暗い');
    expect(page).toContain('1 件');
    // A 道路管理課 voice is not found by 市民課 staff, even by its words.
    expect(await html(`/staff/inbox?q=${encodeURIComponent('夜道')}`, 'staff')).not.toContain('街灯が切れていて夜道が暗い');
    expect(await html('/staff/inbox', 'doro-staff')).toContain('街灯が切れていて夜道が暗い');

    const received = await html('/staff/inbox?status=received', 'reform');
    expect(received).toContain('<td class="nowrap"><span class="status status--received">受付</span></td>');
    expect(received).not.toContain('status--closed">');
    const praise = await html('/staff/inbox?kind=praise', 'reform');
    expect(praise).toContain('<td class="nowrap">お礼</td>');
    expect(praise).not.toContain('<td class="nowrap">苦情</td>');
    // Unknown filter values are ignored, not fatal.
    expect((await get(app, '/staff/inbox?status=nonsense&page=-3', cookies.reform)).status).toBe(200);
  });

  it('marks overdue items in words, and has the saved views and the unreviewed filter', async () => {
    const v = await newVoice('期限を過ぎた声', '期限を過ぎています。');
    await database.db.update(submissions).set({ dueDate: '2020-01-06', status: 'in_progress', departmentId: await departmentId(database.db, 'shimin') })
      .where(eq(submissions.id, v.id));
    const overdue = await html('/staff/inbox?overdue=1', 'reform');
    expect(overdue).toContain(v.receiptNumber);
    // Past due, said in words with how many business days.
    expect(overdue).toMatch(/<span class="due due--overdue"><time dateTime="2020-01-06">2020-01-06<\/time> <strong>\d+日超過<\/strong><\/span>/);
    const unreviewed = await html('/staff/inbox?unreviewed=1', 'reform');
    expect(unreviewed).toContain('未確認');
    expect(unreviewed).not.toContain('<td class="nowrap">確認済</td>');
    const views = await html('/staff/inbox', 'manager');
    for (const label of ['すべての声', '自分の課', '自分の担当', '自分の決裁待ち']) expect(views).toContain(label);
    expect(await html('/staff/inbox', 'reform')).not.toContain('自分の決裁待ち');
    expect(await html('/staff/inbox?view=my_department', 'manager')).toContain(v.receiptNumber);
  });

  it('pages through the results', async () => {
    for (let i = 0; i < 20; i += 1) await newVoice(`ページ送りの声 ${i}`, 'ページ送りの確認用です。');
    const first = await html('/staff/inbox?sort=oldest', 'reform');
    expect(first).toContain('1 / 2 ページ');
    expect(first).toContain('href="/staff/inbox?sort=oldest&amp;page=2"');
    const second = await html('/staff/inbox?sort=oldest&page=2', 'reform');
    expect(second).toContain('2 / 2 ページ');
  });

  it('routes, assigns and closes in bulk, reporting each item, stale ones refused', async () => {
    const a = await newVoice('一括A', '一括処理の声A');
    const b = await newVoice('一括B', '一括処理の声B');
    const shimin = await departmentId(database.db, 'shimin');
    const va = (await row(a.id)).version;
    // b is changed by someone else after the list was read.
    const vb = (await row(b.id)).version;
    await database.db.update(submissions).set({ version: vb + 1 }).where(eq(submissions.id, b.id));
    const response = await app.fetch('/staff/inbox', postForm({ intent: 'route', departmentId: String(shimin) }, { cookie: cookies.reform,
      headers: {} }));
    expect(response.status).toBe(400);
    const body = new URLSearchParams([['intent', 'route'], ['departmentId', String(shimin)], ['ids', `${a.id}:${va}`], ['ids', `${b.id}:${vb}`]]);
    const init = postForm({}, { cookie: cookies.reform });
    const routed = await app.fetch('/staff/inbox', { ...init, body });
    expect(routed.status).toBe(200);
    const text = withoutScripts(await routed.text());
    expect(text).toContain('2 件中 1 件を処理しました。');
    expect(text).toContain(`${a.receiptNumber}: 完了 — 振り分けました。`);
    expect(text).toContain(`${b.receiptNumber}: できませんでした — ほかの職員が先にこの声を更新しました。`);
    expect((await row(a.id)).departmentId).toBe(shimin);
    expect((await row(b.id)).departmentId).toBeNull();

    // Staff may not route in bulk; the 課長 assigns within the 課 and closes.
    const forbidden = await app.fetch('/staff/inbox', { ...postForm({}, { cookie: cookies.staff }), body: new URLSearchParams([['intent', 'route'], ['departmentId', String(shimin)], ['ids', `${a.id}:${(await row(a.id)).version}`]]) });
    expect(forbidden.status).toBe(403);
    const staffUser = await database.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.email, 'shimin-staff@sakuradai.example.jp') });
    const assigned = await app.fetch('/staff/inbox', { ...postForm({}, { cookie: cookies.manager }), body: new URLSearchParams([['intent', 'assign'], ['assigneeId', String(staffUser!.id)], ['ids', `${a.id}:${(await row(a.id)).version}`]]) });
    expect(assigned.status).toBe(200);
    expect(await row(a.id)).toMatchObject({ assigneeId: staffUser!.id, status: 'in_progress' });
    const closed = await app.fetch('/staff/inbox', { ...postForm({}, { cookie: cookies.manager }), body: new URLSearchParams([['intent', 'close'], ['ids', `${a.id}:${(await row(a.id)).version}`]]) });
    expect(withoutScripts(await closed.text())).toContain(`${a.receiptNumber}: 完了 — 完了にしました。`);
    expect((await row(a.id)).status).toBe('closed');
  });

  it("refuses a 課長's bulk close of another 課's voice, item by item, and leaves it open", async () => {
    const other = await newVoice('他課の一括完了', '道路管理課の声です。');
    await database.db.update(submissions).set({ departmentId: await departmentId(database.db, 'doro'), status: 'answered' }).where(eq(submissions.id, other.id));
    const version = (await row(other.id)).version;
    const closed = await app.fetch('/staff/inbox', { ...postForm({}, { cookie: cookies.manager }), body: new URLSearchParams([['intent', 'close'], ['ids', `${other.id}:${version}`]]) });
    expect(closed.status).toBe(200);
    const text = withoutScripts(await closed.text());
    expect(text).toContain('1 件中 0 件を処理しました。');
    // The voice's receipt number is not revealed to another 課.
    expect(text).not.toContain(other.receiptNumber);
    expect(await row(other.id)).toMatchObject({ status: 'answered', version, closedAt: null });
    // The same request by the 課長 of 道路管理課 closes it.
    const doroManager = logins.find((l) => l.role === 'doro-manager')!;
    const doroCookie = await signIn(app, doroManager.email, doroManager.password);
    const own = await app.fetch('/staff/inbox', { ...postForm({}, { cookie: doroCookie }), body: new URLSearchParams([['intent', 'close'], ['ids', `${other.id}:${version}`]]) });
    expect(withoutScripts(await own.text())).toContain(`${other.receiptNumber}: 完了 — 完了にしました。`);
    expect((await row(other.id)).status).toBe('closed');
  });

  it('lets only the mayor mark voices reviewed in bulk', async () => {
    const a = await newVoice('市長確認A', '市長が確認する声A');
    const b = await newVoice('市長確認B', '市長が確認する声B');
    const form = new URLSearchParams([['intent', 'review'], ['ids', `${a.id}:1`], ['ids', `${b.id}:1`]]);
    expect((await app.fetch('/staff/inbox', { ...postForm({}, { cookie: cookies.reform }), body: form })).status).toBe(403);
    const response = await app.fetch('/staff/inbox', { ...postForm({}, { cookie: cookies.mayor }), body: form });
    expect(response.status).toBe(200);
    expect(withoutScripts(await response.text())).toContain('2 件中 2 件を処理しました。');
    const rows = await database.db.select().from(submissions).where(inArray(submissions.id, [a.id, b.id]));
    expect(rows.every((r) => r.mayorReviewedAt !== null)).toBe(true);
  });

  it('reads the mayor the oldest unread voice first, one at a time, with the count and age always in sight', async () => {
    const queue = await html('/staff/mayor', 'mayor');
    expect(queue).toMatch(/未確認の声：\d+ 件/);
    expect(queue).toMatch(/いちばん古い声は \d+ 日前に届きました。/);
    expect(queue).toContain('1 件目 / ');
    expect(queue).toContain('href="/staff/mayor?position=2"');
    const first = queue.match(/<p class="eyebrow">(\d{4}-\d{6})/)![1]!;
    const [voice] = await database.db.select().from(submissions).where(eq(submissions.receiptNumber, first));
    expect(voice!.mayorReviewedAt).toBeNull();

    const reviewed = await app.fetch('/staff/mayor?position=1', postForm({ intent: 'review', submissionId: String(voice!.id) }, { cookie: cookies.mayor }));
    expect(reviewed.status).toBe(302);
    expect(reviewed.headers.get('location')).toBe('/staff/mayor?position=1&done=reviewed');
    expect((await row(voice!.id)).mayorReviewedAt).not.toBeNull();
    const next = await html('/staff/mayor?position=1&done=reviewed', 'mayor');
    expect(next).not.toContain(`<p class="eyebrow">${first}`);
    expect(next).toContain('確認済みにしました。次の声を表示しています。');

    const second = next.match(/<p class="eyebrow">(\d{4}-\d{6})/)![1]!;
    const [target] = await database.db.select().from(submissions).where(eq(submissions.receiptNumber, second));
    const empty = await app.fetch('/staff/mayor?position=1', postForm({ intent: 'instruct', submissionId: String(target!.id), text: '' }, { cookie: cookies.mayor }));
    expect(empty.status).toBe(400);
    const instructed = await app.fetch('/staff/mayor?position=1', postForm({ intent: 'instruct', submissionId: String(target!.id), text: '来週までに現地を確認してください。' }, { cookie: cookies.mayor }));
    expect(instructed.status).toBe(302);
    const events = await database.db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, target!.id));
    expect(events.find((e) => e.type === 'mayor_instruction')!.data).toEqual({ text: '来週までに現地を確認してください。' });
    expect((await row(target!.id)).mayorReviewedAt).not.toBeNull();
    // The instruction shows on the voice page's timeline.
    expect(await html(`/staff/voices/${second}`, 'reform')).toContain('来週までに現地を確認してください。');
    // Nobody else has the queue.
    expect((await get(app, '/staff/mayor', cookies.reform)).status).toBe(403);
  });

  it('shows the mayor the summary on the landing page, and everyone the saved views', async () => {
    const mayor = await html('/staff', 'mayor');
    expect(mayor).toMatch(/未確認の声：\d+ 件/);
    expect(mayor).toContain('href="/staff/mayor"');
    const staff = await html('/staff', 'staff');
    expect(staff).not.toMatch(/未確認の声：\d+ 件/);
    expect(staff).toContain('href="/staff/inbox?view=assigned_to_me"');
    expect(staff).toContain('href="/staff/department"');
  });

  it('lists the open items of the own 課 by due date, overdue ones marked', async () => {
    const shimin = await departmentId(database.db, 'shimin');
    const late = await newVoice('課の期限超過', '課の一覧で期限を過ぎた声');
    const soon = await newVoice('課の期限前', '課の一覧で期限前の声');
    await database.db.update(submissions).set({ departmentId: shimin, status: 'in_progress', dueDate: '2020-02-03' }).where(eq(submissions.id, late.id));
    await database.db.update(submissions).set({ departmentId: shimin, status: 'in_progress', dueDate: '2099-02-03' }).where(eq(submissions.id, soon.id));
    const page = await html('/staff/department', 'staff');
    expect(page).toContain('市民課');
    expect(page.indexOf(late.receiptNumber)).toBeLessThan(page.indexOf(soon.receiptNumber));
    expect(page).toContain('2020-02-03 <strong>（期限超過）</strong>');
    expect(page).not.toContain('街灯が切れていて夜道が暗い');
    expect(await html('/staff/department', 'mayor')).toContain('所属する課がないため');
  });

  it('enters a phone voice on the resident\'s behalf, shows the receipt number and tracking link once, and never twice', async () => {
    const form = await html('/staff/voices/new', 'staff');
    const key = form.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
    const invalid = await app.fetch('/staff/voices/new', postForm({ idempotencyKey: key, channel: '', kind: 'request', title: '', body: '' }, { cookie: cookies.staff }));
    expect(invalid.status).toBe(400);
    expect(withoutScripts(await invalid.text())).toContain('受付方法を選んでください。');
    const fields = {
      idempotencyKey: key, channel: 'phone', kind: 'complaint', categoryId: '', title: '電話での苦情', body: '窓口の対応が遅いとのお電話でした。',
      placeText: '', postcode: '', contactMode: 'named', familyName: '佐藤', givenName: '一郎', familyNameKana: '', givenNameKana: '',
      email: 'ichiro@example.jp', phone: '', replyWanted: 'on',
    };
    const created = await app.fetch('/staff/voices/new', postForm(fields, { cookie: cookies.staff }));
    expect(created.status).toBe(200);
    const text = withoutScripts(await created.text());
    const receipt = text.match(/entry-created__receipt">(\d{4}-\d{6})</)![1]!;
    expect(text).toMatch(/http:\/\/localhost:3000\/track\/[\w-]+/);
    const [voice] = await database.db.select().from(submissions).where(eq(submissions.receiptNumber, receipt));
    expect(voice).toMatchObject({ channel: 'phone', kind: 'complaint', title: '電話での苦情', anonymous: false, replyWanted: true });
    // A reload posts the same key again: the same voice, no second tracking link.
    const again = await app.fetch('/staff/voices/new', postForm(fields, { cookie: cookies.staff }));
    const againText = withoutScripts(await again.text());
    expect(againText).toContain(receipt);
    expect(againText).toContain('この声はすでに受け付けています。');
    expect(againText).not.toMatch(/\/track\/[\w-]+/);
    expect((await database.db.select().from(submissions).where(eq(submissions.title, '電話での苦情')))).toHaveLength(1);
    expect((await get(app, '/staff/voices/new', cookies.mayor)).status).toBe(403);
  });
});
