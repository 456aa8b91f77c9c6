import { and, count, desc, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { categories, departments, improvementRecords, improvementRecordSubmissions, replies, submissions } from '#db/schema/index';
import { PUBLISHED_PAGE_SIZE, type PublishedFilters } from '~/domain/published';
import { publishedSearchTarget, voiceSearchCondition } from '~/domain/voice-search.server';
import { RECEIPT_NUMBER_PATTERN } from '~/domain/fiscal-year';
import { localText } from '~/i18n/city-text';

// Published voices: only rows with published_at, and only their published_* text, which
// staff wrote with personal data removed. Search reads those fields alone, so it can never
// reveal what was masked in the original body.

function conditions(filters: PublishedFilters): SQL[] {
  const where: SQL[] = [isNotNull(submissions.publishedAt)];
  if (filters.kind) where.push(eq(submissions.kind, filters.kind));
  if (filters.category) where.push(eq(submissions.categoryId, filters.category));
  const search = voiceSearchCondition(filters.q, publishedSearchTarget);
  if (search) where.push(search);
  return where;
}

function excerpt(text: string | null, length = 120): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return Array.from(flat).length > length ? `${Array.from(flat).slice(0, length).join('')}…` : flat;
}

export async function listPublishedVoices(db: Executor, filters: PublishedFilters, language: string) {
  const where = and(...conditions(filters));
  const [[total], rows, categoryRows] = await Promise.all([
    db.select({ n: count() }).from(submissions).where(where),
    db.select({
      receiptNumber: submissions.receiptNumber,
      kind: submissions.kind,
      title: submissions.publishedTitle,
      body: submissions.publishedBody,
      reply: submissions.publishedReply,
      publishedAt: submissions.publishedAt,
      categoryJa: categories.nameJa,
      categoryTranslations: categories.nameTranslations,
    })
      .from(submissions)
      .leftJoin(categories, eq(categories.id, submissions.categoryId))
      .where(where)
      .orderBy(desc(submissions.publishedAt), desc(submissions.id))
      .limit(PUBLISHED_PAGE_SIZE)
      .offset((filters.page - 1) * PUBLISHED_PAGE_SIZE),
    db.select({ id: categories.id, ja: categories.nameJa, translations: categories.nameTranslations }).from(categories).where(eq(categories.active, true)).orderBy(categories.sortOrder, categories.id),
  ]);
  const n = total?.n ?? 0;
  return {
    total: n,
    pages: Math.max(1, Math.ceil(n / PUBLISHED_PAGE_SIZE)),
    voices: rows.map((r) => ({
      receiptNumber: r.receiptNumber,
      kind: r.kind,
      title: r.title ?? '',
      excerpt: excerpt(r.body),
      replied: !!r.reply,
      category: localText(language, r.categoryJa, r.categoryTranslations),
      publishedAt: r.publishedAt!.toISOString(),
    })),
    categories: categoryRows.map((c) => ({ id: c.id, name: localText(language, c.ja, c.translations) })),
  };
}

export async function getPublishedVoice(db: Executor, receiptNumber: string, language: string) {
  if (!RECEIPT_NUMBER_PATTERN.test(receiptNumber)) return null;
  const [row] = await db.select({
    id: submissions.id,
    receiptNumber: submissions.receiptNumber,
    kind: submissions.kind,
    status: submissions.status,
    title: submissions.publishedTitle,
    body: submissions.publishedBody,
    reply: submissions.publishedReply,
    publishedAt: submissions.publishedAt,
    receivedAt: submissions.receivedAt,
    categoryJa: categories.nameJa,
    categoryTranslations: categories.nameTranslations,
    departmentJa: departments.nameJa,
    departmentTranslations: departments.nameTranslations,
  })
    .from(submissions)
    .leftJoin(categories, eq(categories.id, submissions.categoryId))
    .leftJoin(departments, eq(departments.id, submissions.departmentId))
    .where(and(eq(submissions.receiptNumber, receiptNumber), isNotNull(submissions.publishedAt)));
  if (!row) return null;
  const [improvements, lastReply] = await Promise.all([
    db.select({ number: improvementRecords.number, title: improvementRecords.title, ja: improvementRecords.publicSummaryJa, translations: improvementRecords.publicSummaryTranslations })
      .from(improvementRecordSubmissions)
      .innerJoin(improvementRecords, eq(improvementRecords.id, improvementRecordSubmissions.recordId))
      .where(and(eq(improvementRecordSubmissions.submissionId, row.id), isNotNull(improvementRecords.closedAt))),
    db.select({ sentAt: replies.sentAt }).from(replies)
      .where(and(eq(replies.submissionId, row.id), inArray(replies.status, ['sent']), eq(replies.kind, 'final')))
      .orderBy(desc(replies.sentAt)).limit(1),
  ]);
  return {
    id: row.id,
    receiptNumber: row.receiptNumber,
    kind: row.kind,
    title: row.title ?? '',
    body: row.body ?? '',
    reply: row.reply,
    repliedAt: lastReply[0]?.sentAt?.toISOString() ?? null,
    publishedAt: row.publishedAt!.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
    category: localText(language, row.categoryJa, row.categoryTranslations),
    department: localText(language, row.departmentJa, row.departmentTranslations),
    improvements: improvements.map((i) => ({ number: i.number, title: i.title, summary: localText(language, i.ja, i.translations) ?? '' })),
  };
}
