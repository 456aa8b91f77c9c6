import { and, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { analyticsVoiceVolumes, improvementRecords, submissions } from '#db/schema/index';
import { localText } from '~/i18n/city-text';

function excerpt(text: string, length: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : chars.join('');
}

/**
 * How many voices the city has received: from the analytics rollups (as of their last refresh,
 * minutes old), not a count over every voice on each home page view (a second on a million
 * voices). Before the first refresh, the live count (a new city has few voices).
 */
async function receivedVoices(db: Executor): Promise<number> {
  const [rolled] = await db.select({ n: sql<string | null>`sum(${analyticsVoiceVolumes.voices})` })
    .from(analyticsVoiceVolumes).where(eq(analyticsVoiceVolumes.grain, 'month'));
  if (rolled?.n != null) return Number(rolled.n);
  const [live] = await db.select({ n: count() }).from(submissions).where(sql`${submissions.status} not in ('hidden', 'merged')`);
  return live?.n ?? 0;
}

/** What the home page shows a resident: recent published replies and closed improvements. */
export async function getHomeFeed(db: Executor, language: string) {
  const [voiceCount, recentReplies, recentImprovements] = await Promise.all([
    receivedVoices(db),
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
        summaryTranslations: improvementRecords.publicSummaryTranslations,
        closedAt: improvementRecords.closedAt,
      })
      .from(improvementRecords)
      .where(and(isNotNull(improvementRecords.closedAt), isNull(improvementRecords.archivedAt)))
      .orderBy(desc(improvementRecords.closedAt))
      .limit(5),
  ]);
  return {
    voiceCount,
    recentReplies: recentReplies.map(({ reply, ...r }) => ({
      ...r,
      // Only the published (masked) reply, shortened for the card.
      replyExcerpt: excerpt(reply ?? '', 80),
      publishedAt: r.publishedAt?.toISOString() ?? null,
    })),
    recentImprovements: recentImprovements.map((r) => ({
      number: r.number,
      title: r.title,
      summary: localText(language, r.summaryJa, r.summaryTranslations) ?? '',
      closedAt: r.closedAt?.toISOString() ?? null,
    })),
  };
}
