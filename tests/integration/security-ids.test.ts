import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { queryRows } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { newIdempotencyKey } from '../../app/domain/tracking-token.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';

// Ids beyond PostgreSQL's integer range (2147483647) in every place an id is read from a URL,
// a query string or a form: each answers 400 or 404 (or ignores a bad filter), never a 500
// from the database. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.

process.env.CITIZEN_SUBMIT_LIMIT = '100000/600';

const HUGE = '9999999999';
const JUST_OVER = '2147483648';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-ids-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let database: DatabaseHandle;
let app: Awaited<ReturnType<typeof createTestApp>>;
let logins: DemoLogin[];
const cookies: Record<string, string> = {};
let voice: { receipt_number: string; id: number; version: number };
let record: { number: string; version: number };

beforeAll(async () => {
  database = await createTestDatabase();
  ({ logins } = await seedDemo(database.db));
  app = await createTestApp(database, { DATA_DIR: dataDir });
  for (const role of ['reform', 'admin', 'mayor', 'auditor']) {
    const login = logins.find((l) => l.role === role)!;
    cookies[role] = await signIn(app, login.email, login.password);
  }
  voice = (await queryRows<typeof voice>(database.db, sql`select receipt_number, id, version from submissions where status not in ('closed', 'merged') order by id limit 1`))[0]!;
  record = (await queryRows<typeof record>(database.db, sql`select number, version from improvement_records order by id limit 1`))[0]!;
});

type Case = [role: string | null, method: 'GET' | 'POST', path: () => string, fields?: () => Record<string, string>];

const voicePath = () => `/staff/voices/${voice.receipt_number}`;
const hidden = () => ({ submissionId: String(voice.id), version: String(voice.version) });

const cases: Case[] = [
  // Resident side.
  [null, 'GET', () => `/voices?category=${HUGE}`],
  [null, 'POST', () => '/send', () => ({ idempotencyKey: newIdempotencyKey(), kind: 'request', categoryId: HUGE, title: '範囲外の分類', body: '本文です。', contactMode: 'anonymous', website: '' })],
  // Inbox filters.
  ['reform', 'GET', () => `/staff/inbox?category=${HUGE}`],
  ['reform', 'GET', () => `/staff/inbox?department=${HUGE}`],
  ['reform', 'GET', () => `/staff/inbox?assignee=${HUGE}`],
  // Improvement board and the new record's source.
  ['reform', 'GET', () => `/staff/improvements?department=${HUGE}`],
  ['reform', 'GET', () => `/staff/improvements/new?source=internal_audit&ref=${HUGE}`],
  ['reform', 'GET', () => `/staff/improvements/new?source=staff_suggestion&ref=${JUST_OVER}`],
  // Audit log filters, on the page and in the CSV.
  ['admin', 'GET', () => `/staff/admin/audit?userId=${HUGE}`],
  ['admin', 'GET', () => `/staff/admin/audit?before=${HUGE}`],
  ['admin', 'GET', () => `/staff/admin/audit.csv?userId=${HUGE}&before=${HUGE}`],
  // The outbox.
  ['reform', 'GET', () => `/staff/outbox/${HUGE}`],
  ['reform', 'GET', () => `/staff/outbox/${JUST_OVER}`],
  ['reform', 'GET', () => `/staff/outbox?retried=${HUGE}`],
  ['reform', 'POST', () => '/staff/outbox', () => ({ intent: 'retry', messageId: HUGE })],
  // Admin pages with an id in the path.
  ['admin', 'GET', () => `/staff/admin/users/${HUGE}`],
  ['admin', 'GET', () => `/staff/admin/departments/${HUGE}`],
  ['admin', 'GET', () => `/staff/admin/categories/${HUGE}`],
  ['admin', 'GET', () => `/staff/admin/counters/${HUGE}`],
  ['admin', 'GET', () => `/staff/admin/counters/${HUGE}/poster`],
  ['admin', 'POST', () => '/staff/admin/calendar', () => ({ intent: 'remove', id: HUGE })],
  ['reform', 'GET', () => `/staff/analytics/reviews/${HUGE}`],
  // The voice page's id fields.
  ['reform', 'POST', voicePath, () => ({ intent: 'note', submissionId: HUGE, text: 'メモ' })],
  ['reform', 'POST', voicePath, () => ({ intent: 'classify', submissionId: String(voice.id), version: HUGE, kind: 'request', categoryId: '1' })],
  ['reform', 'POST', voicePath, () => ({ intent: 'classify', ...hidden(), kind: 'request', categoryId: HUGE })],
  ['reform', 'POST', voicePath, () => ({ intent: 'route', ...hidden(), departmentId: HUGE })],
  ['reform', 'POST', voicePath, () => ({ intent: 'assign', ...hidden(), assigneeId: HUGE })],
  ['reform', 'POST', voicePath, () => ({ intent: 'useTemplate', ...hidden(), templateId: HUGE })],
  ['reform', 'POST', voicePath, () => ({ intent: 'draft', ...hidden(), body: '回答の下書きです。', templateId: HUGE })],
  ['reform', 'POST', voicePath, () => ({ intent: 'submitReply', ...hidden(), replyId: HUGE })],
  // Other forms that carry ids.
  ['mayor', 'POST', () => '/staff/mayor', () => ({ intent: 'review', submissionId: HUGE })],
  ['reform', 'POST', () => '/staff/voices/new', () => ({ idempotencyKey: newIdempotencyKey(), channel: 'phone', kind: 'request', categoryId: HUGE, title: '電話の声', body: '本文です。', contactMode: 'anonymous' })],
  ['reform', 'POST', () => '/staff/improvements/new', () => ({ source: 'internal_audit', sourceRefId: HUGE, title: '範囲外', type: 'corrective', findingClass: 'nonconformity', level: 'operations', ownerDepartmentId: HUGE, problemStatement: '問題' })],
  ['reform', 'POST', () => `/staff/improvements/${record.number}`, () => ({ intent: 'editAction', version: String(record.version), actionId: HUGE, description: '説明', ownerDepartmentId: HUGE, dueDate: '2027-01-31' })],
  ['reform', 'POST', () => `/staff/improvements/${record.number}`, () => ({ intent: 'spread', version: String(record.version), departmentIds: HUGE, description: '横展開', dueDate: '2027-01-31' })],
  ['reform', 'POST', () => `/staff/improvements/${record.number}`, () => ({ intent: 'advance', version: HUGE, to: 'do' })],
  ['reform', 'POST', () => '/staff/staff-box', () => ({ intent: 'turn', submissionId: HUGE, level: 'operations', ownerDepartmentId: HUGE })],
  ['auditor', 'POST', () => '/staff/audit-findings', () => ({ intent: 'record', departmentId: HUGE, findingClass: 'nonconformity', description: '指摘', foundOn: '2026-11-30' })],
  ['reform', 'POST', () => '/staff/audit-findings', () => ({ intent: 'turn', findingId: HUGE, title: '是正', level: 'operations' })],
  ['admin', 'POST', () => '/staff/admin/categories/1', () => ({ intent: 'template', templateId: HUGE, nameJa: '定型文', nameEn: 'Template', bodyJa: '本文', bodyEn: 'Body' })],
];

