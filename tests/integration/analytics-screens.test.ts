import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { managementReviewDecisions, submissions, users } from '../../db/schema/index';
import { loadDashboard } from '../../app/domain/analytics/dashboard.server';
import { findingTable } from '../../app/domain/analytics/finding-table.server';
import { fiscalYearPeriod } from '../../app/domain/analytics/period';
import { publicStatistics } from '../../app/domain/analytics/public-statistics.server';
import { analyticsRollupStatus, refreshAnalyticsRollups } from '../../app/domain/analytics/rollups.server';
import { ALL_DEPARTMENTS } from '../../app/domain/analytics/scope';
import { fiscalYearOf } from '../../app/domain/fiscal-year';
import { japanDate } from '../../app/japan-time';
import { buildManagementReview } from '../../app/domain/reports/management-review.server';
import { managementReviewSheets } from '../../app/domain/reports/tables.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { departmentId } from '../support/actors';
import { createTestDatabase, driverUnderTest } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';

// The analytics screens through the real Remix handler on the demo city: the pages show the
// figures the domain computes (for the reader's scope), the downloads are real CSV (with BOM)
// and .xlsx files, the review's decisions are recorded and lead to improvement records, and
// the public statistics need no account.

/** A CSV download as its bytes say: whether it starts with the UTF-8 BOM, and its text after it (Response.text() would drop the BOM silently). */
async function readCsv(response: Response): Promise<{ bom: boolean; body: string }> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { bom, body: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '') };
}

