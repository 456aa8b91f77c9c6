import { and, count, desc, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { improvementRecords, submissions } from '#db/schema/index';

function excerpt(text: string, length: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : chars.join('');
}

/** What the home page shows a resident: recent published replies and closed improvements. */
export async function getHomeFeed(db: Executor, language: string) {
  const [voiceCount, recentReplies, recentImprovements] = await Promise.all([
    db.select({ n: count() }).from(submissions).where(ne(submissions.status, 'hidden')),
    db
      .select({
        receiptNumber: submissions.receiptNumber,
        title: submissions.publishedTitle,
        reply: submissions.publishedReply,
        kind: submissions.kind,
        publishedAt: submissions.publishedAt,
      })
      .from(submissions)
      .where(isNotNull(submissions.publishedAt))
      .orderBy(desc(submissions.publishedAt))
      .limit(5),
    db
      .select({
        number: improvementRecords.number,
        title: improvementRecords.title,
        summaryJa: improvementRecords.publicSummaryJa,
        summaryEn: improvementRecords.publicSummaryEn,
        closedAt: improvementRecords.closedAt,
      })
      .from(improvementRecords)
      .where(and(isNotNull(improvementRecords.closedAt), isNull(improvementRecords.archivedAt)))
      .orderBy(desc(improvementRecords.closedAt))
      .limit(5),
  ]);
  return {
    voiceCount: voiceCount[0]?.n ?? 0,
    recentReplies: recentReplies.map(({ reply, ...r }) => ({
      ...r,
      // Only the published (masked) reply, shortened for the card.
      replyExcerpt: excerpt(reply ?? '', 80),
      publishedAt: r.publishedAt?.toISOString() ?? null,
    })),
    recentImprovements: recentImprovements.map((r) => ({
      number: r.number,
      title: r.title,
      summary: (language === 'ja' ? r.summaryJa : r.summaryEn ?? r.summaryJa) ?? '',
      closedAt: r.closedAt?.toISOString() ?? null,
    })),
  };
}
