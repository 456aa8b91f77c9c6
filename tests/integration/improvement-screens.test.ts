import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditFindings, departments, emailOutbox, improvementActions, improvementRecords, submissions, users } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';

// The improvement screens through the real Remix handler: board and list, opening a record
// from voices, the record page's forms through every stage (with the refusals listed and a
// stale version answered as a conflict), the public "improvements" pages, the tracking page,
// 職員目安箱 and internal audit findings.

describe('improvement screens', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  const cookies: Record<string, string> = {};
  const dept: Record<string, number> = {};
  const login = (role: string) => logins.find((l) => l.role === role)!;
  const post = (who: string, path: string, fields: Record<string, string>) => app.fetch(path, postForm(fields, { cookie: cookies[who] }));
  /** The rendered page without its scripts (which carry every translation of the area). */
  const shown = async (response: Response) => (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/<!-- -->/g, '');
  const page = async (who: string, path: string) => {
    const response = await get(app, path, cookies[who]);
    expect(response.status, `GET ${path} as ${who}`).toBe(200);
    return shown(response);
  };
  const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;
  const recordPage = (number: string) => page('reform', `/staff/improvements/${number}`);
  const receiptOf = async (title: string) => (await database.db.select().from(submissions).where(eq(submissions.title, title)))[0]!;
  const actionIds = async (number: string) => (await database.db.select({ id: improvementActions.id, kind: improvementActions.kind }).from(improvementActions)
    .innerJoin(improvementRecords, eq(improvementRecords.id, improvementActions.recordId)).where(eq(improvementRecords.number, number)).orderBy(improvementActions.id));
  const stageOf = async (number: string) => (await database.db.select().from(improvementRecords).where(eq(improvementRecords.number, number)))[0]!;

  /** Posts a record form with the version currently on the page; expects the redirect back. */
  async function step(number: string, fields: Record<string, string>, who = 'reform') {
    const version = versionOf(await recordPage(number));
    const response = await post(who, `/staff/improvements/${number}`, { version, ...fields });
    expect(response.status, `${fields.intent} → ${response.status} ${response.status === 400 ? await shown(response) : ''}`).toBe(302);
    expect(response.headers.get('location')).toContain(`/staff/improvements/${number}?done=${fields.intent}`);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
    for (const role of ['reform', 'staff', 'manager', 'auditor', 'doro-staff']) cookies[role] = await signIn(app, login(role).email, login(role).password);
    for (const d of await database.db.select({ id: departments.id, code: departments.code }).from(departments)) dept[d.code] = d.id;
  });

  it('shows the board with a column and a count per stage, filters by GET parameters, and offers opening only to the reform team', async () => {
    const html = await page('reform', '/staff/improvements');
    expect(html).toContain('<h1>改善記録</h1>');
    expect(html).toContain('IR-2026-001');
    expect(html).toMatch(/完了 <span class="badge">1件<\/span>/);
    expect(html).toContain('href="/staff/improvements/new"');
    const filtered = await page('reform', `/staff/improvements?stage=plan&department=${dept.shimin}&view=list`);
    expect(filtered).not.toContain('IR-2026-001');
    expect(filtered).toContain('条件に合う改善記録はありません。');
    expect(await page('reform', '/staff/improvements?stage=closed&level=operations&findingClass=nonconformity&source=voice&view=list')).toContain('IR-2026-001');
    const staffView = await page('staff', '/staff/improvements');
    expect(staffView).toContain('IR-2026-001');
    expect(staffView).not.toContain('href="/staff/improvements/new"');
    const en = await (await get(app, '/staff/improvements', cookies.reform, { Cookie: `${cookies.reform}; meyasu_lang=en` })).text();
    expect(en).toContain('<h1>Improvement records</h1>');
  });

  it('opens a record from one voice or several, refusing a 課 member', async () => {
    const mirror = await receiptOf('通学路のカーブミラーが曇って見えません');
    const form = await page('reform', `/staff/improvements/new?voice=${mirror.receiptNumber}`);
    expect(form).toContain(`value="${mirror.receiptNumber}"`);
    expect(form).toContain('通学路のカーブミラーが曇って見えません');
    const paper = await receiptOf('学校からのお知らせが紙ばかり');
    const bulk = await page('reform', `/staff/improvements/new?voice=${mirror.receiptNumber}&voice=${paper.receiptNumber}`);
    expect(bulk).toContain('紐づける市民の声（2件）');
    expect((await get(app, `/staff/improvements/new?voice=${mirror.receiptNumber}`, cookies.staff)).status).toBe(403);

    const invalid = await post('reform', '/staff/improvements/new', { source: 'voice', voice: mirror.receiptNumber, title: '' });
    expect(invalid.status).toBe(400);
    expect(await shown(invalid)).toContain('入力してください。');
    const unknown = await post('reform', '/staff/improvements/new', {
      source: 'voice', voice: '1999-999999', title: 'x', type: 'corrective', findingClass: 'request', level: 'operations', ownerDepartmentId: String(dept.doro), problemStatement: 'x',
    });
    expect(unknown.status).toBe(400);
    expect(await shown(unknown)).toContain('選んだ市民の声の中に、存在しないものがあります。');

    const opened = await post('reform', '/staff/improvements/new', {
      source: 'voice', voice: mirror.receiptNumber, title: '通学路カーブミラーの点検漏れ', type: 'corrective', findingClass: 'nonconformity',
      level: 'operations', ownerDepartmentId: String(dept.doro), ownerUserId: '', dueDate: '2027-01-31', checkDueDate: '', problemStatement: 'ミラーの汚れに気づけなかった。',
    });
    expect(opened.status).toBe(302);
    const number = /\/staff\/improvements\/(IR-\d{4}-\d{3})\?done=open/.exec(opened.headers.get('location') ?? '')![1]!;
    const html = await page('reform', `/staff/improvements/${number}?done=open`);
    expect(html).toContain('改善記録を作成しました。');
    expect(html).toContain(mirror.receiptNumber);
    expect(html).toContain('原因分析（なぜなぜ分析など）が記入されていません。');
    expect(html).toContain('満足度の変化（前後比較）');
  });

  let number = '';

  it('drives a record through PLAN, DO, CHECK and ACT to closed, listing what is missing and answering a stale version with a conflict', async () => {
    const mirror = await receiptOf('通学路のカーブミラーが曇って見えません');
    const opened = await post('reform', '/staff/improvements/new', {
      source: 'voice', voice: mirror.receiptNumber, title: 'ミラー点検の見直し', type: 'corrective', findingClass: 'nonconformity',
      level: 'operations', ownerDepartmentId: String(dept.doro), problemStatement: 'ミラーの汚れに気づけなかった。',
    });
    number = /(IR-\d{4}-\d{3})/.exec(opened.headers.get('location') ?? '')![1]!;

    // Moving on too early: every missing thing is listed.
    const early = await post('reform', `/staff/improvements/${number}`, { intent: 'advance', version: versionOf(await recordPage(number)), to: 'do' });
    expect(early.status).toBe(400);
    const earlyHtml = await shown(early);
    expect(earlyHtml).toContain('原因分析（なぜなぜ分析など）が記入されていません。');
    expect(earlyHtml).toContain('実施計画の処置が1件もありません。');

    // A 課 member may not manage.
    const byStaff = await post('doro-staff', `/staff/improvements/${number}`, { intent: 'advance', version: versionOf(await recordPage(number)), to: 'do' });
    expect(byStaff.status).toBe(403);

    const stale = versionOf(await recordPage(number));
    await step(number, { intent: 'plan', problemStatement: 'ミラーの汚れに気づけなかった。', causeAnalysis: '点検表に通学路のミラーがなかった。' });
    const conflict = await post('reform', `/staff/improvements/${number}`, { intent: 'plan', version: stale, problemStatement: '古い版', causeAnalysis: '古い版' });
    expect(conflict.status).toBe(409);
    expect(await shown(conflict)).toContain('ほかの人がこの改善記録を更新しました。');
    expect((await stageOf(number)).causeAnalysis).toBe('点検表に通学路のミラーがなかった。');

    await step(number, { intent: 'addAction', description: '点検表に通学路のミラーを追加', ownerDepartmentId: String(dept.doro), ownerUserId: '', dueDate: '2026-12-15' });
    await step(number, { intent: 'advance', to: 'do' });
    const [action] = await actionIds(number);
    // Completing without evidence is refused by the form; the 課's own staff may complete it.
    const noEvidence = await post('doro-staff', `/staff/improvements/${number}`, { intent: 'completeAction', version: versionOf(await recordPage(number)), actionId: String(action!.id), evidence: '' });
    expect(noEvidence.status).toBe(400);
    const byOtherKa = await post('staff', `/staff/improvements/${number}`, { intent: 'completeAction', version: versionOf(await recordPage(number)), actionId: String(action!.id), evidence: 'x' });
    expect(byOtherKa.status).toBe(403);
    await step(number, { intent: 'completeAction', actionId: String(action!.id), evidence: '点検表 第4版' }, 'doro-staff');
    await step(number, { intent: 'advance', to: 'check' });
    await step(number, { intent: 'review', result: 'effective', evidence: '3か月間 同種の声 0件' });
    await step(number, { intent: 'advance', to: 'act' });
    await step(number, { intent: 'spread', departmentIds: String(dept.koen), description: '公園周辺のミラーも点検表へ', dueDate: '2027-01-15' });

    // Closing with an open 横展開 action, no standardisation and no public summary: all listed.
    const refused = await post('reform', `/staff/improvements/${number}`, { intent: 'advance', version: versionOf(await recordPage(number)), to: 'closed' });
    expect(refused.status).toBe(400);
    const refusedHtml = await shown(refused);
    for (const reason of ['未完了の処置（横展開を含む）があるため完了にできません。', '標準化（業務手順書の改訂など）、または不要な理由が記録されていません。',
      '市民の声が紐づいているため、公開用の改善内容（日本語）が必要です。']) expect(refusedHtml).toContain(reason);
    expect((await stageOf(number)).stage).toBe('act');

    const spread = (await actionIds(number)).find((a) => a.kind === 'spread')!;
    await step(number, { intent: 'completeAction', actionId: String(spread.id), evidence: '公園緑地課 点検表 第2版' });
    await step(number, {
      intent: 'act', standardisation: '道路点検手順書に通学路ミラーを追加', risksUpdated: '',
      publicSummaryJa: '通学路のカーブミラーを定期点検の対象にしました。', 'publicSummary:en': 'Convex mirrors on school routes are now inspected regularly.',
    });
    await step(number, { intent: 'advance', to: 'closed' });
    expect((await stageOf(number)).stage).toBe('closed');
    const mail = await database.db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'improvement_completed'), eq(emailOutbox.toAddress, 'osamu.tanaka@example.net')));
    expect(mail).toHaveLength(1);

    const html = await recordPage(number);
    expect(html).toContain('効果あり');
    expect(html).toContain('横展開');
    expect(html).not.toContain('name="intent" value="addAction"');

    // Residents: the public list and detail show it with the voice's published title.
    const list = await shown(await get(app, '/improvements'));
    expect(list).toContain('通学路のカーブミラーを定期点検の対象にしました。');
    expect(list).toContain(`href="/voices/${mirror.receiptNumber}"`);
    const detail = await shown(await get(app, `/improvements/${number}`));
    expect(detail).toContain('ミラー点検の見直し');
    expect(detail).not.toContain('osamu.tanaka');
    expect((await get(app, '/improvements/IR-1999-999')).status).toBe(404);
  });

  it('shows the resident, on the tracking page, what changed once the record is closed', async () => {
    const token = newSecretToken();
    const voice = await createSubmission(database.db, {
      kind: 'complaint', channel: 'web', categoryId: null, title: '公園のベンチが壊れています', body: '中央公園のベンチの板が割れています。', language: 'ja',
      contact: { familyName: '山田', email: 'yamada@example.net' }, replyWanted: true, consentToPublish: true,
    }, { trackingToken: token });
    const before = await shown(await get(app, `/track/${token}`));
    expect(before).not.toContain('id="improvements-title"');
    const opened = await post('reform', '/staff/improvements/new', {
      source: 'voice', voice: voice.receiptNumber, title: 'ベンチ点検の強化', type: 'corrective', findingClass: 'nonconformity',
      level: 'operations', ownerDepartmentId: String(dept.koen), problemStatement: 'ベンチの破損に気づけなかった。',
    });
    const n = /(IR-\d{4}-\d{3})/.exec(opened.headers.get('location') ?? '')![1]!;
    await step(n, { intent: 'plan', problemStatement: 'ベンチの破損に気づけなかった。', causeAnalysis: '点検項目にベンチがなかった。' });
    await step(n, { intent: 'addAction', description: 'ベンチを点検項目に追加', ownerDepartmentId: String(dept.koen), dueDate: '2026-12-01' });
    await step(n, { intent: 'advance', to: 'do' });
    await step(n, { intent: 'completeAction', actionId: String((await actionIds(n))[0]!.id), evidence: '点検表 第3版' });
    await step(n, { intent: 'advance', to: 'check' });
    await step(n, { intent: 'review', result: 'partly', evidence: '破損の発見が2日以内に' });
    await step(n, { intent: 'advance', to: 'act' });
    await step(n, { intent: 'act', standardisation: '公園点検手順書 第3版', publicSummaryJa: '公園のベンチを毎月点検するようにしました。', 'publicSummary:en': 'Park benches are now checked monthly.' });
    const midway = await shown(await get(app, `/track/${token}`));
    expect(midway).not.toContain('id="improvements-title"');
    await step(n, { intent: 'advance', to: 'closed' });
    const after = await shown(await get(app, `/track/${token}`));
    expect(after).toContain('この声から生まれた改善');
    expect(after).toContain('公園のベンチを毎月点検するようにしました。');
    const en = await shown(await get(app, `/track/${token}`, undefined, { Cookie: 'meyasu_lang=en' }));
    expect(en).toContain('Park benches are now checked monthly.');
  });

  it('sends a record back to PLAN on "not effective", links more voices, and archives with a reason', async () => {
    const playground = await receiptOf('中央公園の遊具が壊れたままです');
    const opened = await post('reform', '/staff/improvements/new', {
      source: 'voice', voice: playground.receiptNumber, title: '遊具修理の遅れ', type: 'corrective', findingClass: 'nonconformity',
      level: 'operations', ownerDepartmentId: String(dept.koen), problemStatement: '修理に時間がかかった。',
    });
    const n = /(IR-\d{4}-\d{3})/.exec(opened.headers.get('location') ?? '')![1]!;
    const paper = await receiptOf('学校からのお知らせが紙ばかり');
    await step(n, { intent: 'link', receiptNumbers: paper.receiptNumber });
    expect(await recordPage(n)).toContain('紐づいた市民の声（2件）');
    const badLink = await post('reform', `/staff/improvements/${n}`, { intent: 'link', version: versionOf(await recordPage(n)), receiptNumbers: '1999-000001' });
    expect(badLink.status).toBe(400);
    await step(n, { intent: 'plan', problemStatement: '修理に時間がかかった。', causeAnalysis: '発注手続きが長い。' });
    await step(n, { intent: 'addAction', description: '修理業者と単価契約', ownerDepartmentId: String(dept.koen), dueDate: '2026-12-01' });
    await step(n, { intent: 'advance', to: 'do' });
    await step(n, { intent: 'completeAction', actionId: String((await actionIds(n))[0]!.id), evidence: '単価契約書' });
    await step(n, { intent: 'advance', to: 'check' });
    await step(n, { intent: 'review', result: 'not_effective', evidence: '修理日数が変わらない' });
    expect((await stageOf(n)).stage).toBe('plan');
    expect(await recordPage(n)).toContain('効果なしのため計画からやり直し');

    const noReason = await post('reform', `/staff/improvements/${n}`, { intent: 'archive', version: versionOf(await recordPage(n)), reason: '' });
    expect(noReason.status).toBe(400);
    await step(n, { intent: 'archive', reason: '別の記録に統合' });
    const archived = await recordPage(n);
    expect(archived).toContain('理由：別の記録に統合');
    expect(await page('reform', '/staff/improvements?archived=1&view=list')).toContain(n);
    expect(await page('reform', '/staff/improvements?view=list')).not.toContain(n);
  });

  it('職員目安箱: staff send ideas (name hidden from managers), the reform team turns one into a record', async () => {
    expect(await page('staff', '/staff/staff-box')).toContain('<h1>職員目安箱</h1>');
    const empty = await post('staff', '/staff/staff-box', { intent: 'suggest', title: '', body: '' });
    expect(empty.status).toBe(400);
    const sent = await post('staff', '/staff/staff-box', { intent: 'suggest', title: '申請書の記入例を窓口に置く', body: '記入例があれば書き直しが減ります。', hideName: 'on' });
    expect(sent.status).toBe(302);
    expect(sent.headers.get('location')).toBe('/staff/staff-box?sent=1');
    const [author] = await database.db.select({ name: users.displayName }).from(users).where(sql`lower(${users.email}) = ${login('staff').email}`);
    const managerView = await page('manager', '/staff/staff-box');
    expect(managerView).toContain('申請書の記入例を窓口に置く');
    expect(managerView).toContain('名前非公開');
    expect(managerView).not.toContain(author!.name);
    expect(managerView).not.toContain('name="intent" value="turn"');
    const reformView = await page('reform', '/staff/staff-box');
    expect(reformView).toContain('name="intent" value="turn"');
    expect(reformView).toContain(author!.name);

    const [suggestion] = await database.db.select().from(submissions).where(eq(submissions.title, '申請書の記入例を窓口に置く'));
    const byManager = await post('manager', '/staff/staff-box', { intent: 'turn', submissionId: String(suggestion!.id), level: 'operations', ownerDepartmentId: String(dept.shimin) });
    expect(byManager.status).toBe(403);
    const turned = await post('reform', '/staff/staff-box', { intent: 'turn', submissionId: String(suggestion!.id), level: 'operations', ownerDepartmentId: String(dept.shimin) });
    expect(turned.status).toBe(302);
    const n = /(IR-\d{4}-\d{3})/.exec(turned.headers.get('location') ?? '')![1]!;
    expect((await stageOf(n)).source).toBe('staff_suggestion');
    expect(await page('reform', '/staff/staff-box')).toContain(`href="/staff/improvements/${n}"`);
    // The open form also starts from a suggestion.
    expect(await page('reform', `/staff/improvements/new?source=staff_suggestion&ref=${suggestion!.id}`)).toContain('記入例があれば書き直しが減ります。');
  });

  it('internal audit: auditors record findings, the reform team turns one into a record, nobody else records', async () => {
    expect(await page('auditor', '/staff/audit-findings')).toContain('所見を記録する');
    expect(await page('reform', '/staff/audit-findings')).not.toContain('id="ir-finding-title"');
    const future = await post('auditor', '/staff/audit-findings', {
      intent: 'record', departmentId: String(dept.shimin), findingClass: 'nonconformity', description: '未来', foundOn: '2999-01-01', externalBody: '',
    });
    expect(future.status).toBe(400);
    expect(await shown(future)).toContain('発見日に未来の日付は指定できません。');
    const recorded = await post('auditor', '/staff/audit-findings', {
      intent: 'record', departmentId: String(dept.shimin), findingClass: 'minor_nonconformity', description: '本人確認書類の控えの保管期限が守られていない。', foundOn: '2026-04-10', externalBody: '',
    });
    expect(recorded.status).toBe(302);
    const byStaff = await post('staff', '/staff/audit-findings', {
      intent: 'record', departmentId: String(dept.shimin), findingClass: 'minor_nonconformity', description: 'x', foundOn: '2026-04-10',
    });
    expect(byStaff.status).toBe(403);
    const [finding] = await database.db.select().from(auditFindings).where(sql`${auditFindings.description} like '本人確認書類%'`);
    expect(await page('staff', '/staff/audit-findings')).toContain('本人確認書類の控えの保管期限');
    const turned = await post('reform', '/staff/audit-findings', { intent: 'turn', findingId: String(finding!.id), title: '本人確認書類の保管期限管理', level: 'operations' });
    expect(turned.status).toBe(302);
    const n = /(IR-\d{4}-\d{3})/.exec(turned.headers.get('location') ?? '')![1]!;
    const record = await stageOf(n);
    expect(record).toMatchObject({ source: 'internal_audit', findingClass: 'minor_nonconformity', type: 'corrective', auditFindingId: finding!.id });
    const again = await post('reform', '/staff/audit-findings', { intent: 'turn', findingId: String(finding!.id), title: 'もう一度', level: 'operations' });
    expect(again.status).toBe(400);
    expect(await shown(again)).toContain('この監査所見はすでに改善記録になっています。');
  });
});