describe(`analytics screens (${driverUnderTest})`, () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  const cookies: Record<string, string> = {};
  const today = japanDate(new Date());
  const fy = fiscalYearOf(new Date());
  const period = fiscalYearPeriod(fy);
  const text = async (r: Response) => (await r.text()).replace(/<!-- -->/g, '');
  const count = (html: string, needle: string) => html.split(needle).length - 1;
  /** Whether the page contains a string, failing with the string (not the whole page). */
  const has = (html: string, needle: string | RegExp) => (typeof needle === 'string' ? html.includes(needle) : needle.test(html));

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    // What the worker does: the figures read the rollups.
    await refreshAnalyticsRollups(database.db);
    app = await createTestApp(database);
    for (const role of ['reform', 'mayor', 'manager', 'staff', 'doro-manager']) {
      const login = logins.find((l) => l.role === role)!;
      cookies[role] = await signIn(app, login.email, login.password);
    }
  });

  it('shows the reform team every dashboard figure for the whole city, each chart with its table', async () => {
    const d = await loadDashboard(database.db, ALL_DEPARTMENTS, period, today);
    const response = await get(app, `/staff/analytics?fy=${fy}`, cookies.reform);
    expect(response.status).toBe(200);
    const html = await text(response);
    expect(has(html, '集計ダッシュボード'), String('集計ダッシュボード')).toBe(true);
    expect(has(html, '対象：市全体'), String('対象：市全体')).toBe(true);
    for (const heading of ['声の件数', '回答までの日数', '回答期限の遵守', '期限超過の未回答', '市長確認', '回答への評価', '窓口アンケート', '改善記録']) {
      expect(has(html, `${heading}</h`), String(heading)).toBe(true);
    }
    expect(d.volumes.kind.total).toBeGreaterThan(0);
    expect(has(html, new RegExp(`<dt>受付件数</dt><dd>${d.volumes.kind.total}</dd>`)), String(new RegExp(`<dt>受付件数</dt><dd>${d.volumes.kind.total}</dd>`))).toBe(true);
    expect(has(html, `<dt>市長確認済</dt><dd>${d.mayorReview.reviewed}</dd>`), String(`<dt>市長確認済</dt><dd>${d.mayorReview.reviewed}</dd>`)).toBe(true);
    // Every chart is an labelled SVG followed by its data table.
    const charts = count(html, '<svg role="img"');
    expect(charts).toBeGreaterThanOrEqual(4);
    expect(count(html, 'class="chart-data"')).toBe(charts);
    // The 課 table lists every 課 with voices, the total row last.
    for (const s of d.volumes.department.series) expect(has(html, s.nameJa ?? '未割当'), String(s.nameJa ?? '未割当')).toBe(true);
  });

  it('shows a department manager their own 課 only, and refuses staff without report access', async () => {
    const shimin = await departmentId(database.db, 'shimin');
    const own = await loadDashboard(database.db, { departmentId: shimin }, period, today);
    const html = await text(await get(app, '/staff/analytics', cookies.manager));
    expect(has(html, '対象：市民課'), String('対象：市民課')).toBe(true);
    expect(has(html, new RegExp(`<dt>受付件数</dt><dd>${own.volumes.kind.total}</dd>`)), String(new RegExp(`<dt>受付件数</dt><dd>${own.volumes.kind.total}</dd>`))).toBe(true);
    expect(own.volumes.department.series.every((s) => s.key === String(shimin))).toBe(true);
    expect(has(html, '道路管理課</th>'), String('道路管理課</th>')).toBe(false);
    const doro = await text(await get(app, '/staff/analytics', cookies['doro-manager']));
    expect(has(doro, '対象：道路管理課'), String('対象：道路管理課')).toBe(true);
    expect(has(doro, '市民課</th>'), String('市民課</th>')).toBe(false);
    expect((await get(app, '/staff/analytics', cookies.staff)).status).toBe(403);
    expect((await get(app, '/staff/analytics/review', cookies.staff)).status).toBe(403);
    expect((await get(app, '/staff/analytics/findings.csv', cookies.staff)).status).toBe(403);
  });

  it('refuses a bad period with a message in the form, not a crash', async () => {
    const response = await get(app, '/staff/analytics?from=2026-05-01', cookies.reform);
    expect(response.status).toBe(400);
    expect(has(await text(response), '開始日と終了日の両方を指定してください。'), String('開始日と終了日の両方を指定してください。')).toBe(true);
    const reversed = await get(app, '/staff/analytics?from=2026-05-01&to=2026-04-01', cookies.mayor);
    expect(reversed.status).toBe(400);
    expect(has(await text(reversed), '終了日は開始日以降にしてください。'), String('終了日は開始日以降にしてください。')).toBe(true);
    const ok = await get(app, '/staff/analytics?from=2026-04-01&to=2026-06-30', cookies.mayor);
    expect(ok.status).toBe(200);
    expect(has(await text(ok), '2026-04-01 〜 2026-06-30'), String('2026-04-01 〜 2026-06-30')).toBe(true);
  });

  it('shows the 発生状況まとめ and downloads it as CSV with a BOM and as .xlsx that reads back', async () => {
    const table = await findingTable(database.db, ALL_DEPARTMENTS, fy);
    const html = await text(await get(app, `/staff/analytics/findings?fy=${fy}`, cookies.mayor));
    expect(has(html, `${fy}年度 発生状況まとめ`), String(`${fy}年度 発生状況まとめ`)).toBe(true);
    expect(has(html, '潜在的不適合'), String('潜在的不適合')).toBe(true);
    expect(count(html, '<tr')).toBe(2 + table.rows.length + 1);

    const csv = await get(app, `/staff/analytics/findings.csv?fy=${fy}`, cookies.mayor);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="findings-${fy}.csv"`);
    const { bom, body } = await readCsv(csv);
    expect(bom).toBe(true);
    const lines = body.trimEnd().split('\r\n');
    const headers = lines[0]!.split(',');
    expect(headers.slice(0, 3)).toEqual(['部', '課', '不適合（指摘区分）']);
    // 要望 is both a finding class and a kind of voice: each column says which it counts.
    expect(headers).toContain('要望（指摘区分）');
    expect(headers).toContain('要望（声の種別）');
    expect(new Set(headers).size, `every header is distinct: ${headers.join(',')}`).toBe(headers.length);
    expect(lines.at(-1)!.split(',').at(-1)).toBe(String(table.totals.voicesTotal));
    expect(lines).toHaveLength(1 + table.rows.length + 1);

    const xlsx = await get(app, `/staff/analytics/findings.xlsx?fy=${fy}`, cookies.mayor);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('発生状況まとめ');
    expect(sheet.getRow(1).getCell(3).value).toBe('不適合（指摘区分）');
    const xlsxHeaders = (sheet.getRow(1).values as unknown[]).filter((v) => v !== undefined && v !== null).map(String);
    expect(xlsxHeaders).toEqual(headers);
    expect(sheet.rowCount).toBe(1 + table.rows.length + 1);
  });

  it('prints the management review with every input, and downloads it as CSV and .xlsx', async () => {
    const review = await buildManagementReview(database.db, period, today);
    const response = await get(app, `/staff/analytics/review?fy=${fy}`, cookies.mayor);
    expect(response.status).toBe(200);
    const html = await text(response);
    for (const heading of ['前回までの決定事項の状況', '声の件数', '回答までの日数', '回答期限の遵守', '期限超過の未回答', '市長確認', '回答への評価',
      '窓口アンケート', '改善記録', '監査の指摘', '発生状況まとめ', '改善の機会', '記録したマネジメントレビュー']) {
      expect(has(html, `${heading}</h`), String(heading)).toBe(true);
    }
    expect(has(html, /<link rel="stylesheet" href="[^"]*report[^"]*\.css"/), String(/<link rel="stylesheet" href="[^"]*report[^"]*\.css"/)).toBe(true);
    expect(has(html, '印刷する（A4）'), String('印刷する（A4）')).toBe(true);
    expect(has(html, 'href="/staff/analytics/reviews/new"')).toBe(false); // the mayor reads; the reform team records

    const { bom, body: csv } = await readCsv(await get(app, `/staff/analytics/review.csv?fy=${fy}`, cookies.mayor));
    expect(bom).toBe(true);
    const sheets = managementReviewSheets(review, 'ja');
    expect(csv.startsWith(`${sheets[0]!.name}\r\n`)).toBe(true);
    for (const s of sheets.slice(1)) expect(csv.includes(`\r\n\r\n${s.name}\r\n`), s.name).toBe(true);
    expect(has(csv, `受付件数,${review.volumes.kind.total}`), String(`受付件数,${review.volumes.kind.total}`)).toBe(true);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await get(app, `/staff/analytics/review.xlsx?fy=${fy}`, cookies.mayor)).arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(sheets.map((s) => s.name));
    expect(book.worksheets[0]!.getRow(4).values).toEqual([undefined, '受付件数', review.volumes.kind.total]);

    const english = await text(await get(app, `/staff/analytics/review?fy=${fy}`, cookies.mayor, { Cookie: `${cookies.mayor}; meyasu_lang=en` }));
    expect(has(english, 'Management review'), String('Management review')).toBe(true);
    expect(has(english, `FY${fy}`), String(`FY${fy}`)).toBe(true);
  });

  it('lets the reform team record a review and its decisions, each with a way to an improvement record', async () => {
    const invalid = await app.fetch('/staff/analytics/reviews/new', postForm({ title: '', from: `${fy}-04-01`, to: `${fy}-03-31` }, { cookie: cookies.reform }));
    expect(invalid.status).toBe(400);
    expect(has(await text(invalid), '終了日は開始日以降にしてください。'), String('終了日は開始日以降にしてください。')).toBe(true);
    const created = await app.fetch('/staff/analytics/reviews/new', postForm({
      title: `${fy}年度 マネジメントレビュー`, from: period.from, to: period.to, heldOn: today, notes: '市長・各部長出席',
    }, { cookie: cookies.reform }));
    expect(created.status).toBe(302);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/staff\/analytics\/reviews\/\d+\?saved=1$/);
    const page = location.split('?')[0]!;
    const decided = await app.fetch(page, postForm({ decision: '窓口の待ち時間を掲示する' }, { cookie: cookies.reform }));
    expect(decided.status).toBe(302);
    expect((await app.fetch(page, postForm({ decision: '  ' }, { cookie: cookies.reform }))).status).toBe(400);

    const [decision] = await database.db.select().from(managementReviewDecisions).where(eq(managementReviewDecisions.decision, '窓口の待ち時間を掲示する'));
    const html = await text(await get(app, page, cookies.reform));
    expect(has(html, '市長・各部長出席'), String('市長・各部長出席')).toBe(true);
    expect(has(html, `/staff/improvements/new?source=management_review&amp;decision=${decision!.id}`)).toBe(true);

    // The report lists it for every reader; only the reform team gets the link to open a record.
    expect(has(await text(await get(app, `/staff/analytics/review?fy=${fy}`, cookies.reform)), `decision=${decision!.id}`), String(`decision=${decision!.id}`)).toBe(true);
    const mayorView = await text(await get(app, `/staff/analytics/review?fy=${fy}`, cookies.mayor));
    expect(has(mayorView, '窓口の待ち時間を掲示する'), String('窓口の待ち時間を掲示する')).toBe(true);
    expect(has(mayorView, `decision=${decision!.id}`), String(`decision=${decision!.id}`)).toBe(false);
    expect((await get(app, page, cookies.mayor)).status).toBe(403);
    expect((await app.fetch(page, postForm({ decision: '市長が追加' }, { cookie: cookies.mayor }))).status).toBe(403);
    expect((await get(app, '/staff/analytics/reviews/999999', cookies.reform)).status).toBe(404);
    const [reform] = await database.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = 'kocho@sakuradai.example.jp'`);
    expect(reform).toBeDefined();
  });

  it('says as of when the figures were computed; a new voice counts once the reform team recomputes them', async () => {
    /** The rollups' refresh time as the pages write it: Japan time, to the minute. */
    const asOf = async () => {
      const status = await analyticsRollupStatus(database.db);
      return new Date(Date.parse(status!.refreshedAt) + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    };
    const before = await loadDashboard(database.db, ALL_DEPARTMENTS, period, today);
    const received = (html: string) => Number(/<dt>受付件数<\/dt><dd>([\d,]+)<\/dd>/.exec(html)![1]!.replace(/,/g, ''));
    const page = await text(await get(app, `/staff/analytics?fy=${fy}`, cookies.reform));
    expect(has(page, `集計時点 ${await asOf()}`), `集計時点 ${await asOf()}`).toBe(true);
    expect(has(page, '今すぐ集計する</button>')).toBe(true);
    expect(received(page)).toBe(before.volumes.kind.total);
    for (const path of [`/staff/analytics/review?fy=${fy}`, `/staff/analytics/findings?fy=${fy}`]) {
      expect(has(await text(await get(app, path, cookies.mayor)), `集計時点 ${await asOf()}`), path).toBe(true);
    }
    expect(has(await text(await get(app, `/statistics?fy=${fy}`)), `集計時点 ${await asOf()}`)).toBe(true);
    expect(has(await text(await get(app, `/statistics?fy=${fy}`, undefined, { Cookie: 'meyasu_lang=en' })), `Figures as of ${await asOf()}`)).toBe(true);

    // A voice arrives: the page shows the figures as of the last refresh until they are recomputed.
    await database.db.insert(submissions).values({
      fiscalYear: fy, receiptNumber: `${fy}-AS-OF`, trackingTokenHash: 'as-of-test', kind: 'idea', channel: 'web', status: 'received',
      departmentId: await departmentId(database.db, 'shimin'), title: '集計時点の確認', body: '本文', receivedAt: new Date(),
    });
    expect(received(await text(await get(app, `/staff/analytics?fy=${fy}`, cookies.reform)))).toBe(before.volumes.kind.total);
    expect((await app.fetch(`/staff/analytics?fy=${fy}`, postForm({ intent: 'refresh' }, { cookie: cookies.staff }))).status).toBe(403);
    expect((await app.fetch(`/staff/analytics?fy=${fy}`, postForm({}, { cookie: cookies.reform }))).status).toBe(400);
    const pressed = await app.fetch(`/staff/analytics?fy=${fy}`, postForm({ intent: 'refresh' }, { cookie: cookies.reform }));
    expect(pressed.status).toBe(200);
    const after = await text(pressed);
    expect(has(after, `集計し直しました（集計時点 ${await asOf()}）。`), after.slice(0, 200)).toBe(true);
    expect(received(after)).toBe(before.volumes.kind.total + 1);
  });

  it('publishes statistics per category and 課 to residents, with a CSV', async () => {
    const stats = await publicStatistics(database.db, fy);
    const response = await get(app, `/statistics?fy=${fy}`);
    expect(response.status).toBe(200);
    const html = await text(response);
    expect(has(html, '市民の声の統計'), String('市民の声の統計')).toBe(true);
    expect(has(html, `<dt>受け付けた声</dt><dd>${stats.total.received}</dd>`), String(`<dt>受け付けた声</dt><dd>${stats.total.received}</dd>`)).toBe(true);
    // Plain words for residents: no 中央値 or パーセンタイル (staff pages keep them).
    expect(html).toContain('9割に回答できた日数');
    expect(html).not.toContain('パーセンタイル');
    expect(html).not.toContain('中央値');
    for (const c of stats.byCategory) expect(has(html, c.nameJa ?? '未分類'), String(c.nameJa ?? '未分類')).toBe(true);
    expect(has(html, `/statistics.csv?fy=${fy}`), String(`/statistics.csv?fy=${fy}`)).toBe(true);

    const csv = await get(app, `/statistics.csv?fy=${fy}`);
    expect(csv.status).toBe(200);
    const { bom, body } = await readCsv(csv);
    expect(bom).toBe(true);
    expect(has(body, '分類,受付件数,回答件数'), String('分類,受付件数,回答件数')).toBe(true);
    expect(has(body, '課,受付件数,回答件数'), String('課,受付件数,回答件数')).toBe(true);
    expect(has(body, `合計,${stats.total.received},${stats.total.answered}`), String(`合計,${stats.total.received},${stats.total.answered}`)).toBe(true);
    expect((await get(app, '/statistics?fy=abcd')).status).toBe(400);
    expect((await get(app, '/statistics.csv?fy=1999')).status).toBe(400);
  });
});
