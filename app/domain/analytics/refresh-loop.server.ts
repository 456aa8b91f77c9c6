import type { JobDefinition } from '~/jobs/registry.server';
import { REFRESH_SCHEDULE, refreshPlan, type RefreshSchedule } from './refresh-plan';
import { analyticsRollupStatus, refreshAnalyticsRollups } from './rollups.server';

// The worker's periodic refresh of the analytics rollups: once when it starts (the first one
// fills them after an upgrade), then every few minutes the recent months, and everything once
// a night (refresh-plan.ts). Errors are logged and the next pass tries again.

/** The analytics rollups as a background job: looked at every `schedule.intervalMs`. */
export function analyticsRollupsJob(schedule: RefreshSchedule = REFRESH_SCHEDULE): JobDefinition {
  return {
    name: 'analytics-rollups',
    intervalMs: schedule.intervalMs,
    // refreshAnalyticsRollups takes its own transaction-level lock; two workers never refresh at once.
    async run({ db, logger, now }) {
      const plan = refreshPlan(await analyticsRollupStatus(db), now(), schedule);
      if (!plan) return;
      const report = await refreshAnalyticsRollups(db, { ...plan, now });
      if (report.refreshed) logger.info({ full: report.full, from: report.from, durationMs: report.durationMs }, 'analytics rollups refreshed');
      else logger.info('analytics rollups: another worker is refreshing them');
    },
  };
}
