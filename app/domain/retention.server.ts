import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Executor, type Transaction } from '#db/client';
import { citySettings, retentionRuns } from '#db/schema/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import type { JobDefinition } from '~/jobs/registry.server';
import type { Logger } from '~/logger.server';
import type { PhotoStorage } from '~/storage/photo-storage.server';
import { japanDate } from '~/japan-time';
import {
  DEFAULT_RETENTION, eraseContactFromText, maskJsonStrings, retentionCutoffs, type ResidentContactForErasure, type RetentionSettings,
} from './retention';
import { bigrams } from './search-text';

// The erasure job (docs/decisions/retention-and-erasure.md). At the end of each period the
// personal data goes — contact details, names and contact data inside the texts, photos and
// their files, mail recipients and bodies, old audit entries — and what the figures need stays
// (kind, category, 課, dates, status, outcome, ratings, improvement links). It works in small
// batches, each its own short transaction that first takes a transaction-level advisory lock
// (so two workers never erase at once, and no lock outlives a batch); a batch picks what is
// still to do, so a stopped run simply continues at the next one.

/** pg_try_advisory_xact_lock key: "retention". */
const RETENTION_LOCK = 4_711_202_616;
// Each erased voice is a non-HOT update (its tracking hash and erasure mark are indexed), so every
// index — the search GIN index above all — takes new entries: batches stay small.
export const RETENTION_BATCH_SIZE = 25;

export interface RetentionOptions {
  storage: PhotoStorage;
  /** Voices (or photos, mails, audit entries) per transaction. */
  batchSize?: number;
  /** Stops between batches (the worker is shutting down). */
  shouldStop?: () => boolean;
  logger?: Logger;
  /** Called with each batch's duration (the bench measures the longest). */
  onBatch?: (step: RetentionStep, rows: number, durationMs: number) => void;
}

type RetentionStep = 'voices' | 'contacts' | 'photos' | 'mail' | 'audit';

export interface RetentionReport {
  /** False when another worker held the lock: nothing was done. */
  ran: boolean;
  /** Voices whose whole period ended (every personal field erased). */
  voices: number;
  /** Voices whose contact details were erased (on their own, or with the voice). */
  contacts: number;
  photos: number;
  mails: number;
  timelineEntries: number;
  auditEntries: number;
  batches: number;
  longestBatchMs: number;
}

export async function loadRetentionSettings(db: Executor): Promise<RetentionSettings> {
  const [row] = await db.select({
    voiceYears: citySettings.retentionVoiceYears,
    contactMonths: citySettings.retentionContactMonths,
    photoMonths: citySettings.retentionPhotoMonths,
    auditYears: citySettings.retentionAuditYears,
    mailDays: citySettings.retentionMailDays,
  }).from(citySettings).where(eq(citySettings.id, 1));
  return row ?? DEFAULT_RETENTION;
}

/** Saves the periods (admin screen) with an audit entry naming what changed. */
export async function saveRetentionSettings(db: Database, settings: RetentionSettings, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await loadRetentionSettings(tx);
    const changes = Object.fromEntries((Object.keys(settings) as (keyof RetentionSettings)[])
      .filter((key) => before[key] !== settings[key]).map((key) => [key, [before[key], settings[key]]]));
    if (Object.keys(changes).length === 0) return;
    const columns = {
      retentionVoiceYears: settings.voiceYears, retentionContactMonths: settings.contactMonths, retentionPhotoMonths: settings.photoMonths,
      retentionAuditYears: settings.auditYears, retentionMailDays: settings.mailDays, updatedAt: new Date(),
    };
    const updated = await tx.update(citySettings).set(columns).where(eq(citySettings.id, 1)).returning({ id: citySettings.id });
    if (updated.length === 0) throw new Error('the city settings row is missing');
    await recordAudit(tx, { ...actor, action: 'retention.settings_update', entityType: 'city', entityId: 1, details: { changes } });
  });
}

/** The last finished daily run (admin screen), or null. */
export async function lastRetentionRun(db: Executor): Promise<{ lastDay: string; counts: Record<string, number> } | null> {
  const [row] = await db.select({ lastDay: retentionRuns.lastDay, counts: retentionRuns.counts }).from(retentionRuns).where(eq(retentionRuns.id, 1));
  return row ?? null;
}

