import sharp from 'sharp';
import { and, asc, eq, inArray, isNotNull, ne, type SQL } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { submissionPhotos, submissions } from '#db/schema/index';
import { visibleSubmissionsWhere } from '~/auth/scope.server';
import type { StaffUser } from '~/auth/session.server';
import type { PhotoStorage } from '~/storage/photo-storage.server';
import { auditWrite, requirePermission } from './triage-support.server';
import type { Actor } from './errors';

// Residents' photos as staff see them: listed with the voice, served only to those who may
// read the voice (another 課's photo is "not found", like the voice). Thumbnails are made
// once from the cleaned photo, kept in the same store beside it, and reused afterwards.

type Viewer = Pick<StaffUser, 'role' | 'departmentId'>;

const THUMBNAIL_EDGE = 320;
const THUMBNAIL_TYPE = 'image/webp';

export interface VoicePhoto {
  id: number;
  mimeType: string;
  width: number;
  height: number;
  published: boolean;
}

const photoColumns = {
  id: submissionPhotos.id,
  mimeType: submissionPhotos.mimeType,
  width: submissionPhotos.width,
  height: submissionPhotos.height,
  published: submissionPhotos.published,
};

/** The photos of one voice, in the order the resident chose them. */
export async function photosOfVoice(db: Executor, submissionId: number): Promise<VoicePhoto[]> {
  return db.select(photoColumns).from(submissionPhotos)
    .where(eq(submissionPhotos.submissionId, submissionId))
    .orderBy(asc(submissionPhotos.id));
}

/** The photos of several voices (for lists), keyed by voice id; voices without photos are absent. */
export async function photosOfVoices(db: Executor, submissionIds: number[]): Promise<Map<number, VoicePhoto[]>> {
  const out = new Map<number, VoicePhoto[]>();
  if (submissionIds.length === 0) return out;
  const rows = await db.select({ ...photoColumns, submissionId: submissionPhotos.submissionId }).from(submissionPhotos)
    .where(inArray(submissionPhotos.submissionId, submissionIds))
    .orderBy(asc(submissionPhotos.id));
  for (const { submissionId, ...photo } of rows) {
    const list = out.get(submissionId) ?? [];
    list.push(photo);
    out.set(submissionId, list);
  }
  return out;
}

/** Where the thumbnail of a stored photo is kept: `a/b/uuid.jpg` → `a/b/uuid_thumb.webp`. */
export function thumbnailKey(storageKey: string): string {
  return `${storageKey.replace(/\.[a-z0-9]+$/, '')}_thumb.webp`;
}

