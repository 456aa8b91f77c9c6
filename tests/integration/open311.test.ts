import { and, eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { emailOutbox, submissions } from '../../db/schema/index';
import { approveReply, draftReply, submitReplyForApproval } from '../../app/domain/replies.server';
import { changeVoiceStatus } from '../../app/domain/triage.server';
import { listInbox, parseInboxFilters } from '../../app/domain/inbox.server';
import { mayorQueueItem } from '../../app/domain/mayor-review.server';
import { actorFor, demo } from '../support/actors';
import { issueApiKey, revokeApiKey } from '../../app/open311/api-keys.server';
import { seedDemo } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import {
  discoverySchema, errorsSchema, postResponseSchema, serviceDefinitionSchema, serviceRequestsSchema, servicesSchema, tokensSchema,
} from '../support/open311-schemas';
import { createTestApp } from '../support/remix';

const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

describe('Open311 GeoReport v2', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let db: Database;
  let apiKey: string;

  beforeAll(async () => {
    const database = await createTestDatabase();
    db = database.db;
    const seeded = await seedDemo(db);
    apiKey = seeded.open311ApiKey!;
    app = await createTestApp(database);
  });

  const post = (fields: Record<string, string>, format = 'json') =>
    app.fetch(`/open311/v2/requests.${format}`, { method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  const getJson = async (path: string) => {
    const response = await app.fetch(path);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    return { status: response.status, body: await response.json() };
  };
  const getXml = async (path: string) => {
    const response = await app.fetch(path);
    expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const text = await response.text();
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    return { status: response.status, doc: xml.parse(text, true) };
  };

  it('describes itself, its services and their attributes in spec-valid JSON', async () => {
    discoverySchema.parse((await getJson('/open311/v2/discovery.json')).body);
    const services = servicesSchema.parse((await getJson('/open311/v2/services.json')).body);
    expect(services.map((s) => s.service_code)).toContain('doro');
    expect(services.find((s) => s.service_code === 'doro')!.service_name).toBe('道路・交通安全');
    const definition = serviceDefinitionSchema.parse((await getJson('/open311/v2/services/doro.json')).body);
    expect(definition.attributes.find((a) => a.code === 'kind')!.values!.map((v) => v.key)).toContain('complaint');
    expect((await getJson('/open311/v2/services.json?locale=en')).body[0].service_name).toMatch(/[A-Za-z]/);
  });

  it('answers the same in XML with the spec element names', async () => {
    const discovery = (await getXml('/open311/v2/discovery.xml')).doc;
    expect(discovery.discovery.endpoints.endpoint.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    const services = (await getXml('/open311/v2/services.xml')).doc;
    const list = services.services.service;
    expect(Array.isArray(list) && list.length).toBeGreaterThan(5);
    expect(Object.keys(list[0]).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type'].sort());
    const definition = (await getXml('/open311/v2/services/doro.xml')).doc;
    expect(definition.service_definition.service_code).toBe('doro');
    expect(definition.service_definition.attributes.attribute.length).toBeGreaterThan(1);
  });

  it('round trip: POST → in the mayor queue with channel API → GET open → closed with the reply in status_notes', async () => {
    const response = await post({
      api_key: apiKey, service_code: 'doro', lat: '35.6581', long: '139.7017', address_string: '桜台一丁目 交差点',
      description: '信号機の青の時間が短く、高齢者が渡りきれません。', email: 'resident@example.com', first_name: '花子', last_name: '山田',
      'attribute[kind]': 'request', 'attribute[reply_wanted]': 'yes',
    });
    expect(response.status).toBe(201);
    const [created] = postResponseSchema.parse(await response.json());
    const id = created!.service_request_id!;
    expect(id).toMatch(/^\d{4}-\d{6}$/);

    const [row] = await db.select().from(submissions).where(eq(submissions.receiptNumber, id));
    expect(row!.channel).toBe('api');
    expect(row!.status).toBe('received');
    // In the reform team's inbox with channel API, in the mayor's queue, and the receipt mail queued.
    const reform = await actorFor(db, demo.reform);
    const inbox = await listInbox(db, reform.user, parseInboxFilters(new URLSearchParams({ channel: 'api' })), { today: '2026-11-21', closedDays: [] });
    expect(inbox.items.map((i) => i.receiptNumber)).toContain(id);
    const queue = await mayorQueueItem(db, 0);
    const allUnreviewed = await listInbox(db, reform.user, parseInboxFilters(new URLSearchParams({ unreviewed: '1', q: '信号機の青' })), { today: '2026-11-21', closedDays: [] });
    expect(allUnreviewed.items.map((i) => i.receiptNumber)).toEqual([id]);
    expect(queue.total).toBeGreaterThan(0);
    const mails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.submissionId, row!.id), eq(emailOutbox.template, 'receipt')));
    expect(mails.map((m) => m.toAddress)).toEqual(['resident@example.com']);

    const open = serviceRequestsSchema.parse((await getJson(`/open311/v2/requests/${id}.json?api_key=${apiKey}`)).body);
    expect(open[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'doro', status_notes: null, lat: 35.6581 });
    expect(open[0]!.description).toContain('信号機');

    // The 道路管理課 replies with its 課長's approval, and the voice is closed.
    const staff = await actorFor(db, demo.doroStaff);
    const manager = await actorFor(db, demo.doroManager);
    const { replyId } = await draftReply(db, staff, { submissionId: row!.id, kind: 'final', body: '青信号の時間を5秒延長しました。' });
    const { version: replyVersion } = await submitReplyForApproval(db, staff, { replyId, version: 1 });
    await approveReply(db, manager, { replyId, version: replyVersion });
    const [answered] = await db.select().from(submissions).where(eq(submissions.id, row!.id));
    const stillOpen = serviceRequestsSchema.parse((await getJson(`/open311/v2/requests/${id}.json?api_key=${apiKey}`)).body);
    expect(stillOpen[0]).toMatchObject({ status: 'open', status_notes: '青信号の時間を5秒延長しました。' });
    await changeVoiceStatus(db, manager, { submissionId: row!.id, version: answered!.version, change: { to: 'closed' } });

    const closed = serviceRequestsSchema.parse((await getJson(`/open311/v2/requests/${id}.json?api_key=${apiKey}`)).body);
    expect(closed[0]).toMatchObject({ status: 'closed', status_notes: '青信号の時間を5秒延長しました。' });
    const closedXml = (await getXml(`/open311/v2/requests/${id}.xml?api_key=${apiKey}`)).doc;
    expect(closedXml.service_requests.request.status).toBe('closed');

    const tokens = tokensSchema.parse((await getJson(`/open311/v2/tokens/${created!.token}.json`)).body);
    expect(tokens[0]!.service_request_id).toBe(id);
  });

  it('shows strangers only what was published, never the unpublished text or contact', async () => {
    const response = await post({ api_key: apiKey, service_code: 'gomi', address_string: '桜台五丁目 12-3 山田方', description: '自宅前（090-1111-2222）の集積所が荒れています。' });
    const [created] = postResponseSchema.parse(await response.json());
    const asStranger = serviceRequestsSchema.parse((await getJson(`/open311/v2/requests/${created!.service_request_id}.json`)).body);
    expect(asStranger[0]).toMatchObject({ description: null, address: null, lat: null, status_notes: null });
    const published = serviceRequestsSchema.parse((await getJson('/open311/v2/requests.json?status=closed')).body);
    expect(published.some((r) => r.description?.includes('待ち時間'))).toBe(true);
    expect(published.every((r) => r.status === 'closed')).toBe(true);
  });

  it('lists with the spec filters and the paging extension', async () => {
    const all = serviceRequestsSchema.parse((await getJson('/open311/v2/requests.json')).body);
    expect(all.length).toBeGreaterThan(20);
    const page = serviceRequestsSchema.parse((await getJson('/open311/v2/requests.json?page_size=5&page=2')).body);
    expect(page.map((r) => r.service_request_id)).toEqual(all.slice(5, 10).map((r) => r.service_request_id));
    const roads = serviceRequestsSchema.parse((await getJson('/open311/v2/requests.json?service_code=doro')).body);
    expect(roads.length).toBeGreaterThan(0);
    expect(roads.every((r) => r.service_code === 'doro')).toBe(true);
    const ids = [all[0]!.service_request_id, all[1]!.service_request_id].join(',');
    expect(serviceRequestsSchema.parse((await getJson(`/open311/v2/requests.json?service_request_id=${ids}`)).body)).toHaveLength(2);
    const future = serviceRequestsSchema.parse((await getJson('/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z')).body);
    expect(future).toEqual([]);
    const hidden = await db.select({ n: submissions.receiptNumber }).from(submissions).where(eq(submissions.status, 'hidden'));
    expect(all.map((r) => r.service_request_id)).not.toContain(hidden[0]!.n);
  });

  it('refuses a bad api_key with 403 and a missing service_code with 400, with the error array', async () => {
    const bad = await post({ api_key: 'nope', service_code: 'doro', description: 'x', address_string: 'y' });
    expect(bad.status).toBe(403);
    expect(errorsSchema.parse(await bad.json())[0]!.code).toBe(403);

    const missing = await post({ api_key: apiKey, description: 'x', address_string: 'y' });
    expect(missing.status).toBe(400);
    expect(errorsSchema.parse(await missing.json())[0]).toEqual({ code: 400, description: 'service_code was not provided' });

    const missingXml = await post({ api_key: apiKey, description: 'x', address_string: 'y' }, 'xml');
    expect(missingXml.status).toBe(400);
    const doc = xml.parse(await missingXml.text());
    expect(doc.errors.error).toEqual({ code: '400', description: 'service_code was not provided' });

    const unknown = await getJson('/open311/v2/requests/2026-999999.json');
    expect(unknown.status).toBe(404);
    errorsSchema.parse(unknown.body);

    const badFilter = await getJson('/open311/v2/requests.json?start_date=yesterday');
    expect(badFilter.status).toBe(400);
    errorsSchema.parse(badFilter.body);

    const noLocation = await post({ api_key: apiKey, service_code: 'doro', description: 'x' });
    expect(noLocation.status).toBe(400);
  });

  it('stops accepting a revoked key', async () => {
    const { client, apiKey: key } = await issueApiKey(db, 'temporary', null);
    expect((await post({ api_key: key, service_code: 'doro', description: '街路樹の枝が標識を隠しています。', address_string: '桜台' })).status).toBe(201);
    await revokeApiKey(db, client.id);
    expect((await post({ api_key: key, service_code: 'doro', description: 'again', address_string: '桜台' })).status).toBe(403);
  });

  it('treats a repeated POST with the same Idempotency-Key as one voice', async () => {
    const fields = { api_key: apiKey, service_code: 'koen', description: 'ベンチが壊れています。', address_string: '南公園' };
    const send = () => app.fetch('/open311/v2/requests.json', {
      method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': 'retry-1' },
    });
    const [a, b] = await Promise.all([send(), send()]);
    const first = postResponseSchema.parse(await a.json())[0]!;
    const second = postResponseSchema.parse(await b.json())[0]!;
    expect(first.service_request_id).toBe(second.service_request_id);
    expect(first.token).toBe(second.token);
    expect(tokensSchema.parse((await getJson(`/open311/v2/tokens/${second.token}.json`)).body)[0]!.service_request_id).toBe(first.service_request_id);
    const rows = await db.select().from(submissions).where(and(eq(submissions.body, 'ベンチが壊れています。'), eq(submissions.channel, 'api')));
    expect(rows).toHaveLength(1);
  });
});
