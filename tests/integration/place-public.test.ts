import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { submissions } from '../../db/schema/index';
import { publishVoice } from '../../app/domain/publication.server';
import { publicPlace } from '../../app/domain/place/public-place';
import { seedDemo } from '../../app/seed/seed.server';
import { actorFor, demo } from '../support/actors';
import { createTestDatabase, driverUnderTest } from '../support/db';
import { serviceRequestsSchema } from '../support/open311-schemas';
import { createTestApp } from '../support/remix';

// The place of a voice through Open311 and on the public pages: the app that sent a request
// gets its lat, long and address_string back as sent; everyone else sees a published voice's
// place only as its ~200 m cell, and never its free-text address.

let app: Awaited<ReturnType<typeof createTestApp>>;
let db: Database;
let apiKey: string;
const PIN = { lat: 35.658123, long: 139.701765 };

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.db;
  apiKey = (await seedDemo(db)).open311ApiKey!;
  app = await createTestApp(database);
});

const post = (fields: Record<string, string>) =>
  app.fetch('/open311/v2/requests.json', { method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
const getRequest = async (id: string, key?: string) =>
  serviceRequestsSchema.parse(await (await app.fetch(`/open311/v2/requests/${id}.json${key ? `?api_key=${key}` : ''}`)).json())[0]!;

describe(`the place through Open311 and on public pages (${driverUnderTest})`, () => {
  it('round-trips lat, long and address_string for the sending app; others see the published voice’s cell only', async () => {
    const response = await post({
      api_key: apiKey, service_code: 'doro', lat: String(PIN.lat), long: String(PIN.long), address_string: '桜台二丁目 5-8 鈴木方の前',
      description: 'マンホールのふたががたついています。', 'attribute[consent_to_publish]': 'yes',
    });
    expect(response.status).toBe(201);
    const id = ((await response.json()) as { service_request_id: string }[])[0]!.service_request_id;
    const [row] = await db.select().from(submissions).where(eq(submissions.receiptNumber, id));
    expect(row).toMatchObject({ latitude: PIN.lat, longitude: PIN.long, placeText: '桜台二丁目 5-8 鈴木方の前' });

    expect(await getRequest(id, apiKey)).toMatchObject({ lat: PIN.lat, long: PIN.long, address: '桜台二丁目 5-8 鈴木方の前' });
    // Not published: a stranger sees no place at all.
    expect(await getRequest(id)).toMatchObject({ lat: null, long: null, address: null });

    const reform = await actorFor(db, demo.reform);
    await publishVoice(db, reform, { submissionId: row!.id, version: row!.version, title: 'マンホールのふた', body: 'マンホールのふたががたついています。', reply: '' });
    const cell = publicPlace(PIN.lat, PIN.long)!;
    const asStranger = await getRequest(id);
    expect(asStranger).toMatchObject({ lat: cell.lat, long: cell.lng, address: null });
    expect(asStranger.lat).not.toBe(PIN.lat);
    // The sender still gets back exactly what it sent.
    expect(await getRequest(id, apiKey)).toMatchObject({ lat: PIN.lat, long: PIN.long, address: '桜台二丁目 5-8 鈴木方の前' });
    // …and in the list too.
    const list = serviceRequestsSchema.parse(await (await app.fetch('/open311/v2/requests.json?service_code=doro')).json());
    expect(list.find((r) => r.service_request_id === id)).toMatchObject({ lat: cell.lat, long: cell.lng, address: null });

    // The public page of the voice: the approximate place, never the pin nor the address.
    const page = await (await app.fetch(`/voices/${id}`)).text();
    expect(page).toContain('おおよその場所');
    expect(page).toContain(`北緯 ${cell.lat.toFixed(3)}、東経 ${cell.lng.toFixed(3)} 付近`);
    expect(page).not.toContain('35.658123');
    expect(page).not.toContain('139.701765');
    expect(page).not.toContain('鈴木方');
  });

  it('refuses a point outside the globe with the spec’s error', async () => {
    const response = await post({ api_key: apiKey, service_code: 'doro', lat: '95', long: '139.7', description: 'x' });
    expect(response.status).toBe(400);
  });
});