/** A small WebP of an already cleaned photo (no metadata: sharp writes none unless asked). */
async function makeThumbnail(bytes: Uint8Array): Promise<Uint8Array> {
  const data = await sharp(bytes)
    .resize({ width: THUMBNAIL_EDGE, height: THUMBNAIL_EDGE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer();
  return new Uint8Array(data);
}

export type PhotoSize = 'full' | 'thumb';

/**
 * The bytes of one photo of the voice `receiptNumber`, if this member of staff may read that
 * voice and the photo belongs to it; null otherwise (the caller answers 404 either way).
 */
export async function readVisiblePhoto(
  db: Executor, storage: PhotoStorage, user: Viewer,
  input: { receiptNumber: string; photoId: number; size: PhotoSize },
): Promise<{ bytes: Uint8Array; mimeType: string } | null> {
  return readPhotoOfVoice(db, storage, input, visibleSubmissionsWhere(user));
}

/** One photo of the voice `receiptNumber`, read only where `scope` (who may see it) holds. */
async function readPhotoOfVoice(
  db: Executor, storage: PhotoStorage, input: { receiptNumber: string; photoId: number; size: PhotoSize }, scope: SQL | undefined,
): Promise<{ bytes: Uint8Array; mimeType: string } | null> {
  const [row] = await db
    .select({ storageKey: submissionPhotos.storageKey, mimeType: submissionPhotos.mimeType })
    .from(submissionPhotos)
    .innerJoin(submissions, eq(submissions.id, submissionPhotos.submissionId))
    .where(and(eq(submissionPhotos.id, input.photoId), eq(submissions.receiptNumber, input.receiptNumber), scope));
  return row ? readStoredPhoto(storage, row, input.size) : null;
}

/** The stored photo or its thumbnail (made and kept on first use). */
export async function readStoredPhoto(
  storage: PhotoStorage, row: { storageKey: string; mimeType: string }, size: PhotoSize,
): Promise<{ bytes: Uint8Array; mimeType: string } | null> {
  if (size === 'full') {
    const bytes = await storage.get(row.storageKey);
    return bytes ? { bytes, mimeType: row.mimeType } : null;
  }
  const key = thumbnailKey(row.storageKey);
  const kept = await storage.get(key);
  if (kept) return { bytes: kept, mimeType: THUMBNAIL_TYPE };
  const original = await storage.get(row.storageKey);
  if (!original) return null;
  const thumbnail = await makeThumbnail(original);
  // Two first views at once both write the same bytes under the same key: harmless.
  await storage.put(key, thumbnail, THUMBNAIL_TYPE);
  return { bytes: thumbnail, mimeType: THUMBNAIL_TYPE };
}

/** The response for a photo: its own type, never sniffed, kept only in the viewer's browser. */
export function photoResponse(photo: { bytes: Uint8Array; mimeType: string }, cacheControl = 'private, max-age=600'): Response {
  return new Response(new Blob([new Uint8Array(photo.bytes)]), {
    headers: {
      'Content-Type': photo.mimeType,
      'Content-Length': String(photo.bytes.byteLength),
      'Cache-Control': cacheControl,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Content-Disposition': 'inline',
    },
  });
}

/**
 * Removes a voice's photos: the rows first (committed: call it outside a transaction), then
 * the objects and their thumbnails. An object whose removal fails is swept later
 * (photo-sweep.server.ts), since no row refers to it any more; a row never outlives its object.
 */
export async function deleteVoicePhotos(db: Executor, storage: PhotoStorage, submissionId: number): Promise<number> {
  const removed = await db.delete(submissionPhotos).where(eq(submissionPhotos.submissionId, submissionId))
    .returning({ storageKey: submissionPhotos.storageKey });
  await Promise.allSettled(removed.flatMap(({ storageKey }) => [storage.delete(storageKey), storage.delete(thumbnailKey(storageKey))]));
  return removed.length;
}

// ---- Publication: staff choose which photos go public (none by default). A photo is public
// only while it is chosen AND its voice is published (and not hidden); otherwise every public
// address of it is a 404, whatever id is guessed.

/** Marks exactly `photoIds` of the voice as public (the others private). Reform team only. */
export async function setPublishedPhotos(db: Executor, actor: Actor, input: { submissionId: number; photoIds: number[] }): Promise<number[]> {
  requirePermission(actor, 'voice:publish');
  const own = await photosOfVoice(db, input.submissionId);
  const chosen = own.filter((p) => input.photoIds.includes(p.id)).map((p) => p.id);
  await db.transaction(async (tx) => {
    await tx.update(submissionPhotos).set({ published: false }).where(eq(submissionPhotos.submissionId, input.submissionId));
    if (chosen.length > 0) {
      await tx.update(submissionPhotos).set({ published: true })
        .where(and(eq(submissionPhotos.submissionId, input.submissionId), inArray(submissionPhotos.id, chosen)));
    }
    await auditWrite(tx, actor, 'voice.photos_publish', input.submissionId, { published: chosen, private: own.map((p) => p.id).filter((id) => !chosen.includes(id)) });
  });
  return chosen;
}

const publicVoice = and(isNotNull(submissions.publishedAt), ne(submissions.status, 'hidden'));

/** The public photos of published voices, keyed by voice id. */
export async function publicPhotosOfVoices(db: Executor, submissionIds: number[]): Promise<Map<number, VoicePhoto[]>> {
  const out = new Map<number, VoicePhoto[]>();
  if (submissionIds.length === 0) return out;
  const rows = await db.select({ ...photoColumns, submissionId: submissionPhotos.submissionId }).from(submissionPhotos)
    .innerJoin(submissions, eq(submissions.id, submissionPhotos.submissionId))
    .where(and(inArray(submissionPhotos.submissionId, submissionIds), eq(submissionPhotos.published, true), publicVoice))
    .orderBy(asc(submissionPhotos.id));
  for (const { submissionId, ...photo } of rows) out.set(submissionId, [...(out.get(submissionId) ?? []), photo]);
  return out;
}

/** A public photo's bytes, or null unless the photo is chosen and its voice is published. */
export async function readPublicPhoto(
  db: Executor, storage: PhotoStorage, input: { receiptNumber: string; photoId: number; size: PhotoSize },
): Promise<{ bytes: Uint8Array; mimeType: string } | null> {
  return readPhotoOfVoice(db, storage, input, and(eq(submissionPhotos.published, true), publicVoice));
}

/** The public address of a published photo (relative; Open311 makes it absolute). */
export function publicPhotoPath(receiptNumber: string, photoId: number, size: PhotoSize = 'full'): string {
  return `/voices/${encodeURIComponent(receiptNumber)}/photos/${photoId}${size === 'thumb' ? '?size=thumb' : ''}`;
}
