import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { submissions } from '../../db/schema/index';
import { newIdempotencyKey } from '../../app/domain/tracking-token.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { gridCell } from '../../app/domain/place/geometry';
import { placeHotSpots } from '../../app/domain/place/hot-spots.server';
import { japanDate } from '../../app/japan-time';
import { demo, departmentId } from '../support/actors';
import { createTestDatabase, driverUnderTest } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, signIn } from '../support/staff-auth';

// Places for staff: the voice page lists the open voices within 300 m (with their distance,
// linking to them), and the inbox has a map view with the list's filters. Both stay inside
// the reader's scope: staff of 市民課 never see 道路管理課's voices there.

process.env.CITIZEN_SUBMIT_LIMIT = '1000/600';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-staff-map-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let database: DatabaseHandle;
let app: Awaited<ReturnType<typeof createTestApp>>;
let logins: DemoLogin[];
const cookies: Record<string, string> = {};
const receipts: Record<string, string> = {};
const pins: { lat: number; lng: number; department: string }[] = [];
const tag = `地図${Date.now().toString(36)}`;

async function voiceAt(name: string, lat: number, lng: number, department: 'doro' | 'shimin', status: 'received' | 'closed' = 'received') {
  const form = new FormData();
  const fields = { idempotencyKey: newIdempotencyKey(), kind: 'request', categoryId: '', title: `${tag} ${name}`, body: '歩道の段差が危ないです。', placeText: '', contactMode: 'anonymous', website: '', latitude: String(lat), longitude: String(lng) };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('photos', new File([], '', { type: 'application/octet-stream' }));
  pins.push({ lat, lng, department });
  expect((await app.fetch('/send', { method: 'POST', body: form, redirect: 'manual' })).status).toBe(302);
  const [row] = await database.db.update(submissions).set({ departmentId: await departmentId(database.db, department), status })
    .where(eq(submissions.title, `${tag} ${name}`)).returning({ receiptNumber: submissions.receiptNumber });
  receipts[name] = row!.receiptNumber;
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ logins } = await seedDemo(database.db));
  app = await createTestApp(database, { DATA_DIR: dataDir });
  for (const [key, email] of [['reform', demo.reform], ['staff', demo.shiminStaff], ['doro-staff', demo.doroStaff]] as const) {
    cookies[key] = await signIn(app, email, logins.find((l) => l.email === email)!.password);
  }
  // Around 35.6581, 139.7017: 0.001° of latitude ≈ 111 m.
  await voiceAt('center', 35.6581, 139.7017, 'doro');
  await voiceAt('north110', 35.6591, 139.7017, 'doro');
  await voiceAt('east250', 35.6581, 139.70446, 'doro');
  await voiceAt('south400', 35.6545, 139.7017, 'doro');
  await voiceAt('closed50', 35.65855, 139.7017, 'doro', 'closed');
  await voiceAt('shimin80', 35.6581, 139.70258, 'shimin');
});

describe(`places for staff (${driverUnderTest})`, () => {
  it('lists the open voices within 300 m on the voice page, nearest first, with their distance and a link', async () => {
    const html = await (await get(app, `/staff/voices/${receipts.center}`, cookies.reform)).text();
    const section = html.slice(html.indexOf('id="nearby-title"'), html.indexOf('</section>', html.indexOf('id="nearby-title"')));
    expect(section).toContain('近くの対応中の声（300 m 以内）');
    const order = ['shimin80', 'north110', 'east250'].map((n) => section.indexOf(`/staff/voices/${receipts[n]}`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(section).toMatch(/111 m/);
    expect(section).not.toContain(receipts.south400!); // 400 m away
    expect(section).not.toContain(receipts.closed50!); // closed: not open any more
  });

  it('keeps the nearby list inside the reader’s scope', async () => {
    const html = await (await get(app, `/staff/voices/${receipts.center}`, cookies['doro-staff'])).text();
    const section = html.slice(html.indexOf('id="nearby-title"'), html.indexOf('</section>', html.indexOf('id="nearby-title"')));
    expect(section).toContain(receipts.north110!);
    expect(section).not.toContain(receipts.shimin80!); // 市民課's voice, 80 m away
  });

  it('shows the inbox on a map with the same filters, inside the reader’s scope', async () => {
    const all = await (await get(app, `/staff/inbox/map?q=${encodeURIComponent(tag)}`, cookies.reform)).text();
    for (const name of ['center', 'north110', 'east250', 'south400', 'closed50', 'shimin80']) expect(all).toContain(`/staff/voices/${receipts[name]}`);
    expect(all).toContain('場所のある声：6 件');
    expect(all).toContain(`href="/staff/inbox?q=${encodeURIComponent(tag)}"`); // back to the list, same filters

    const closedOnly = await (await get(app, `/staff/inbox/map?q=${encodeURIComponent(tag)}&status=closed`, cookies.reform)).text();
    expect(closedOnly).toContain('場所のある声：1 件');
    expect(closedOnly).toContain(receipts.closed50!);

    const shimin = await (await get(app, `/staff/inbox/map?q=${encodeURIComponent(tag)}`, cookies.staff)).text();
    expect(shimin).toContain('場所のある声：1 件');
    expect(shimin).toContain(receipts.shimin80!);
    expect(shimin).not.toContain(receipts.center!);

    // The list links to the map with its filters.
    const list = await (await get(app, `/staff/inbox?q=${encodeURIComponent(tag)}`, cookies.reform)).text();
    expect(list).toContain(`href="/staff/inbox/map?q=${encodeURIComponent(tag)}"`);
  });

  it('counts the voices per ~500 m cell for the "where" view, the same cells as in TypeScript, inside the scope', async () => {
    const today = japanDate(new Date());
    const period = { from: today, to: today };
    const expected = new Map<string, number>();
    for (const p of pins) {
      const key = gridCell(p.lat, p.lng, 500).key;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const city = await placeHotSpots(database.db, { departmentId: null }, period);
    expect(city.placed).toBe(pins.length);
    expect(new Map(city.cells.map((c) => [`${c.row}:${c.col}`, c.count]))).toEqual(expected);
    const top = city.cells[0]!;
    expect(top.count).toBe(Math.max(...expected.values()));
    expect(gridCell(top.centerLat, top.centerLng, 500).key).toBe(`${top.row}:${top.col}`);
    expect(city.cells.reduce((n, c) => n + c.open, 0)).toBe(pins.length - 1); // one is closed
    const shimin = await placeHotSpots(database.db, { departmentId: await departmentId(database.db, 'shimin') }, period);
    expect(shimin.placed).toBe(1);

    const page = await (await get(app, `/staff/analytics/where?from=${today}&to=${today}`, cookies.reform)).text();
    expect(page).toContain('どこで（場所別の件数）');
    expect(page).toContain(`場所のある声：${pins.length} 件`);
    expect(page).toContain(`北緯 ${top.centerLat.toFixed(4)}、東経 ${top.centerLng.toFixed(4)}`);
  });
});
