// The SQL one web submission runs (app/domain/web-voice.server.ts and
// app/domain/submissions.server.ts, as postgres.js sends it), as a pgbench script: the
// per-IP limit upsert, the read of the category's routing, the reply target and the closed
// days (loadReplyTarget), and the one statement that writes the voice (claim of the key,
// receipt number, voice with its bigrams, first timeline entry; a voice without photos needs
// no transaction around it, and a replay meets the earlier voice inside it). pgbench runs it on the same server with as many clients as the app
// has connections. Keep it in step with the app: the same statements, no more and no fewer
// (the voice's and its timeline entry's columns are the app's own: the records are typed by them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getTableColumns } from 'drizzle-orm';
import { submissionEvents, submissions } from '../../db/schema/index';
import type { EventColumn, VoiceColumn } from '../../app/domain/submissions.server';

// The app's voice row and first timeline entry with the bench's values. Typed by the app's columns: a column the app
// adds (or drops) and the bench does not fails the typecheck.
const VOICE_VALUES: Record<VoiceColumn, string> = {
  id: 'claim.id',
  fiscalYear: '2026::smallint',
  receiptNumber: "'2026'::text || '-' || lpad(seq.last_number::text, greatest(6, length(seq.last_number::text)), '0')",
  trackingTokenHash: "md5(:n || '-' || :salt) || md5(:salt || '-' || :n)",
  kind: "'request'::submission_kind",
  channel: "'web'::submission_channel",
  categoryId: 'null::int',
  departmentId: 'null::int',
  counterId: 'null::int',
  title: "'ベンチマークの声'",
  body: "'駅前の北口駐輪場の照明が暗くて危ないです。夜は特に不安を感じます。'",
  language: "'ja'",
  placeText: 'null::text',
  postcode: 'null::text',
  latitude: 'null::double precision',
  longitude: 'null::double precision',
  anonymous: 'true::boolean',
  replyWanted: 'false::boolean',
  consentToPublish: 'false::boolean',
  receivedAt: 'now()::timestamptz',
  dueDate: '(current_date + 14)::date',
  enteredById: 'null::int',
  staffAuthorId: 'null::int',
  staffAuthorHidden: 'false::boolean',
  searchBigrams: "'{ベン,ンチ,チマ,マー,ーク,クの,の声,声駅,駅前,前の,の北,北口,口駐,駐輪,輪場,場の,の照,照明,明が,が暗,暗く,くて,て危,危な,ない,いで,です,す。,。夜,夜は,は特,特に,に不,不安,安を,を感,感じ,じま,ます}'::text[]",
  createdAt: 'now()::timestamptz',
  updatedAt: 'now()::timestamptz',
};

const EVENT_VALUES: Record<EventColumn, string> = {
  submissionId: 's.id',
  at: 'now()::timestamptz',
  actorUserId: 'null::int',
  type: "'received'",
  visibility: "'public'::timeline_visibility",
  data: `'{"channel":"web"}'::jsonb`,
};

/** The column names of a record's fields, in its order. */
function columnList(table: typeof submissions | typeof submissionEvents, values: Record<string, string>): string {
  const columns: Record<string, { name: string }> = getTableColumns(table);
  return Object.keys(values).map((field) => columns[field]!.name).join(', ');
}

const VOICE_INSERT = `insert into submissions (${columnList(submissions, VOICE_VALUES)})
  overriding system value
  select ${Object.values(VOICE_VALUES).join(', ')}
  from claim, seq`;
const EVENT_INSERT = `insert into submission_events (${columnList(submissionEvents, EVENT_VALUES)})
  select ${Object.values(EVENT_VALUES).join(', ')} from s`;

export const PGBENCH_SCRIPT = `
\\set n random(1, 2000000000)
\\set salt random(1, 2000000000)
insert into rate_limits (key, points, expire) values ('citizen-submit-ip:pgbench', 1, now() + interval '60 seconds')
  on conflict (key) do update set points = case when rate_limits.expire is null or rate_limits.expire <= now() then excluded.points else rate_limits.points + excluded.points end,
  expire = case when rate_limits.expire is null or rate_limits.expire <= now() then excluded.expire else rate_limits.expire end returning key, points, expire;
select c.default_department_id as department_id,
  coalesce(c.reply_target_days, (select default_reply_target_days from city_settings where id = 1), 10)::int as days,
  (select coalesce(json_agg(json_build_object('kind', d.kind, 'month', d.month, 'day', d.day, 'date', d.date)), '[]'::json)
     from city_closed_days d) as closed_days
  from (select 1) as one left join categories c on c.id = null::int;
with claim as (
  insert into idempotency_keys (key, scope, submission_id) values ('web:pgbench-' || :n || '-' || :salt, 'submission', nextval(pg_get_serial_sequence('submissions', 'id')))
  on conflict do nothing returning submission_id as id),
seq as (
  insert into receipt_sequences (fiscal_year, last_number) select 2026::smallint, 1 from claim
  on conflict (fiscal_year) do update set last_number = receipt_sequences.last_number + 1 returning last_number),
s as (
  ${VOICE_INSERT}
  returning id, receipt_number),
event as (
  ${EVENT_INSERT})
select id, receipt_number from s;
`;

export interface PgbenchResult {
  tps: number;
  latencyAverageMs: number;
  transactions: number;
  failed: number;
}

export function runPgbench(url: string, clients: number, seconds: number): PgbenchResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-pgbench-'));
  const file = path.join(dir, 'submission.sql');
  writeFileSync(file, PGBENCH_SCRIPT);
  const u = new URL(url);
  const output = execFileSync('pgbench', [
    '-n', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-f', file,
    '-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), u.pathname.slice(1),
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? 'NaN');
  return {
    tps: number(/tps = ([\d.]+) \(without initial connection time\)/),
    latencyAverageMs: number(/latency average = ([\d.]+) ms/),
    transactions: number(/number of transactions actually processed: (\d+)/),
    failed: number(/number of failed transactions: (\d+)/) || 0,
  };
}
