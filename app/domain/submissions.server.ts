import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '#db/client';
import {
  idempotencyKeys, submissionEvents, submissions, type SubmissionChannel, type SubmissionKind,
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
function writeVoiceStatement(voice: NewVoice, options: CreateVoiceOptions, fields: {
  now: Date; fiscalYear: number; departmentId: number | null; dueDate: string; contact: VoiceContact | null;
}): SQL {
  const { now, fiscalYear, departmentId, dueDate, contact } = fields;
  const at = sql.param(now, submissions.receivedAt);
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
    sql`s as (
      insert into submissions (id, fiscal_year, receipt_number, tracking_token_hash, kind, channel, category_id, department_id,
        counter_id, title, body, language, place_text, postcode, latitude, longitude, anonymous, reply_wanted, consent_to_publish,
        received_at, due_date, entered_by_id, staff_author_id, staff_author_hidden, search_bigrams, created_at, updated_at)
      overriding system value
      select claim.id, ${fiscalYear}::smallint,
        ${String(fiscalYear)}::text || '-' || lpad(seq.last_number::text, greatest(6, length(seq.last_number::text)), '0'),
        ${hashSecretToken(options.trackingToken)}, ${voice.kind}::submission_kind, ${voice.channel}::submission_channel,
        ${voice.categoryId}::int, ${departmentId}::int, ${voice.counterId ?? null}::int, ${voice.title}, ${voice.body}, ${voice.language},
        ${voice.placeText ?? null}::text, ${voice.postcode ?? null}::text, ${voice.latitude ?? null}::double precision,
        ${voice.longitude ?? null}::double precision, ${contact === null}::boolean, ${voice.replyWanted}::boolean,
        ${voice.consentToPublish}::boolean, ${at}::timestamptz, ${dueDate}::date, ${voice.enteredById ?? null}::int,
        ${voice.staffAuthorId ?? null}::int, ${voice.staffAuthorHidden ?? false}::boolean,
        ${sql.param(bigrams(`${voice.title} ${voice.body}`), submissions.searchBigrams)}::text[], ${at}::timestamptz, ${at}::timestamptz
      from claim, seq
      returning id, receipt_number)`,
    sql`event as (
      insert into submission_events (submission_id, at, actor_user_id, type, visibility, data)
      select s.id, ${at}::timestamptz, ${voice.enteredById ?? null}::int, 'received', 'public'::timeline_visibility,
        ${sql.param({ channel: voice.channel, ...voice.receivedEventData }, submissionEvents.data)}::jsonb
      from s)`,
  ];
  if (contact) {
    parts.push(sql`contact as (
      insert into submission_contacts (submission_id, family_name, given_name, family_name_kana, given_name_kana, email, phone, address)
      select s.id, ${contact.familyName ?? null}::text, ${contact.givenName ?? null}::text, ${contact.familyNameKana ?? null}::text,
        ${contact.givenNameKana ?? null}::text, ${contact.email ?? null}::text, ${contact.phone ?? null}::text, ${contact.address ?? null}::text
      from s)`);
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
