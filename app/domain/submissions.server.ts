import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Database, type Executor } from '#db/client';
import {
  idempotencyKeys, submissionContacts, submissionEvents, submissions, type SubmissionChannel, type SubmissionKind,
} from '#db/schema/index';
import { dueDateFor, loadReplyTarget } from './calendar.server';
import { fiscalYearOf } from './fiscal-year';
import { bigrams } from './search-text';
import { hashSecretToken } from './secret-token.server';

export interface VoiceContact {
  familyName?: string | null;
  givenName?: string | null;
  familyNameKana?: string | null;
  givenNameKana?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
}

/** A voice as every channel delivers it (web form, staff entry, Open311), already validated. */
export interface NewVoice {
  kind: SubmissionKind;
  channel: SubmissionChannel;
  categoryId: number | null;
  title: string;
  body: string;
  language: string;
  placeText?: string | null;
  postcode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  contact: VoiceContact | null;
  replyWanted: boolean;
  consentToPublish: boolean;
  counterId?: number | null;
  enteredById?: number | null;
  staffAuthorId?: number | null;
  staffAuthorHidden?: boolean;
  /** Extra facts for the first timeline entry, e.g. the Open311 client that sent it. */
  receivedEventData?: Record<string, unknown>;
}

export interface CreateVoiceOptions {
  /** The secret for the tracking link; only its hash is stored. */
  trackingToken: string;
  /** A resident's repeated or concurrent submit with the same key yields the same voice. */
  idempotencyKey?: string;
  now?: Date;
  /** More writes that belong to the same transaction (e.g. the staff member's audit entry). */
  afterInsert?: (tx: Executor, created: { id: number; receiptNumber: string }) => Promise<void>;
}

export interface CreatedVoice {
  id: number;
  receiptNumber: string;
  /** True when the idempotency key had already produced this voice. */
  replayed: boolean;
}

function hasContact(contact: VoiceContact | null): contact is VoiceContact {
  return !!contact && Object.values(contact).some((v) => typeof v === 'string' && v.trim() !== '');
}

// Keyed by the table's columns, not $inferInsert: that leaves out the identity id, which the voice sets.
type Values<T extends PgTable> = Partial<Record<keyof T['_']['columns'], SQL>>;

/**
 * `insert into <table> (<columns>) select <values> <from>` from one record, so that each
 * column sits beside its value: the keys are the schema's field names (a typo does not compile),
 * the schema gives their SQL names.
 */
function insertSelect<T extends PgTable>(table: T, values: Values<T>, from: SQL, overridingSystemValue = false): SQL {
  const columns = getTableColumns(table);
  const entries = Object.entries(values) as [keyof typeof columns & string, SQL][];
  const names = entries.map(([field]) => sql.identifier(columns[field]!.name));
  return sql`insert into ${table} (${sql.join(names, sql`, `)})${overridingSystemValue ? sql` overriding system value` : sql``}
      select ${sql.join(entries.map(([, value]) => value), sql`, `)} ${from}`;
}

interface VoiceFields {
  now: Date; fiscalYear: number; departmentId: number | null; dueDate: string; contact: VoiceContact | null;
}

/**
 * The voice row: one entry per column, its value an expression over `claim` (the id) and `seq`
 * (the receipt number). To store a new field, add its entry here and in tests/bench/pgbench.ts
 * (typed with VoiceColumn, so the bench cannot lag behind).
 */
