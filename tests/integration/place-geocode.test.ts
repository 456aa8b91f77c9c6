import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase, driverUnderTest } from '../support/db';
import { createTestApp } from '../support/remix';

// The optional reverse geocoder, with msw standing in for it (a third party's HTTP API): our
// server asks it when a pin is dropped and suggests the place name; when it is slow or away
// the answer still comes, without a name, so the form works as before.

const GEOCODER = 'https://geocoder.example.test/reverse';
const asked: string[] = [];
let mode: 'ok' | 'slow' | 'down' | 'nonsense' = 'ok';
const server = setupServer(http.get(GEOCODER, async ({ request }) => {
  asked.push(request.url);
  if (mode === 'slow') await delay('infinite');
  if (mode === 'down') return HttpResponse.error();
  if (mode === 'nonsense') return HttpResponse.text('<html>maintenance</html>');
  return HttpResponse.json({ results: { muniCd: '13113', lv01Nm: '桜台一丁目' } });
}));

let app: Awaited<ReturnType<typeof createTestApp>>;
let withoutGeocoder: Awaited<ReturnType<typeof createTestApp>>;
let capped: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  const database = await createTestDatabase();
  await seedOrganisation(database.db);
  app = await createTestApp(database, { MAP_REVERSE_GEOCODE_URL: `${GEOCODER}?lat={lat}&lon={lng}`, MAP_REVERSE_GEOCODE_TIMEOUT_MS: '300' });
  withoutGeocoder = await createTestApp(database);
  // Its own database: the city-wide count is kept there.
  const cappedDatabase = await createTestDatabase();
  await seedOrganisation(cappedDatabase.db);
  capped = await createTestApp(cappedDatabase, { MAP_REVERSE_GEOCODE_URL: `${GEOCODER}?lat={lat}&lon={lng}`, MAP_REVERSE_GEOCODE_LIMIT: '2/600' });
});
afterEach(() => { mode = 'ok'; });
afterAll(() => server.close());

const check = async (target: typeof app, lat: number, lng: number) => {
  const response = await target.fetch(`/send/place?lat=${lat}&lng=${lng}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { outside: boolean; address: string | null };
};

describe(`reverse geocoding of a dropped pin (${driverUnderTest})`, () => {
  it('suggests the place name the geocoder gives, asking it from our server with the pin', async () => {
    expect(await check(app, 35.6581, 139.7017)).toMatchObject({ outside: false, address: '桜台一丁目' });
    expect(asked.at(-1)).toBe(`${GEOCODER}?lat=35.658100&lon=139.701700`);
  });

  it('answers without a name when the geocoder is slow past the timeout, away, or says nonsense', async () => {
    for (const [m, lat] of [['slow', 35.6601], ['down', 35.6602], ['nonsense', 35.6603]] as const) {
      mode = m;
      const before = asked.length;
      expect(await check(app, lat, 139.7017), m).toEqual({ outside: false, hint: null, address: null });
      expect(asked.length, m).toBe(before + 1);
    }
  });

  it('stops asking the geocoder once the whole city has used its look-ups, well before any one IP reaches its own limit', async () => {
    const before = asked.length;
    expect(await check(capped, 35.6621, 139.7017)).toMatchObject({ address: '桜台一丁目' });
    expect(await check(capped, 35.6622, 139.7017)).toMatchObject({ address: '桜台一丁目' });
    expect(await check(capped, 35.6623, 139.7017)).toEqual({ outside: false, hint: null, address: null });
    expect(asked.length).toBe(before + 2);
  });

  it('asks nothing when no geocoder is configured', async () => {
    const before = asked.length;
    expect(await check(withoutGeocoder, 35.6611, 139.7017)).toEqual({ outside: false, hint: null, address: null });
    expect(asked.length).toBe(before);
  });
});