describe('ids beyond the integer range', () => {
  it('never reach the database: every place answers without a 500', async () => {
    const failures: string[] = [];
    for (const [role, method, pathOf, fieldsOf] of cases) {
      const cookie = role ? cookies[role] : undefined;
      const pathname = pathOf();
      const response = method === 'GET'
        ? await get(app, pathname, cookie)
        : await app.fetch(pathname, postForm(fieldsOf!(), { cookie }));
      const label = `${role ?? 'resident'} ${method} ${pathname} ${fieldsOf ? JSON.stringify(fieldsOf()) : ''}`;
      if (response.status >= 500) failures.push(`${label} → ${response.status}`);
      else if (response.status === 403) failures.push(`${label} → 403 (the test's role cannot reach it)`);
      await response.body?.cancel();
    }
    expect(failures).toEqual([]);
  });

  it('answers 404 for an id in the path and 400 for one in a form', async () => {
    expect((await get(app, `/staff/outbox/${HUGE}`, cookies.reform)).status).toBe(404);
    expect((await get(app, `/staff/admin/users/${JUST_OVER}`, cookies.admin)).status).toBe(404);
    const send = await app.fetch('/send', postForm({ idempotencyKey: newIdempotencyKey(), kind: 'request', categoryId: HUGE, title: '範囲外', body: '本文です。', contactMode: 'anonymous', website: '' }));
    expect(send.status).toBe(400);
    const classify = await app.fetch(voicePath(), postForm({ intent: 'classify', ...hidden(), kind: 'request', categoryId: HUGE }, { cookie: cookies.reform }));
    expect(classify.status).toBe(400);
    // The largest id that exists in PostgreSQL's range is still an id: looked up, and not found.
    expect((await get(app, '/staff/outbox/2147483647', cookies.reform)).status).toBe(404);
  });
});
