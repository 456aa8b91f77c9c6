import { and, asc, desc, eq, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from '#db/client';
import { categories, departments, replies, submissionPhotos, submissions } from '#db/schema/index';
import type { SubmissionStatus } from '#db/schema/enums';
import { photoColumns, withStoredPhotos, type StoredPhoto } from '~/domain/photo-intake.server';
import type { CleanPhoto } from '~/domain/photos.server';
import { createSubmission } from '~/domain/submissions.server';
import type { PhotoStorage } from '~/storage/photo-storage.server';
import { publicPhotoPath, publicPhotosOfVoices } from '~/domain/voice-photos.server';
import { newSecretToken, hashSecretToken } from '~/domain/secret-token.server';
import type { Translate } from '~/i18n/i18n';
import { localText } from '~/i18n/city-text';
import { publicPlace } from '~/domain/place/public-place';
import type { ApiClient } from './api-keys.server';
import { isoJapan, isoJapanEndOfDay } from './format';
import { deriveTrackingToken, replayedTrackingToken } from '~/domain/tracking-token.server';
import type { SecretKeys } from '~/secret-keys.server';
import { DEFAULT_LANGUAGE } from '~/i18n/i18n';
import { languageNames } from '~/i18n/resources.server';
import type { ListRequestParams, PostRequestParams } from './params';

// GeoReport v2 over Meyasu's voices. Residents did not agree to publish everything they wrote,
// so anonymous readers see only what staff published (masked); the client application that
// sent a request also sees its own requests in full, with the latest reply as status_notes.

const CLOSED: SubmissionStatus[] = ['closed', 'merged', 'referred', 'not_actionable'];

function open311Status(status: SubmissionStatus): 'open' | 'closed' {
  return CLOSED.includes(status) ? 'closed' : 'open';
}

export async function listServices(db: Database, t: Translate, language: string) {
  const rows = await db.select().from(categories).where(eq(categories.active, true)).orderBy(asc(categories.sortOrder));
  return rows.map((c) => ({
    service_code: c.code,
    service_name: localText(language, c.nameJa, c.nameTranslations),
    description: t('serviceDescription', { days: c.replyTargetDays }),
    metadata: true,
    type: 'batch' as const,
    keywords: '',
    group: t('group'),
  }));
}

const KINDS = ['complaint', 'request', 'idea', 'question', 'praise'] as const;

export async function serviceDefinition(db: Database, code: string, t: Translate) {
  const [category] = await db.select({ code: categories.code }).from(categories).where(and(eq(categories.code, code), eq(categories.active, true)));
  if (!category) return null;
  const yesNo = [{ key: 'yes', name: t('yes') }, { key: 'no', name: t('no') }];
  return {
    service_code: category.code,
    attributes: [
      { variable: true, code: 'kind', datatype: 'singlevaluelist', required: false, datatype_description: t('kind.help'), order: 1, description: t('kind.label'),
        values: KINDS.map((k) => ({ key: k, name: t(`domain:kind.${k}`) })) },
      { variable: true, code: 'title', datatype: 'string', required: false, datatype_description: t('title.help'), order: 2, description: t('title.label') },
      { variable: true, code: 'reply_wanted', datatype: 'singlevaluelist', required: false, datatype_description: t('replyWanted.help'), order: 3, description: t('replyWanted.label'), values: yesNo },
      { variable: true, code: 'consent_to_publish', datatype: 'singlevaluelist', required: false, datatype_description: t('consent.help'), order: 4, description: t('consent.label'), values: yesNo },
      { variable: true, code: 'language', datatype: 'singlevaluelist', required: false, datatype_description: t('language.help'), order: 5, description: t('language.label'),
        values: languageNames().map(({ code, name }) => ({ key: code, name })) },
    ],
  };
}

export type CreateRequestResult =
  | { ok: true; serviceRequestId: string; token: string; notice: string }
  | { ok: false; status: 400 | 404; description: string };

/** POST requests: the same domain function as the web form, channel "api". */
export async function createRequest(
  db: Database, params: PostRequestParams, client: ApiClient, t: Translate,
  retry?: { idempotencyKey: string; keys: SecretKeys },
  media?: { storage: PhotoStorage; photos: CleanPhoto[] },
): Promise<CreateRequestResult> {
  if (!params.service_code) return { ok: false, status: 400, description: 'service_code was not provided' };
  const [category] = await db.select({ id: categories.id }).from(categories).where(and(eq(categories.code, params.service_code), eq(categories.active, true)));
  if (!category) return { ok: false, status: 404, description: `service_code ${params.service_code} not found` };
  const hasPoint = params.lat !== undefined && params.long !== undefined;
  if (!hasPoint && !params.address_string && !params.address_id) {
    return { ok: false, status: 400, description: 'a location is required: lat and long, address_string or address_id' };
  }
  if (!params.description) return { ok: false, status: 400, description: 'description was not provided' };
  const contact = { familyName: params.last_name ?? null, givenName: params.first_name ?? null, email: params.email ?? null, phone: params.phone ?? null };
  const replyWanted = params['attribute[reply_wanted]'] === 'yes';
  if (replyWanted && !contact.email && !contact.phone) {
    return { ok: false, status: 400, description: 'attribute[reply_wanted]=yes needs an email or a phone' };
  }
  const title = params['attribute[title]'] ?? Array.from(params.description.replace(/\s+/g, ' ')).slice(0, 40).join('');
  // A retried POST must answer with the same token, so with an Idempotency-Key the token is
  // derived from it (and the server secret) instead of drawn at random.
  const idempotencyKey = retry ? `open311:${client.id}:${retry.idempotencyKey}` : undefined;
  const trackingToken = retry ? deriveTrackingToken(retry.keys, idempotencyKey!) : newSecretToken();
  const now = new Date();
  const body = params.description;
  const create = (stored: StoredPhoto[]) => createSubmission(db, {
    kind: params['attribute[kind]'] ?? 'request',
    channel: 'api',
    categoryId: category.id,
    title,
    body,
    language: params['attribute[language]'] ?? DEFAULT_LANGUAGE,
    placeText: params.address_string ?? params.address_id ?? null,
    latitude: params.lat ?? null,
    longitude: params.long ?? null,
    contact,
    replyWanted,
    consentToPublish: params['attribute[consent_to_publish]'] === 'yes',
    // media_url is kept as the client gave it and never fetched (docs/decisions/improvement-photos-and-open311-media.md).
    receivedEventData: { apiClientId: client.id, deviceId: params.device_id ?? null, accountId: params.account_id ?? null, mediaUrl: params.media_url ?? null },
  }, {
    trackingToken, idempotencyKey, now,
    afterInsert: stored.length > 0
      ? async (tx, voice) => { await tx.insert(submissionPhotos).values(stored.map((s) => ({ submissionId: voice.id, ...photoColumns(s, now) }))); }
      : undefined,
  });
  // A `media` photo is stored like a resident's, private until staff choose to publish it.
  const created = media && media.photos.length > 0
    ? await withStoredPhotos(media.storage, 'submissions', media.photos, now, async (stored) => {
        const voice = await create(stored);
        return { ...voice, kept: !voice.replayed };
      })
    : await create([]);
  let token = trackingToken;
  if (created.replayed && retry) {
    // The retried request gets the token the first one was given, even if made with the old key.
    const [first] = await db.select({ hash: submissions.trackingTokenHash }).from(submissions).where(eq(submissions.receiptNumber, created.receiptNumber));
    token = replayedTrackingToken(retry.keys, idempotencyKey!, first?.hash);
  }
  return { ok: true, serviceRequestId: created.receiptNumber, token, notice: t('notice', { receiptNumber: created.receiptNumber }) };
}

const ownedBy = (clientId: number) => sql`exists (select 1 from submission_events e where e.submission_id = ${submissions.id}
  and e.type = 'received' and (e.data->>'apiClientId')::int = ${clientId})`;

/** GET requests and GET requests/{id}: filters, the spec's defaults (90 days, 1000 at most) and paging. */
export async function listRequests(db: Database, params: ListRequestParams, client: ApiClient | null, language: string, appUrl = '') {
  const where: (SQL | undefined)[] = [ne(submissions.status, 'hidden')];
  if (params.service_request_id) {
    // The spec: a list of ids overrides every other parameter.
    where.push(inArray(submissions.receiptNumber, params.service_request_id.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 1000)));
  } else {
    if (params.service_code) where.push(inArray(categories.code, params.service_code.split(',').map((s) => s.trim())));
    const end = params.end_date ?? new Date();
    const start = params.start_date ?? new Date(end.getTime() - 90 * 24 * 3_600_000);
    where.push(gte(submissions.receivedAt, start), lte(submissions.receivedAt, end));
    if (params.status) {
      const wanted = new Set(params.status.split(','));
      if (wanted.size === 1) {
        where.push(wanted.has('closed') ? inArray(submissions.status, CLOSED) : sql`${submissions.status} not in ('closed', 'merged', 'referred', 'not_actionable')`);
      }
    }
  }
  const ownerFlag = client ? sql<boolean>`${ownedBy(client.id)}` : sql<boolean>`false`;
  const rows = await db
    .select({
      id: submissions.id, receiptNumber: submissions.receiptNumber, status: submissions.status, categoryCode: categories.code,
      categoryJa: categories.nameJa, categoryTranslations: categories.nameTranslations,
      departmentJa: departments.nameJa, departmentTranslations: departments.nameTranslations,
      body: submissions.body, publishedBody: submissions.publishedBody, publishedReply: submissions.publishedReply, publishedAt: submissions.publishedAt,
      receivedAt: submissions.receivedAt, updatedAt: submissions.updatedAt, dueDate: submissions.dueDate, placeText: submissions.placeText,
      postcode: submissions.postcode, latitude: submissions.latitude, longitude: submissions.longitude, referredTo: submissions.referredTo,
      notActionableReason: submissions.notActionableReason, mergedIntoId: submissions.mergedIntoId, owned: ownerFlag,
    })
    .from(submissions)
    .leftJoin(categories, eq(categories.id, submissions.categoryId))
    .leftJoin(departments, eq(departments.id, submissions.departmentId))
    .where(and(...where))
    .orderBy(desc(submissions.receivedAt), desc(submissions.id))
    .limit(params.page_size)
    .offset((params.page - 1) * params.page_size);

  const ownedIds = rows.filter((r) => r.owned).map((r) => r.id);
  const latestReply = new Map<number, string>();
  if (ownedIds.length > 0) {
    const sent = await db.select({ submissionId: replies.submissionId, body: replies.body }).from(replies)
      .where(and(inArray(replies.submissionId, ownedIds), eq(replies.status, 'sent'))).orderBy(asc(replies.sentAt));
    for (const r of sent) latestReply.set(r.submissionId, r.body);
  }
  const mergedNumbers = new Map<number, string>();
  const mergedIds = rows.map((r) => r.mergedIntoId).filter((id): id is number => id !== null);
  if (mergedIds.length > 0) {
    for (const m of await db.select({ id: submissions.id, n: submissions.receiptNumber }).from(submissions).where(inArray(submissions.id, mergedIds))) {
      mergedNumbers.set(m.id, m.n);
    }
  }
  // media_url: the first photo staff chose to publish, of a published voice — for every
  // caller, the sending app included (photos are public only by an explicit choice).
  const publicPhotos = await publicPhotosOfVoices(db, rows.filter((r) => r.publishedAt !== null).map((r) => r.id));
  const base = appUrl.replace(/\/+$/, '');
  return rows.map((r) => {
    const visible = r.owned || r.publishedAt !== null;
    // Others see a published voice's place only as its ~200 m cell; its free text is not
    // reviewed at publication (it may be a home address), so it stays with the sender.
    const place = r.owned ? (r.latitude !== null && r.longitude !== null ? { lat: r.latitude, lng: r.longitude } : null)
      : r.publishedAt !== null ? publicPlace(r.latitude, r.longitude) : null;
    const photo = publicPhotos.get(r.id)?.[0];
    const statusNotes = r.owned
      ? latestReply.get(r.id) ?? r.notActionableReason ?? r.referredTo ?? (r.mergedIntoId ? mergedNumbers.get(r.mergedIntoId) : null) ?? null
      : r.publishedReply ?? r.referredTo ?? (r.mergedIntoId ? mergedNumbers.get(r.mergedIntoId) ?? null : null);
    return {
      service_request_id: r.receiptNumber,
      status: open311Status(r.status),
      status_notes: statusNotes,
      service_name: localText(language, r.categoryJa, r.categoryTranslations),
      service_code: r.categoryCode ?? null,
      description: r.owned ? r.body : r.publishedBody ?? null,
      agency_responsible: localText(language, r.departmentJa, r.departmentTranslations),
      service_notice: null,
      requested_datetime: isoJapan(r.receivedAt),
      updated_datetime: isoJapan(r.updatedAt),
      expected_datetime: isoJapanEndOfDay(r.dueDate),
      address: r.owned ? r.placeText : null,
      address_id: null,
      zipcode: visible ? r.postcode : null,
      lat: place?.lat ?? null,
      long: place?.lng ?? null,
      media_url: photo ? `${base}${publicPhotoPath(r.receiptNumber, photo.id)}` : null,
    };
  });
}

/** GET tokens/{token}: the request a token (from POST requests) stands for. */
export async function resolveToken(db: Database, token: string) {
  const [row] = await db.select({ id: submissions.receiptNumber }).from(submissions).where(eq(submissions.trackingTokenHash, hashSecretToken(token)));
  return row ? [{ service_request_id: row.id, token }] : null;
}
