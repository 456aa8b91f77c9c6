import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, cityBoundary, submissionEvents, submissions } from '../../db/schema/index';
import { newIdempotencyKey } from '../../app/domain/tracking-token.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { demoBoundary, demoOutsideHint } from '../../app/seed/demo-boundary';
import { createTestDatabase, driverUnderTest } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';

// The city's boundary: the admin loads it (checked, audited), a resident whose pin is outside
// is told who may be responsible (on /send live, and on the tracking page after a plain post),
// and the reform team refers such a voice (移送) in one step from its page.

process.env.CITIZEN_SUBMIT_LIMIT = '1000/600';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-boundary-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let database: DatabaseHandle;
let app: Awaited<ReturnType<typeof createTestApp>>;
let logins: DemoLogin[];
const cookies: Record<string, string> = {};
const INSIDE = { latitude: '35.658100', longitude: '139.701700' };
const OUTSIDE = { latitude: '35.658100', longitude: '139.690000' }; // ~1 km west of the demo centre

beforeAll(async () => {
  database = await createTestDatabase();
  ({ logins } = await seedDemo(database.db));
  app = await createTestApp(database, { DATA_DIR: dataDir });
  for (const role of ['admin', 'reform', 'staff']) {
    const l = logins.find((x) => x.role === role)!;
    cookies[role] = await signIn(app, l.email, l.password);
  }
});

async function sendVoice(title: string, pin: Record<string, string>) {
  const form = new FormData();
  const all = { idempotencyKey: newIdempotencyKey(), kind: 'request', categoryId: '', title, body: '道路の穴が危ないです。', placeText: '西の交差点', contactMode: 'anonymous', website: '', ...pin };
  for (const [k, v] of Object.entries(all)) form.append(k, v);
  form.append('photos', new File([], '', { type: 'application/octet-stream' }));
  const response = await app.fetch('/send', { method: 'POST', body: form, redirect: 'manual' });
  expect(response.status, title).toBe(302);
  const [row] = await database.db.select().from(submissions).where(eq(submissions.title, title));
  return { location: response.headers.get('location')!, voice: row! };
}

const square = (w: number, s: number, e: number, n: number) => [[[w, s], [e, s], [e, n], [w, n], [w, s]]];
const boundaryForm = (geojson: unknown, extra: Record<string, string> = {}) => ({
  geojson: typeof geojson === 'string' ? geojson : JSON.stringify(geojson),
  outsideHintJa: demoOutsideHint.ja, 'outsideHint:en': demoOutsideHint.en, referTo: demoOutsideHint.referTo, ...extra,
});

