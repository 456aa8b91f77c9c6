import { randomUUID } from 'node:crypto';
import type { PhotoStorage } from '~/storage/photo-storage.server';
import { cleanPhoto, extensionFor, type CleanPhoto } from './photos.server';

// The one way a photo enters Meyasu, whoever brings it (a resident on /send, staff entering a
// voice or adding evidence to an improvement record, an Open311 client): cleaned (no
// metadata, upright, at most 1600 px), written to the store BEFORE the rows' transaction, and
// removed again if that transaction fails. Objects left by a crash are swept later
// (photo-sweep.server.ts); a row never points at a missing object.

export interface StoredPhoto {
  key: string;
  photo: CleanPhoto;
}

/** Cleans each photo in order; the first one that cannot be kept gives the message key (citizen:send.errors.*). */
export async function cleanPhotos(inputs: readonly Uint8Array[]): Promise<{ ok: true; photos: CleanPhoto[] } | { ok: false; error: string }> {
  const photos: CleanPhoto[] = [];
  for (const bytes of inputs) {
    const result = await cleanPhoto(bytes);
    if (!result.ok) return { ok: false, error: `citizen:send.errors.${result.reason}` };
    photos.push(result.photo);
  }
  return { ok: true, photos };
}

/** Where a new photo goes: `<prefix>/2026-12/<uuid>.jpg` (the prefix tells the sweep which table refers to it). */
function newPhotoKey(prefix: 'submissions' | 'improvements', photo: CleanPhoto, now: Date): string {
  return `${prefix}/${now.toISOString().slice(0, 7)}/${randomUUID()}.${extensionFor(photo.mimeType)}`;
}

/** The columns every photo row shares. */
export function photoColumns(stored: StoredPhoto, now: Date) {
  return {
    storageKey: stored.key,
    mimeType: stored.photo.mimeType,
    width: stored.photo.width,
    height: stored.photo.height,
    bytes: stored.photo.bytes.byteLength,
    createdAt: now,
  };
}

/**
 * Writes the cleaned photos, then runs `write` (the transaction that adds their rows). If it
 * throws, or reports that it kept none of them (`kept: false`, e.g. a replayed submit), the
 * objects are removed again.
 */
export async function withStoredPhotos<T extends { kept: boolean }>(
  storage: PhotoStorage, prefix: 'submissions' | 'improvements', photos: readonly CleanPhoto[], now: Date,
  write: (stored: StoredPhoto[]) => Promise<T>,
): Promise<T> {
  const stored = photos.map((photo) => ({ photo, key: newPhotoKey(prefix, photo, now) }));
  const removeAll = () => Promise.allSettled(stored.map(({ key }) => storage.delete(key)));
  try {
    for (const { photo, key } of stored) await storage.put(key, photo.bytes, photo.mimeType);
    const result = await write(stored);
    if (!result.kept) await removeAll();
    return result;
  } catch (error) {
    await removeAll();
    throw error;
  }
}