/** An instant as a parameter both drivers accept (postgres.js takes no Date inside sql``). */
function ts(instant: Date) {
  return sql`${instant.toISOString()}::timestamptz`;
}

function idList(ids: readonly number[]) {
  return sql`string_to_array(${ids.join(',')}, ',')::int[]`;
}

/** The job's audit entries have no user: the system acts. */
const SYSTEM = { userId: null, ip: null, userAgent: null, requestId: null };

interface VoiceRow extends Record<string, unknown> {
  id: number;
  fiscal_year: number;
  title: string;
  body: string;
  referred_to: string | null;
  not_actionable_reason: string | null;
  hidden_reason: string | null;
  published_title: string | null;
  published_body: string | null;
  published_reply: string | null;
  family_name: string | null;
  given_name: string | null;
  family_name_kana: string | null;
  given_name_kana: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
}

export interface ErasureCounts {
  voices: number;
  contacts: number;
  photos: number;
  mails: number;
  timelineEntries: number;
  replies: number;
}

/**
 * Erases, inside `tx`, the personal data of the given voices (already locked by the caller).
 * 'contact' removes the contact details and masks the name, e-mail addresses, phone numbers
 * and postcodes wherever the voice's texts, replies, ratings and timeline hold them, and the
 * recipient and body of its mail. 'voice' does that and also removes the place, the photos'
 * rows (their files are the caller's: returned in photoKeys), the tracking link, and marks the
 * voice erased. Returns the counts and the photo keys whose files are to be deleted.
 */
