import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Database, Executor } from '#db/client';
import { improvementPhotos, improvementRecords } from '#db/schema/index';
import type { PhotoStorage } from '~/storage/photo-storage.server';
import { mayCarryOutAction, requirePermission, type ImprovementActor } from './access';
import { ImprovementRuleError } from './errors';
import { addRecordEvent, auditImprovement, lockRecord } from './store.server';
import { photoColumns, withStoredPhotos } from '../photo-intake.server';
import type { CleanPhoto } from '../photos.server';
import { readStoredPhoto, type PhotoSize } from '../voice-photos.server';

// Photo evidence of an improvement (改善前/改善後), as Ota city showed its reforms: staff of the
// owning 課 (or the reform team) add photos while the record is at DO or CHECK; they enter
// through the same cleaning and store as residents' photos. None is public until the reform
// team chooses it, and a chosen photo is public only while its record is (closed, not
// archived): every other public address of it is a 404.

export type PhotoLabel = 'before' | 'after';
const PHOTO_STAGES = ['do', 'check'] as const;

export interface ImprovementPhoto {
  id: number;
  stage: string;
  label: PhotoLabel;
  caption: string;
  width: number;
  height: number;
  published: boolean;
}

const columns = {
  id: improvementPhotos.id, stage: improvementPhotos.stage, label: improvementPhotos.label, caption: improvementPhotos.caption,
  width: improvementPhotos.width, height: improvementPhotos.height, published: improvementPhotos.published,
};

/** Records residents may see: the same rule as the public improvement pages. */
export const publicImprovementWhere = and(eq(improvementRecords.stage, 'closed'), isNotNull(improvementRecords.closedAt), isNull(improvementRecords.archivedAt));

/** Adds cleaned photos with one label and caption; returns their ids. */
export async function addImprovementPhotos(
  db: Database, storage: PhotoStorage, actor: ImprovementActor,
  input: { recordId: number; label: PhotoLabel; caption: string; photos: CleanPhoto[] },
): Promise<number[]> {
  requirePermission(actor.user, 'improvement:act');
  const [owner] = await db.select({ ownerDepartmentId: improvementRecords.ownerDepartmentId, ownerUserId: improvementRecords.ownerUserId })
    .from(improvementRecords).where(eq(improvementRecords.id, input.recordId));
  if (!owner) throw new ImprovementRuleError('not_found');
  if (!mayCarryOutAction(actor.user, owner)) throw new ImprovementRuleError('forbidden');
  if (input.photos.length === 0) throw new ImprovementRuleError('invalid_input', { details: { fields: ['photos'] } });
  const now = new Date();
  const { ids } = await withStoredPhotos(storage, 'improvements', input.photos, now, (stored) => db.transaction(async (tx) => {
    const record = await lockRecord(tx, input.recordId, undefined);
    if (!(PHOTO_STAGES as readonly string[]).includes(record.stage)) throw new ImprovementRuleError('photo_stage', { details: { stage: record.stage } });
    const rows = await tx.insert(improvementPhotos).values(stored.map((s) => ({
      recordId: record.id, stage: record.stage, label: input.label, caption: input.caption, addedById: actor.user.id, ...photoColumns(s, now),
    }))).returning({ id: improvementPhotos.id });
    const added = rows.map((r) => r.id);
    await addRecordEvent(tx, actor, record.id, 'photos_added', { stage: record.stage, label: input.label, photoIds: added });
    await auditImprovement(tx, actor, 'improvement.photos_add', { type: 'improvement_record', id: record.id }, { label: input.label, photoIds: added });
    return { ids: added, kept: true };
  }));
  return ids;
}

/** The photos of a record for staff, oldest first. */
export async function photosOfImprovement(db: Executor, recordId: number): Promise<ImprovementPhoto[]> {
  return db.select(columns).from(improvementPhotos).where(eq(improvementPhotos.recordId, recordId)).orderBy(asc(improvementPhotos.id));
}

/** The photos the public page shows: chosen ones of a public record. */
export async function publicPhotosOfImprovement(db: Executor, recordId: number): Promise<ImprovementPhoto[]> {
  return db.select(columns).from(improvementPhotos)
    .innerJoin(improvementRecords, eq(improvementRecords.id, improvementPhotos.recordId))
    .where(and(eq(improvementPhotos.recordId, recordId), eq(improvementPhotos.published, true), publicImprovementWhere))
    .orderBy(asc(improvementPhotos.id));
}

/** Marks exactly `photoIds` of the record as public (the others private). Reform team only. */
export async function setPublishedImprovementPhotos(db: Database, actor: ImprovementActor, input: { recordId: number; photoIds: number[] }): Promise<number[]> {
  requirePermission(actor.user, 'improvement:manage');
  const own = await photosOfImprovement(db, input.recordId);
  const chosen = own.filter((p) => input.photoIds.includes(p.id)).map((p) => p.id);
  await db.transaction(async (tx) => {
    await lockRecord(tx, input.recordId, undefined);
    await tx.update(improvementPhotos).set({ published: false }).where(eq(improvementPhotos.recordId, input.recordId));
    if (chosen.length > 0) {
      await tx.update(improvementPhotos).set({ published: true })
        .where(and(eq(improvementPhotos.recordId, input.recordId), inArray(improvementPhotos.id, chosen)));
    }
    await auditImprovement(tx, actor, 'improvement.photos_publish', { type: 'improvement_record', id: input.recordId },
      { published: chosen, private: own.map((p) => p.id).filter((id) => !chosen.includes(id)) });
  });
  return chosen;
}

/**
 * One photo of the record `number`: for staff (`public: false`, any record they may read), or
 * for everyone (`public: true`: only a chosen photo of a public record). Null otherwise.
 */
export async function readImprovementPhoto(
  db: Executor, storage: PhotoStorage, input: { number: string; photoId: number; size: PhotoSize; public: boolean },
): Promise<{ bytes: Uint8Array; mimeType: string } | null> {
  const [row] = await db.select({ storageKey: improvementPhotos.storageKey, mimeType: improvementPhotos.mimeType })
    .from(improvementPhotos)
    .innerJoin(improvementRecords, eq(improvementRecords.id, improvementPhotos.recordId))
    .where(and(
      eq(improvementPhotos.id, input.photoId), eq(improvementRecords.number, input.number),
      input.public ? and(eq(improvementPhotos.published, true), publicImprovementWhere) : undefined,
    ));
  return row ? readStoredPhoto(storage, row, input.size) : null;
}

export function improvementPhotoPath(area: 'staff' | 'public', number: string, photoId: number, size: PhotoSize = 'full'): string {
  return `${area === 'staff' ? '/staff' : ''}/improvements/${encodeURIComponent(number)}/photos/${photoId}${size === 'thumb' ? '?size=thumb' : ''}`;
}