describe(`the city boundary (${driverUnderTest})`, () => {
  it('tells the send form, through our own server, whether a pin is outside the demo city', async () => {
    const inside = await (await get(app, '/send/place?lat=35.6581&lng=139.7017')).json();
    expect(inside).toEqual({ outside: false, hint: null, address: null });
    const outside = await (await get(app, '/send/place?lat=35.6581&lng=139.69')).json();
    expect(outside).toEqual({ outside: true, hint: demoOutsideHint.ja, address: null });
    const english = await (await get(app, '/send/place?lat=35.6581&lng=139.69', undefined, { Cookie: 'meyasu_lang=en' })).json();
    expect(english.hint).toBe(demoOutsideHint.en);
    expect((await get(app, '/send/place?lat=999&lng=139.69')).status).toBe(400);
  });

  it('says so on the tracking page right after a plain post (no JavaScript) with a pin outside, and not for one inside', async () => {
    const out = await sendVoice('市外のピン（送信後）', OUTSIDE);
    const page = await (await get(app, out.location)).text();
    expect(page).toContain('市外の場所のようです');
    expect(page).toContain(demoOutsideHint.ja);
    const inside = await sendVoice('市内のピン（送信後）', INSIDE);
    expect(await (await get(app, inside.location)).text()).not.toContain('市外の場所のようです');
    const noPin = await sendVoice('ピンなし（送信後）', {});
    expect(await (await get(app, noPin.location)).text()).not.toContain('市外の場所のようです');
  });

  it('lets the reform team refer a voice outside the city in one step, on the timeline and in the audit log', async () => {
    const { voice } = await sendVoice('市外の道路の穴', OUTSIDE);
    const page = await (await get(app, `/staff/voices/${voice.receiptNumber}`, cookies.reform)).text();
    expect(page).toContain('市外の場所');
    expect(page).toContain(`value="${demoOutsideHint.referTo}"`);
    const inside = await sendVoice('市内の道路の穴', INSIDE);
    expect(await (await get(app, `/staff/voices/${inside.voice.receiptNumber}`, cookies.reform)).text()).not.toContain('市外として移送する');

    const referred = await app.fetch(`/staff/voices/${voice.receiptNumber}`, postForm({
      intent: 'refer', submissionId: String(voice.id), version: String(voice.version), referredTo: demoOutsideHint.referTo,
    }, { cookie: cookies.reform }));
    expect(referred.status).toBe(302);
    const [after] = await database.db.select().from(submissions).where(eq(submissions.id, voice.id));
    expect(after).toMatchObject({ status: 'referred', referredTo: demoOutsideHint.referTo });
    const events = await database.db.select().from(submissionEvents).where(and(eq(submissionEvents.submissionId, voice.id), eq(submissionEvents.type, 'status')));
    expect(events.map((e) => e.data)).toContainEqual({ from: 'received', to: 'referred', referredTo: demoOutsideHint.referTo });
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'voice.status'), eq(auditLog.entityId, String(voice.id))));
    expect(audit?.details).toMatchObject({ to: 'referred', referredTo: demoOutsideHint.referTo });
    // Referred: the page no longer offers it.
    expect(await (await get(app, `/staff/voices/${voice.receiptNumber}`, cookies.reform)).text()).not.toContain('市外として移送する');
  });

  it('refuses a boundary that is not one, with a clear message in Japanese and English, and keeps the old one', async () => {
    const post = (fields: Record<string, string>, lang = 'ja') =>
      app.fetch('/staff/admin/boundary', postForm(fields, { cookie: `${cookies.admin}; meyasu_lang=${lang}` }));
    const cases: [unknown, string, string][] = [
      ['{"type": "Polygon",', 'JSON として読めません', 'cannot be read as JSON'],
      [{ type: 'Point', coordinates: [139.7, 35.6] }, '区域（Polygon または MultiPolygon）が含まれていません', 'no area (Polygon or MultiPolygon)'],
      [{ type: 'Polygon', coordinates: square(35.64, 139.69, 35.68, 139.73) }, '［緯度, 経度］の順になっているようです', 'seem to be [latitude, longitude]'],
    ];
    for (const [geojson, ja, en] of cases) {
      const refused = await post(boundaryForm(geojson));
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain(ja);
      expect(await (await post(boundaryForm(geojson), 'en')).text()).toContain(en);
    }
    const empty = await post(boundaryForm('', { referTo: '' }));
    expect(empty.status).toBe(400);
    const text = await empty.text();
    expect(text).toContain('GeoJSON を貼り付けてください。');
    expect(text).toContain('移送先を入力してください。');
    const [kept] = await database.db.select().from(cityBoundary);
    expect(kept!.coordinates).toEqual(demoBoundary);
  });

  it('loads a FeatureCollection from the admin screen, audited; other roles may not', async () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { N03_004: 'さくら台市' }, geometry: { type: 'Polygon', coordinates: square(139.68, 35.64, 139.73, 35.68) } },
        { type: 'Feature', properties: { N03_004: 'さくら台市' }, geometry: { type: 'Polygon', coordinates: square(139.8, 35.6, 139.81, 35.61) } },
      ],
    };
    expect((await app.fetch('/staff/admin/boundary', postForm(boundaryForm(collection), { cookie: cookies.staff }))).status).toBe(403);
    const saved = await app.fetch('/staff/admin/boundary', postForm(boundaryForm(collection, { referTo: '隣接市 道路課' }), { cookie: cookies.admin }));
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toBe('/staff/admin/boundary?saved=10');
    const page = await (await get(app, '/staff/admin/boundary?saved=10', cookies.admin)).text();
    expect(page).toContain('区域を読み込みました（頂点 10 個）。');
    expect(page).toContain('2 個の多角形、頂点 10 個');
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'city.boundary')).orderBy(desc(auditLog.id)).limit(1);
    expect(entry?.details).toEqual({ polygons: 2, vertices: 10, bbox: [139.68, 35.6, 139.81, 35.68], referTo: '隣接市 道路課' });
    // The new boundary is used at once: 139.69 is now inside, and the island too.
    expect(await (await get(app, '/send/place?lat=35.6581&lng=139.69')).json()).toEqual({ outside: false, hint: null, address: null });
    expect((await (await get(app, '/send/place?lat=35.605&lng=139.805')).json()).outside).toBe(false);
    expect((await (await get(app, '/send/place?lat=35.62&lng=139.75')).json()).outside).toBe(true);
  });
});