export async function eraseVoices(tx: Transaction, ids: readonly number[], scope: 'contact' | 'voice', now: Date): Promise<ErasureCounts & { photoKeys: string[]; fiscalYears: number[] }> {
  const empty = { voices: 0, contacts: 0, photos: 0, mails: 0, timelineEntries: 0, replies: 0, photoKeys: [], fiscalYears: [] };
  if (ids.length === 0) return empty;
  const rows = await queryRows<VoiceRow>(tx, sql`
    select s.id, s.fiscal_year, s.title, s.body, s.referred_to, s.not_actionable_reason, s.hidden_reason,
      s.published_title, s.published_body, s.published_reply,
      c.family_name, c.given_name, c.family_name_kana, c.given_name_kana, c.email, c.phone, c.address
    from submissions s left join submission_contacts c on c.submission_id = s.id
    where s.id = any(${idList(ids)})`);
  const names = new Map<number, ResidentContactForErasure>(rows.map((r) => [r.id, {
    familyName: r.family_name, givenName: r.given_name, familyNameKana: r.family_name_kana, givenNameKana: r.given_name_kana,
    email: r.email, phone: r.phone, address: r.address,
  }]));
  const mask = (id: number, text: string | null) => (text === null ? null : eraseContactFromText(text, names.get(id)));

  const voiceChanges = rows.map((r) => {
    const title = mask(r.id, r.title)!;
    const body = mask(r.id, r.body)!;
    return {
      id: r.id, title, body, bigrams: bigrams(`${title} ${body}`),
      referred_to: mask(r.id, r.referred_to), not_actionable_reason: mask(r.id, r.not_actionable_reason), hidden_reason: mask(r.id, r.hidden_reason),
      published_title: mask(r.id, r.published_title), published_body: mask(r.id, r.published_body), published_reply: mask(r.id, r.published_reply),
    };
  });
  const wholeVoice = scope === 'voice';
  await tx.execute(sql`
    update submissions s set title = v.title, body = v.body, search_bigrams = v.bigrams,
      referred_to = v.referred_to, not_actionable_reason = v.not_actionable_reason, hidden_reason = v.hidden_reason,
      published_title = v.published_title, published_body = v.published_body, published_reply = v.published_reply,
      ${wholeVoice ? sql`place_text = null, postcode = null, latitude = null, longitude = null,
        tracking_token_hash = 'erased:' || s.id, personal_data_erased_at = ${ts(now)},` : sql``}
      updated_at = ${ts(now)}
    from jsonb_to_recordset(${JSON.stringify(voiceChanges)}::jsonb) as v(
      id int, title text, body text, bigrams text[], referred_to text, not_actionable_reason text, hidden_reason text,
      published_title text, published_body text, published_reply text)
    where s.id = v.id`);

  const replyRows = await queryRows<{ id: number; submission_id: number; body: string; interim_reason: string | null; approval_comment: string | null }>(tx, sql`
    select id, submission_id, body, interim_reason, approval_comment from replies where submission_id = any(${idList(ids)})`);
  if (replyRows.length > 0) {
    const changes = replyRows.map((r) => ({
      id: r.id, body: mask(r.submission_id, r.body), interim_reason: mask(r.submission_id, r.interim_reason), approval_comment: mask(r.submission_id, r.approval_comment),
    }));
    await tx.execute(sql`
      update replies r set body = v.body, interim_reason = v.interim_reason, approval_comment = v.approval_comment
      from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as v(id int, body text, interim_reason text, approval_comment text)
      where r.id = v.id`);
  }

  const ratingRows = await queryRows<{ id: number; submission_id: number; comment: string }>(tx, sql`
    select id, submission_id, comment from reply_ratings where submission_id = any(${idList(ids)}) and comment is not null`);
  if (ratingRows.length > 0) {
    const changes = ratingRows.map((r) => ({ id: r.id, comment: mask(r.submission_id, r.comment) }));
    await tx.execute(sql`
      update reply_ratings r set comment = v.comment
      from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as v(id int, comment text) where r.id = v.id`);
  }

  // The timeline is append-only: its data is replaced through the one audited function that
  // the trigger lets through (db/migrations/0006_retention.sql).
  const eventRows = await queryRows<{ id: number; submission_id: number; data: Record<string, unknown> }>(tx, sql`
    select id, submission_id, data from submission_events where submission_id = any(${idList(ids)})`);
  const eventChanges = eventRows
    .map((e) => ({ id: e.id, data: maskJsonStrings(e.data, (text) => eraseContactFromText(text, names.get(e.submission_id))), before: e.data }))
    .filter((e) => JSON.stringify(e.data) !== JSON.stringify(e.before))
    .map(({ id, data }) => ({ id, data }));
  let timelineEntries = 0;
  if (eventChanges.length > 0) {
    const [changed] = await queryRows<{ changed: number }>(tx, sql`select retention_erase_event_data(${JSON.stringify(eventChanges)}::jsonb) as changed`);
    timelineEntries = Number(changed!.changed);
  }

  const contacts = await tx.execute(sql`delete from submission_contacts where submission_id = any(${idList(ids)}) returning submission_id`);
  const mails = await tx.execute(sql`
    update email_outbox set to_address = '', payload = '{}'::jsonb, erased_at = ${ts(now)},
      status = case when status = 'pending' then 'dead'::outbox_status else status end,
      last_error = case when status = 'pending' then 'erased before sending (retention)' else last_error end
    where submission_id = any(${idList(ids)}) and erased_at is null and status <> 'sending' returning id`);

  let photoKeys: string[] = [];
  if (wholeVoice) {
    const photos = await queryRows<{ storage_key: string }>(tx, sql`delete from submission_photos where submission_id = any(${idList(ids)}) returning storage_key`);
    photoKeys = photos.map((p) => p.storage_key);
  }
  return {
    voices: wholeVoice ? rows.length : 0,
    contacts: rowCount(contacts),
    photos: photoKeys.length,
    mails: rowCount(mails),
    timelineEntries,
    replies: replyRows.length,
    photoKeys,
    fiscalYears: [...new Set(rows.map((r) => r.fiscal_year))].sort(),
  };
}

function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const r = result as { rows?: unknown[]; affectedRows?: number; count?: number };
  return r.rows?.length ?? r.affectedRows ?? r.count ?? 0;
}

