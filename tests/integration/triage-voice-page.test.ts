import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, replies, replyTemplates, submissionEvents, submissions } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { departmentId } from '../support/actors';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';

// The voice page through the real Remix handler: classify, route, assign, priority, due
// date, status changes, replies with 決裁, interim replies, publication — and the refusals:
// a stale version (409 with its message, nothing overwritten) and another 課 (404).

const withoutScripts = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '');

describe('the voice page (triage actions)', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  const cookies: Record<string, string> = {};

  const row = async (id: number) => (await database.db.select().from(submissions).where(eq(submissions.id, id)))[0]!;
  // The rendered page without its scripts (the translations travel in them).
  const page = async (receipt: string, who: string, query = '') => {
    const response = await get(app, `/staff/voices/${receipt}${query}`, cookies[who]);
    return { status: response.status, html: withoutScripts(await response.text()) };
  };
  const post = (receipt: string, who: string, fields: Record<string, string | number>) =>
    app.fetch(`/staff/voices/${receipt}`, postForm(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])), { cookie: cookies[who] }));
  const newVoice = async (title: string, body: string, extra: { email?: string; consent?: boolean; categoryId?: number | null } = {}) =>
    createSubmission(database.db, {
      kind: 'question', channel: 'web', categoryId: extra.categoryId ?? null, title, body, language: 'ja',
      contact: extra.email ? { familyName: '山田', givenName: '花子', email: extra.email } : null,
      replyWanted: !!extra.email, consentToPublish: extra.consent ?? false,
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

  it("shows the resident's language, with a notice when it is not Japanese, and what the resident added from the tracking page", async () => {
    const token = newSecretToken();
    const v = await createSubmission(database.db, {
      kind: 'question', channel: 'web', categoryId: null, title: 'Garbage collection days', body: 'Which day is burnable garbage collected?', language: 'en',
      contact: null, replyWanted: false, consentToPublish: false,
    }, { trackingToken: token });
    await database.db.insert(submissionEvents).values({ submissionId: v.id, type: 'resident_note', visibility: 'public', data: { text: 'I live in 3-chome.', key: 'k' } });
    const { html } = await page(v.receiptNumber, 'reform');
    expect(html).toContain('住民の言語');
    expect(html).toContain('この声は英語の画面から送られました');
    expect(html).toMatch(/<h1 [^>]*lang="en"[^>]*>Garbage collection days<\/h1>/);
    expect(html).toContain('住民からの追記');
    expect(html).toContain('I live in 3-chome.');
    const japanese = await page((await newVoice('ごみの日', '燃えるごみの日を教えてください。')).receiptNumber, 'reform');
    expect(japanese.html).not.toContain('画面から送られました');
    expect(japanese.html).toContain('日本語');
  });

  it('routes, classifies, assigns and sets priority and due date, each change on the timeline', async () => {
    const v = await newVoice('住民票の写しの郵送請求について', '郵送で住民票の写しを請求する方法を教えてください。');
    const reformPage = await page(v.receiptNumber, 'reform');
    expect(reformPage.status).toBe(200);
    expect(reformPage.html).toContain('担当課に振り分ける');
    const shimin = await departmentId(database.db, 'shimin');

    let version = (await row(v.id)).version;
    let response = await post(v.receiptNumber, 'reform', { intent: 'route', submissionId: v.id, version, departmentId: shimin });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/staff/voices/${v.receiptNumber}?done=route`);
    expect(await row(v.id)).toMatchObject({ departmentId: shimin, status: 'triaged' });

    // The 課長 assigns within the 課; staff of the 課 now see it.
    const staffId = (await database.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.email, 'shimin-staff@sakuradai.example.jp') }))!.id;
    version = (await row(v.id)).version;
    response = await post(v.receiptNumber, 'manager', { intent: 'assign', submissionId: v.id, version, assigneeId: staffId });
    expect(response.status).toBe(302);
    expect(await row(v.id)).toMatchObject({ assigneeId: staffId, status: 'in_progress' });

    version = (await row(v.id)).version;
    response = await post(v.receiptNumber, 'reform', { intent: 'classify', submissionId: v.id, version, kind: 'request', categoryId: (await row(v.id)).categoryId ?? (await database.db.query.categories.findFirst())!.id });
    expect(response.status).toBe(302);
    expect((await row(v.id)).kind).toBe('request');

    version = (await row(v.id)).version;
    response = await post(v.receiptNumber, 'manager', { intent: 'priority', submissionId: v.id, version, priority: 2 });
    expect(response.status).toBe(302);
    version = (await row(v.id)).version;
    response = await post(v.receiptNumber, 'reform', { intent: 'dueDate', submissionId: v.id, version, dueDate: '', businessDays: 5 });
    expect(response.status).toBe(302);
    expect((await row(v.id)).dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const done = await page(v.receiptNumber, 'staff', '?done=dueDate');
    expect(done.html).toContain('回答目標日を保存しました。');
    for (const label of ['担当課へ振り分け', '担当者の割り当て', '分類', '優先度の変更', '回答目標日の変更']) expect(done.html).toContain(label);
    expect(done.html).toContain('高い');
    // Staff may not triage: no routing form, and a forged post is refused.
    expect(done.html).not.toContain('value="route"');
    version = (await row(v.id)).version;
    expect((await post(v.receiptNumber, 'staff', { intent: 'route', submissionId: v.id, version, departmentId: shimin })).status).toBe(403);
  });

  it('refuses a stale edit with the conflict message, and overwrites nothing (acceptance 5)', async () => {
    const v = await newVoice('窓口の案内表示がわかりにくい', '本庁舎1階の案内表示が小さくて読めません。');
    const { version } = await row(v.id);
    // Two people read the page at the same version; the first save wins.
    const first = await post(v.receiptNumber, 'reform', { intent: 'priority', submissionId: v.id, version, priority: 3 });
    expect(first.status).toBe(302);
    const second = await post(v.receiptNumber, 'reform', { intent: 'priority', submissionId: v.id, version, priority: 1 });
    expect(second.status).toBe(409);
    const html = withoutScripts(await second.text());
    expect(html).toContain('ほかの職員が先にこの声を更新しました。画面を読み込み直して、最新の内容を確かめてから操作してください。');
    expect(html).toContain('role="alert"');
    expect((await row(v.id)).priority).toBe(3);
    // The same for a status change and a reply.
    const stale = await post(v.receiptNumber, 'reform', { intent: 'refer', submissionId: v.id, version, referredTo: '千葉県' });
    expect(stale.status).toBe(409);
    expect((await row(v.id)).status).toBe('received');
    const events = await database.db.select().from(submissionEvents).where(and(eq(submissionEvents.submissionId, v.id), eq(submissionEvents.type, 'priority')));
    expect(events).toHaveLength(1);
  });

  it('answers another 課 with 404, by URL and by a forged form', async () => {
    const shimin = await departmentId(database.db, 'shimin');
    const v = await newVoice('市民課の声', '市民課あての内容です。');
    await database.db.update(submissions).set({ departmentId: shimin }).where(eq(submissions.id, v.id));
    expect((await page(v.receiptNumber, 'doro-staff')).status).toBe(404);
    const { version } = await row(v.id);
    const forged = await post(v.receiptNumber, 'doro-staff', { intent: 'draft', submissionId: v.id, version, body: '勝手な回答' });
    expect(forged.status).toBe(404);
    expect(await database.db.select().from(replies).where(eq(replies.submissionId, v.id))).toHaveLength(0);
  });

  it('offers only the allowed next statuses; merges, refers and hides with what each needs', async () => {
    const target = await newVoice('公園のベンチが壊れている', '桜台公園のベンチが壊れています。');
    const dup = await newVoice('公園のベンチ', '桜台公園のベンチが壊れていて座れません。');
    const html = (await page(dup.receiptNumber, 'reform')).html;
    for (const intent of ['merge', 'refer', 'notActionable', 'hide']) expect(html).toContain(`value="${intent}"`);
    expect(html).not.toContain('完了にする');
    expect(html).toContain('似ている声');
    expect(html).toContain(target.receiptNumber);

    let { version } = await row(dup.id);
    const bad = await post(dup.receiptNumber, 'reform', { intent: 'merge', submissionId: dup.id, version, mergedInto: dup.receiptNumber });
    expect(bad.status).toBe(400);
    expect(withoutScripts(await bad.text())).toContain('まとめ先の受付番号が正しくありません');
    const empty = await post(dup.receiptNumber, 'reform', { intent: 'refer', submissionId: dup.id, version, referredTo: ' ' });
    expect(empty.status).toBe(400);
    const ok = await post(dup.receiptNumber, 'reform', { intent: 'merge', submissionId: dup.id, version, mergedInto: target.receiptNumber });
    expect(ok.status).toBe(302);
    expect(await row(dup.id)).toMatchObject({ status: 'merged', mergedIntoId: target.id });
    const merged = (await page(dup.receiptNumber, 'reform')).html;
    expect(merged).toContain(`まとめ先：${target.receiptNumber}`);
    expect(merged).toContain('確認中に戻す');

    ({ version } = await row(target.id));
    expect((await post(target.receiptNumber, 'reform', { intent: 'refer', submissionId: target.id, version, referredTo: '千葉県 公園緑地課' })).status).toBe(302);
    expect(await row(target.id)).toMatchObject({ status: 'referred', referredTo: '千葉県 公園緑地課' });

    const spam = await newVoice('広告です', '格安の広告です。');
    ({ version } = await row(spam.id));
    expect((await post(spam.receiptNumber, 'reform', { intent: 'hide', submissionId: spam.id, version, reason: '広告目的' })).status).toBe(302);
    expect(await row(spam.id)).toMatchObject({ status: 'hidden', hiddenReason: '広告目的' });
  });

  it('drafts from a template, is sent back, resubmitted and approved by the 課長: mail and tracking page', async () => {
    const [koseki] = await database.db.select().from(replyTemplates).where(eq(replyTemplates.title, '窓口手続きのご案内'));
    const v = await newVoice('戸籍謄本の取り方', '戸籍謄本はどこで取れますか。', { email: 'resident@example.com', categoryId: koseki!.categoryId });
    const shimin = await departmentId(database.db, 'shimin');
    expect((await row(v.id)).departmentId).toBe(shimin);

    // Without JavaScript, "use template" re-renders the draft form with the template's text.
    const picked = await post(v.receiptNumber, 'staff', { intent: 'useTemplate', submissionId: v.id, templateId: koseki!.id });
    expect(picked.status).toBe(200);
    const pickedHtml = withoutScripts(await picked.text());
    expect(pickedHtml).toContain('〔手続き名〕は、市民課窓口（本庁舎1階）で受け付けています。');

    let response = await post(v.receiptNumber, 'staff', { intent: 'draft', submissionId: v.id, templateId: koseki!.id, body: '戸籍謄本は市民課窓口で受け付けています。' });
    expect(response.status).toBe(302);
    let [reply] = await database.db.select().from(replies).where(eq(replies.submissionId, v.id));
    expect(reply).toMatchObject({ status: 'draft', templateId: koseki!.id });

    response = await post(v.receiptNumber, 'staff', { intent: 'submitReply', submissionId: v.id, replyId: reply!.id, version: reply!.version });
    expect(response.status).toBe(302);
    // Staff see it waiting; the 課長 sees approve / send back.
    expect((await page(v.receiptNumber, 'staff')).html).toContain('課長の決裁を待っています。');
    const managerHtml = (await page(v.receiptNumber, 'manager')).html;
    expect(managerHtml).toContain('決裁して送信する');
    expect(managerHtml).toContain('差し戻す');

    [reply] = await database.db.select().from(replies).where(eq(replies.id, reply!.id));
    const noComment = await post(v.receiptNumber, 'manager', { intent: 'returnReply', submissionId: v.id, replyId: reply!.id, version: reply!.version, comment: '' });
    expect(noComment.status).toBe(400);
    response = await post(v.receiptNumber, 'manager', { intent: 'returnReply', submissionId: v.id, replyId: reply!.id, version: reply!.version, comment: '手数料も書いてください。' });
    expect(response.status).toBe(302);
    expect((await page(v.receiptNumber, 'staff')).html).toContain('手数料も書いてください。');

    [reply] = await database.db.select().from(replies).where(eq(replies.id, reply!.id));
    response = await post(v.receiptNumber, 'staff', { intent: 'editReply', submissionId: v.id, replyId: reply!.id, version: reply!.version, body: '戸籍謄本は市民課窓口で受け付けています。手数料は1通450円です。' });
    expect(response.status).toBe(302);
    [reply] = await database.db.select().from(replies).where(eq(replies.id, reply!.id));
    await post(v.receiptNumber, 'staff', { intent: 'submitReply', submissionId: v.id, replyId: reply!.id, version: reply!.version });
    [reply] = await database.db.select().from(replies).where(eq(replies.id, reply!.id));
    // Staff cannot approve; the 課長 can.
    expect((await post(v.receiptNumber, 'staff', { intent: 'approve', submissionId: v.id, replyId: reply!.id, version: reply!.version })).status).toBe(403);
    response = await post(v.receiptNumber, 'manager', { intent: 'approve', submissionId: v.id, replyId: reply!.id, version: reply!.version, comment: '' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain('done=approve');
    [reply] = await database.db.select().from(replies).where(eq(replies.id, reply!.id));
    expect(reply!.status).toBe('sent');
    expect((await row(v.id)).status).toBe('answered');
    const mail = await database.db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'reply'), eq(emailOutbox.submissionId, v.id)));
    expect(mail.map((m) => m.toAddress)).toEqual(['resident@example.com']);
    const after = (await page(v.receiptNumber, 'staff')).html;
    expect(after).toContain('送信済');
    expect(after).not.toContain('回答を作成する');
  });

  it('shows the interim reply as required once the target date has passed, and takes one', async () => {
    const shimin = await departmentId(database.db, 'shimin');
    const v = await newVoice('証明書の発行が遅い', '証明書の発行に時間がかかっています。');
    await database.db.update(submissions).set({ departmentId: shimin, status: 'in_progress', dueDate: '2020-01-06' }).where(eq(submissions.id, v.id));
    const html = (await page(v.receiptNumber, 'staff')).html;
    expect(html).toContain('中間回答が必要です');
    expect(html).toContain('id="interim-form"');
    expect(html).toContain('（期限超過）');
    const missing = await post(v.receiptNumber, 'staff', { intent: 'interim', submissionId: v.id, body: '確認に時間を要しています。', interimReason: '', newDueDate: '' });
    expect(missing.status).toBe(400);
    const ok = await post(v.receiptNumber, 'staff', { intent: 'interim', submissionId: v.id, body: '確認に時間を要しています。', interimReason: '関係課と調整中のため', newDueDate: '2099-01-10' });
    expect(ok.status).toBe(302);
    const [reply] = await database.db.select().from(replies).where(eq(replies.submissionId, v.id));
    expect(reply).toMatchObject({ kind: 'interim', status: 'draft', interimReason: '関係課と調整中のため', newDueDate: '2099-01-10' });
    expect((await page(v.receiptNumber, 'staff')).html).toContain('中間回答');
  });

  it('previews the publication with personal data masked, lets the reform team edit and publish it', async () => {
    const v = await newVoice('バス停の屋根', '山田です。連絡は hanako@example.com か 090-1234-5678 へ。〒123-4567 のバス停に屋根をつけてください。', { email: 'hanako@example.com', consent: true });
    const html = (await page(v.receiptNumber, 'reform')).html;
    expect(html).toContain('value="publish"');
    // The preview (what would go public) has the name, e-mail, phone and postcode masked.
    expect(html).toContain('>［氏名］です。連絡は ［メールアドレス］ か ［電話番号］ へ。［郵便番号］ のバス停に屋根をつけてください。</textarea>');
    // Only the reform team, and only with consent.
    expect((await page(v.receiptNumber, 'mayor')).html).not.toContain('value="publish"');
    const noConsent = await newVoice('非公開の声', '公開に同意していません。');
    expect((await page(noConsent.receiptNumber, 'reform')).html).not.toContain('value="publish"');

    const { version } = await row(v.id);
    const response = await post(v.receiptNumber, 'reform', { intent: 'publish', submissionId: v.id, version, title: 'バス停の屋根', body: 'バス停に屋根をつけてください。', reply: '' });
    expect(response.status).toBe(302);
    expect(await row(v.id)).toMatchObject({ publishedTitle: 'バス停の屋根', publishedBody: 'バス停に屋根をつけてください。' });
    expect((await row(v.id)).publishedAt).not.toBeNull();
    expect((await page(v.receiptNumber, 'reform')).html).toContain('公開をやめる');
  });

  it('links the reform team to a new improvement record for the voice', async () => {
    const v = await newVoice('改善してほしい', '手続きの案内を改善してください。');
    expect((await page(v.receiptNumber, 'reform')).html).toContain(`/staff/improvements/new?voice=${v.receiptNumber}`);
    expect((await page(v.receiptNumber, 'auditor')).html).not.toContain('/staff/improvements/new');
  });
});
