import { and, asc, desc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { departments, improvementRecordSubmissions, improvementRecords, submissions } from '#db/schema/index';
import { improvementPhotoPath, publicImprovementWhere, publicPhotosOfImprovement } from '~/domain/improvements/photos.server';
import { localText } from '~/i18n/city-text';

// "You said, we did" for residents: one closed improvement record with its public summary and
// the published titles of its voices (the titles staff wrote for publication, personal data
// removed). Same rule as listPublicImprovements: closed, not archived; nothing else is shown.

const publicWhere = publicImprovementWhere;

/** The published voices of records, in the order they came in. */
async function publishedVoices(db: Executor, recordIds: number[]) {
  if (recordIds.length === 0) return [];
  return db.select({
    recordId: improvementRecordSubmissions.recordId, receiptNumber: submissions.receiptNumber, title: submissions.publishedTitle,
  })
    .from(improvementRecordSubmissions)
    .innerJoin(submissions, eq(submissions.id, improvementRecordSubmissions.submissionId))
    .where(and(
      inArray(improvementRecordSubmissions.recordId, recordIds), isNotNull(submissions.publishedAt), isNotNull(submissions.publishedTitle),
      ne(submissions.status, 'hidden'),
    ))
    .orderBy(asc(submissions.receivedAt), asc(submissions.id));
}

export async function getPublicImprovement(db: Executor, language: string, number: string) {
  const [row] = await db.select({
    id: improvementRecords.id, number: improvementRecords.number, title: improvementRecords.title, type: improvementRecords.type,
    level: improvementRecords.level, summaryJa: improvementRecords.publicSummaryJa, summaryTranslations: improvementRecords.publicSummaryTranslations,
    closedAt: improvementRecords.closedAt, createdAt: improvementRecords.createdAt, departmentJa: departments.nameJa, departmentTranslations: departments.nameTranslations,
  })
    .from(improvementRecords)
    .innerJoin(departments, eq(departments.id, improvementRecords.ownerDepartmentId))
    .where(and(publicWhere, eq(improvementRecords.number, number)));
  if (!row) return null;
  const [voices, photos] = await Promise.all([publishedVoices(db, [row.id]), publicPhotosOfImprovement(db, row.id)]);
  return {
    number: row.number,
    title: row.title,
    type: row.type,
    level: row.level,
    summary: localText(language, row.summaryJa, row.summaryTranslations),
    department: localText(language, row.departmentJa, row.departmentTranslations),
    openedAt: row.createdAt.toISOString(),
    closedAt: row.closedAt!.toISOString(),
    voices: voices.map((v) => ({ receiptNumber: v.receiptNumber, title: v.title! })),
    // Only the photos staff chose (none by default).
    photos: photos.map((p) => ({
      id: p.id, label: p.label, caption: p.caption, width: p.width, height: p.height,
      full: improvementPhotoPath('public', row.number, p.id), thumb: improvementPhotoPath('public', row.number, p.id, 'thumb'),
    })),
  };
}

/** For the resident's tracking page: the closed records their voice is linked to, with what changed. */
export async function improvementsOfVoice(db: Executor, submissionId: number, language: string) {
  const rows = await db.select({
    number: improvementRecords.number, title: improvementRecords.title, summaryJa: improvementRecords.publicSummaryJa,
    summaryTranslations: improvementRecords.publicSummaryTranslations, closedAt: improvementRecords.closedAt,
  })
    .from(improvementRecordSubmissions)
    .innerJoin(improvementRecords, eq(improvementRecords.id, improvementRecordSubmissions.recordId))
    .where(and(eq(improvementRecordSubmissions.submissionId, submissionId), publicWhere))
    .orderBy(desc(improvementRecords.closedAt));
  return rows.map((r) => ({
    number: r.number,
    title: r.title,
    summary: localText(language, r.summaryJa, r.summaryTranslations),
    closedAt: r.closedAt!.toISOString(),
  }));
}