async function deleteObjects(storage: PhotoStorage, keys: readonly string[]) {
  for (const key of keys) await storage.delete(key);
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/**
 * One pass of the erasure job at `now`: every step batch after batch until nothing is left
 * (or `shouldStop`). Returns ran: false at once when another worker holds the lock.
 */
export async function runRetention(db: Database, now: Date, options: RetentionOptions): Promise<RetentionReport> {
  const batchSize = options.batchSize ?? RETENTION_BATCH_SIZE;
  const settings = await loadRetentionSettings(db);
  const cutoffs = retentionCutoffs(settings, now);
  const report: RetentionReport = { ran: true, voices: 0, contacts: 0, photos: 0, mails: 0, timelineEntries: 0, auditEntries: 0, batches: 0, longestBatchMs: 0 };
  const stop = () => options.shouldStop?.() ?? false;

  /** Runs one batch in its own transaction under the advisory lock; null when the lock is taken. */
  async function batch<T>(step: RetentionStep, work: (tx: Transaction) => Promise<{ rows: number; value: T }>): Promise<{ rows: number; value: T } | null> {
    const [result, ms] = await timed(() => db.transaction(async (tx) => {
      const [lock] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${RETENTION_LOCK}) as locked`);
      if (!lock!.locked) return null;
      return work(tx);
    }));
    if (result) {
      report.batches += 1;
      report.longestBatchMs = Math.max(report.longestBatchMs, ms);
      options.onBatch?.(step, result.rows, ms);
    }
    return result;
  }

  // 1. Voices past their whole period. Their photo files go first (deleting a missing file is
  // no error), so a stop between the two leaves rows to finish, never files without a row.
  const voiceBatch = async (step: 'voices' | 'contacts', candidates: SQL, scope: 'voice' | 'contact') => {
    for (;;) {
      if (stop()) return true;
      const pending = await queryRows<{ id: number }>(db, candidates);
      if (pending.length === 0) return true;
      const ids = pending.map((p) => p.id);
      if (scope === 'voice') {
        const keys = await queryRows<{ storage_key: string }>(db, sql`select storage_key from submission_photos where submission_id = any(${idList(ids)})`);
        await deleteObjects(options.storage, keys.map((k) => k.storage_key));
      }
      const done = await batch(step, async (tx) => {
        // Lock the voices; one a staff member is editing right now waits for the next run.
        const locked = await queryRows<{ id: number }>(tx, sql`select id from submissions where id = any(${idList(ids)}) for update skip locked`);
        const counts = await eraseVoices(tx, locked.map((l) => l.id), scope, now);
        await recordAudit(tx, {
          ...SYSTEM, action: scope === 'voice' ? 'retention.erase_voices' : 'retention.erase_contacts', entityType: 'retention', entityId: null,
          details: {
            voices: counts.voices, contacts: counts.contacts, photos: counts.photos, mails: counts.mails, timelineEntries: counts.timelineEntries,
            replies: counts.replies, fiscalYears: counts.fiscalYears, firstId: ids[0], lastId: ids[ids.length - 1],
          },
        });
        return { rows: locked.length, value: counts };
      });
      if (!done) return false;
      await deleteObjects(options.storage, done.value.photoKeys);
      report.voices += done.value.voices;
      report.contacts += done.value.contacts;
      report.photos += done.value.photos;
      report.mails += done.value.mails;
      report.timelineEntries += done.value.timelineEntries;
      if (done.rows === 0) return true; // every candidate is being edited: next run
    }
  };

  const finish = (ran: boolean): RetentionReport => {
    report.ran = ran;
    return report;
  };

  if (!await voiceBatch('voices', sql`
    select id from submissions where personal_data_erased_at is null and received_at < ${ts(cutoffs.voicesReceivedBefore)}
    order by received_at limit ${batchSize}`, 'voice')) return finish(false);

  // 2. Contact details of voices closed long enough ago (names inside the texts go with them).
  if (!await voiceBatch('contacts', sql`
    select c.submission_id as id from submission_contacts c join submissions s on s.id = c.submission_id
    where s.closed_at < ${ts(cutoffs.contactsClosedBefore)} order by s.closed_at limit ${batchSize}`, 'contact')) return finish(false);

  // 3. Photos of voices closed long enough ago.
  for (;;) {
    if (stop()) return finish(true);
    const pending = await queryRows<{ id: number; storage_key: string }>(db, sql`
      select p.id, p.storage_key from submission_photos p join submissions s on s.id = p.submission_id
      where s.closed_at < ${ts(cutoffs.photosClosedBefore)} order by p.id limit ${batchSize}`);
    if (pending.length === 0) break;
    await deleteObjects(options.storage, pending.map((p) => p.storage_key));
    const done = await batch('photos', async (tx) => {
      const deleted = await queryRows<{ id: number }>(tx, sql`delete from submission_photos where id = any(${idList(pending.map((p) => p.id))}) returning id`);
      await recordAudit(tx, { ...SYSTEM, action: 'retention.erase_photos', entityType: 'retention', entityId: null, details: { photos: deleted.length } });
      return { rows: deleted.length, value: null };
    });
    if (!done) return finish(false);
    report.photos += done.rows;
  }

  // 4. Mail settled long enough ago: recipient and body (template, status and dates stay).
  for (;;) {
    if (stop()) return finish(true);
    const done = await batch('mail', async (tx) => {
      const erased = await queryRows<{ id: number }>(tx, sql`
        update email_outbox set to_address = '', payload = '{}'::jsonb, erased_at = ${ts(now)}
        where id in (select id from email_outbox where erased_at is null and status in ('sent', 'dead')
          and coalesce(sent_at, created_at) < ${ts(cutoffs.mailBefore)} order by id limit ${batchSize} for update skip locked)
        returning id`);
      if (erased.length > 0) await recordAudit(tx, { ...SYSTEM, action: 'retention.erase_mail', entityType: 'retention', entityId: null, details: { mails: erased.length } });
      return { rows: erased.length, value: null };
    });
    if (!done) return finish(false);
    report.mails += done.rows;
    if (done.rows < batchSize) break;
  }

  // 5. Audit entries past their period, through the one function the trigger lets through.
  for (;;) {
    if (stop()) return finish(true);
    const done = await batch('audit', async (tx) => {
      const [removed] = await queryRows<{ removed: number }>(tx, sql`select retention_purge_audit_log(${ts(cutoffs.auditBefore)}, ${batchSize}::int) as removed`);
      const rows = Number(removed!.removed);
      if (rows > 0) {
        await recordAudit(tx, { ...SYSTEM, action: 'retention.purge_audit', entityType: 'retention', entityId: null, details: { auditEntries: rows, before: cutoffs.auditBefore.toISOString() } });
      }
      return { rows, value: null };
    });
    if (!done) return finish(false);
    report.auditEntries += done.rows;
    if (done.rows < batchSize) break;
  }
  options.logger?.info({ ...report }, 'retention run finished');
  return finish(true);
}

/**
 * The daily run: does nothing when today's (Japan date) run has finished already; otherwise
 * runs and, when it went through to the end, records the day.
 */
export async function runRetentionIfDue(db: Database, now: Date, options: RetentionOptions): Promise<RetentionReport | null> {
  const today = japanDate(now);
  const [last] = await db.select().from(retentionRuns).where(eq(retentionRuns.id, 1));
  if (last && last.lastDay >= today) return null;
  const report = await runRetention(db, now, options);
  if (report.ran && !(options.shouldStop?.() ?? false)) {
    const counts = { voices: report.voices, contacts: report.contacts, photos: report.photos, mails: report.mails, auditEntries: report.auditEntries };
    await db.insert(retentionRuns).values({ id: 1, lastDay: today, finishedAt: now, counts })
      .onConflictDoUpdate({ target: retentionRuns.id, set: { lastDay: today, finishedAt: now, counts } });
  }
  return report;
}

/** The daily erasure as a background job: looked at hourly, runs once a Japan day (runRetentionIfDue). */
export function retentionJob(storage: PhotoStorage, intervalMs = 3_600_000): JobDefinition {
  return {
    name: 'retention',
    intervalMs,
    // runRetention also takes its own advisory lock, per batch of work.
    singleton: true,
    async run({ db, logger, now, shouldStop }) {
      await runRetentionIfDue(db, now(), { storage, logger, shouldStop });
    },
  };
}
