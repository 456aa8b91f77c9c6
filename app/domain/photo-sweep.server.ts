import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { improvementPhotos, submissionPhotos } from '#db/schema/index';
import type { PhotoStorage } from '~/storage/photo-storage.server';

// Photos are written to the store BEFORE the voice's transaction, so a failed or interrupted
// submission can leave objects that no row refers to (never rows without objects). This
// sweep removes such objects once they are old enough that no submission can still be
// committing them. Thumbnails (`…_thumb.webp`) belong to the photo they were made from.

const ORPHAN_AGE_MS = 24 * 3_600_000;
const BATCH = 500;
const THUMB = /_thumb\.webp$/;

const baseOf = (key: string) => key.replace(THUMB, '').replace(/\.[a-z0-9]+$/, '');

/** Deletes stored photos (and thumbnails) older than `ORPHAN_AGE_MS` that no row refers to. */
export async function sweepOrphanPhotos(db: Executor, storage: PhotoStorage, now = new Date()): Promise<{ checked: number; deleted: string[] }> {
  const cutoff = now.getTime() - ORPHAN_AGE_MS;
  const deleted: string[] = [];
  let checked = 0;
  let batch: string[] = [];
  // Each prefix belongs to one table: residents' photos, and improvement records' evidence.
  let table: typeof submissionPhotos | typeof improvementPhotos = submissionPhotos;
  const flush = async () => {
    if (batch.length === 0) return;
    const bases = [...new Set(batch.map(baseOf))];
    const base = sql<string>`regexp_replace(${table.storageKey}, '\\.[a-z0-9]+$', '')`;
    const rows = await db.select({ base }).from(table).where(inArray(base, bases));
    const referenced = new Set(rows.map((r) => r.base));
    for (const key of batch) {
      if (referenced.has(baseOf(key))) continue;
      await storage.delete(key);
      deleted.push(key);
    }
    batch = [];
  };
  for (const [prefix, owner] of [['submissions/', submissionPhotos], ['improvements/', improvementPhotos]] as const) {
    table = owner;
    for await (const object of storage.list(prefix)) {
      checked += 1;
      if (object.modifiedAt.getTime() > cutoff) continue;
      batch.push(object.key);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  }
  return { checked, deleted };
}