function voiceValues(voice: NewVoice, options: CreateVoiceOptions, { now, fiscalYear, departmentId, dueDate, contact }: VoiceFields) {
  const at = sql`${sql.param(now, submissions.receivedAt)}::timestamptz`;
  return {
    id: sql`claim.id`,
    fiscalYear: sql`${fiscalYear}::smallint`,
    receiptNumber: sql`${String(fiscalYear)}::text || '-' || lpad(seq.last_number::text, greatest(6, length(seq.last_number::text)), '0')`,
    trackingTokenHash: sql`${hashSecretToken(options.trackingToken)}`,
    kind: sql`${voice.kind}::submission_kind`,
    channel: sql`${voice.channel}::submission_channel`,
    categoryId: sql`${voice.categoryId}::int`,
    departmentId: sql`${departmentId}::int`,
    counterId: sql`${voice.counterId ?? null}::int`,
    title: sql`${voice.title}`,
    body: sql`${voice.body}`,
    language: sql`${voice.language}`,
    placeText: sql`${voice.placeText ?? null}::text`,
    postcode: sql`${voice.postcode ?? null}::text`,
    latitude: sql`${voice.latitude ?? null}::double precision`,
    longitude: sql`${voice.longitude ?? null}::double precision`,
    anonymous: sql`${contact === null}::boolean`,
    replyWanted: sql`${voice.replyWanted}::boolean`,
    consentToPublish: sql`${voice.consentToPublish}::boolean`,
    receivedAt: at,
    dueDate: sql`${dueDate}::date`,
    enteredById: sql`${voice.enteredById ?? null}::int`,
    staffAuthorId: sql`${voice.staffAuthorId ?? null}::int`,
    staffAuthorHidden: sql`${voice.staffAuthorHidden ?? false}::boolean`,
    searchBigrams: sql`${sql.param(bigrams(`${voice.title} ${voice.body}`), submissions.searchBigrams)}::text[]`,
    createdAt: at,
    updatedAt: at,
  } satisfies Values<typeof submissions>;
}

/** The voice's first timeline entry: 'received', public, with the channel. */
function eventValues(voice: NewVoice, now: Date) {
  return {
    submissionId: sql`s.id`,
    at: sql`${sql.param(now, submissions.receivedAt)}::timestamptz`,
    actorUserId: sql`${voice.enteredById ?? null}::int`,
    type: sql`'received'`,
    visibility: sql`'public'::timeline_visibility`,
    data: sql`${sql.param({ channel: voice.channel, ...voice.receivedEventData }, submissionEvents.data)}::jsonb`,
  } satisfies Values<typeof submissionEvents>;
}

/** The columns createSubmission writes, for the bench's copy of its statement. */
export type VoiceColumn = keyof ReturnType<typeof voiceValues>;
export type EventColumn = keyof ReturnType<typeof eventValues>;

/**
 * The whole write of a voice as one statement (data-modifying CTEs), so that it is atomic on
 * its own and costs one round trip:
 *   claim  — the idempotency key, born linked to the voice's id (drawn here from the identity's
 *            sequence); on a conflict nothing below happens, not even a receipt number;
 *   seq    — the next receipt number of the fiscal year (the row lock serialises concurrent
 *            takers until commit, and a rollback returns the number: unique and without gaps);
 *   s      — the voice; then its contact, its first timeline entry and the receipt mail.
 * Foreign keys are checked at the end of the statement, when the voice row exists.
 * tests/bench/pgbench.ts runs the same statement: keep the two in step.
 */
