import type { Database } from '#db/client';
import { improvementSummary, type ImprovementSummary } from './improvement-summary.server';
import type { Period } from './period';
import { deadlineCompliance, replyTimes, type DeadlineCompliance, type ReplyTimes } from './reply-times.server';
import { counterSurveyTrend, replyRatingTrend, type CounterSurveyTrend, type ReplyRatingTrend } from './satisfaction.server';
import type { AnalyticsScope } from './scope';
import { analyticsSnapshot } from './sql.server';
import { mayorReview, overdueNow, voicesPerMonth, type MayorReviewFigures, type OverdueFigures, type VoicesPerMonth } from './voices.server';

export interface Dashboard {
  scope: AnalyticsScope;
  period: Period;
  today: string;
  volumes: { kind: VoicesPerMonth; category: VoicesPerMonth; department: VoicesPerMonth; channel: VoicesPerMonth };
  replyTimes: ReplyTimes;
  deadlineCompliance: DeadlineCompliance;
  overdue: OverdueFigures;
  mayorReview: MayorReviewFigures;
  ratings: ReplyRatingTrend;
  counters: CounterSurveyTrend;
  improvement: ImprovementSummary;
}

/** Every dashboard figure for a scope and period, from one snapshot (a fixed number of queries, none per row). */
export async function loadDashboard(db: Database, scope: AnalyticsScope, period: Period, today: string): Promise<Dashboard> {
  return analyticsSnapshot(db, async (tx) => {
    const args = [tx, scope, period, today] as const;
    return {
      scope, period, today,
      volumes: {
        kind: await voicesPerMonth(...args, 'kind'),
        category: await voicesPerMonth(...args, 'category'),
        department: await voicesPerMonth(...args, 'department'),
        channel: await voicesPerMonth(...args, 'channel'),
      },
      replyTimes: await replyTimes(...args),
      deadlineCompliance: await deadlineCompliance(...args),
      overdue: await overdueNow(...args),
      mayorReview: await mayorReview(...args),
      ratings: await replyRatingTrend(...args),
      counters: await counterSurveyTrend(...args),
      improvement: await improvementSummary(...args),
    };
  });
}