function writeVoiceStatement(voice: NewVoice, options: CreateVoiceOptions, fields: VoiceFields): SQL {
  const { now, fiscalYear, contact } = fields;
  const nextId = sql`nextval(pg_get_serial_sequence('submissions', 'id'))`;
  const claim = options.idempotencyKey
    ? sql`claim as (
        insert into idempotency_keys (key, scope, submission_id) values (${options.idempotencyKey}, 'submission', ${nextId})
        on conflict do nothing returning submission_id as id)`
    : sql`claim as (select ${nextId}::int as id)`;
  const parts: SQL[] = [
    claim,
    sql`seq as (
      insert into receipt_sequences (fiscal_year, last_number) select ${fiscalYear}::smallint, 1 from claim
      on conflict (fiscal_year) do update set last_number = receipt_sequences.last_number + 1 returning last_number)`,
    // The id comes from claim: overriding the identity column's "generated always".
    sql`s as (${insertSelect(submissions, voiceValues(voice, options, fields), sql`from claim, seq returning id, receipt_number`, true)})`,
    sql`event as (${insertSelect(submissionEvents, eventValues(voice, now), sql`from s`)})`,
  ];
  if (contact) {
    parts.push(sql`contact as (${insertSelect(submissionContacts, {
      submissionId: sql`s.id`,
      familyName: sql`${contact.familyName ?? null}::text`,
      givenName: sql`${contact.givenName ?? null}::text`,
      familyNameKana: sql`${contact.familyNameKana ?? null}::text`,
      givenNameKana: sql`${contact.givenNameKana ?? null}::text`,
      email: sql`${contact.email ?? null}::text`,
      phone: sql`${contact.phone ?? null}::text`,
      address: sql`${contact.address ?? null}::text`,
    }, sql`from s`)})`);
  }
  if (contact?.email) {
    // As enqueueEmail (app/email/outbox.server.ts) queues it: template 'receipt', deduplicated on
    // sha256(template NUL receipt number NUL address); the receipt number is only known here.
    parts.push(sql`mail as (
      insert into email_outbox (idempotency_key, template, to_address, language, payload, submission_id)
      select encode(sha256(convert_to('receipt', 'UTF8') || decode('00', 'hex') || convert_to(s.receipt_number, 'UTF8')
          || decode('00', 'hex') || convert_to(${contact.email}::text, 'UTF8')), 'hex'),
        'receipt', ${contact.email}::text, ${voice.language}::text,
        jsonb_build_object('receiptNumber', s.receipt_number, 'title', ${voice.title}::text, 'trackingToken', ${options.trackingToken}::text),
        s.id
      from s
      on conflict (idempotency_key) do nothing)`);
  }
  return sql`with ${sql.join(parts, sql`, `)} select id, receipt_number from s`;
}

/**
 * Receives a voice: receipt number, hashed tracking token, routing to the category's 課,
 * reply target date, the first timeline entry, and the receipt mail — all or nothing.
 * Two round trips: one read (routing, reply target, closed days), one write. Inside a
 * caller's transaction the write joins it (and a failure aborts it, as any failed statement).
 */
export async function createSubmission(db: Database, voice: NewVoice, options: CreateVoiceOptions): Promise<CreatedVoice> {
  const now = options.now ?? new Date();
  const target = await loadReplyTarget(db, voice.categoryId);
  const contact = hasContact(voice.contact) ? voice.contact : null;
  const statement = writeVoiceStatement(voice, options, {
    now, fiscalYear: fiscalYearOf(now), departmentId: target.departmentId, dueDate: dueDateFor(target, now), contact,
  });

  const write = async (executor: Executor): Promise<CreatedVoice> => {
    const [created] = await queryRows<{ id: number; receipt_number: string }>(executor, statement);
    if (created) return { id: created.id, receiptNumber: created.receipt_number, replayed: false };
    if (!options.idempotencyKey) throw new Error('the voice was not written');
    // The key was claimed already: by a finished submit, or by one that was still running (its
    // claim made ours wait until it committed; this new statement sees its voice).
    const [existing] = await executor
      .select({ id: submissions.id, receiptNumber: submissions.receiptNumber })
      .from(idempotencyKeys)
      .innerJoin(submissions, eq(submissions.id, idempotencyKeys.submissionId))
      .where(eq(idempotencyKeys.key, options.idempotencyKey));
    if (existing) return { ...existing, replayed: true };
    throw new Error('idempotency key is in use by another submission that has not finished');
  };

  const { afterInsert } = options;
  if (!afterInsert) return write(db);
  return db.transaction(async (tx) => {
    const created = await write(tx);
    if (!created.replayed) await afterInsert(tx, { id: created.id, receiptNumber: created.receiptNumber });
    return created;
  });
}
