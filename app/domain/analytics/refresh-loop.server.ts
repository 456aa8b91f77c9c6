import type { Database } from '#db/client';
import type { Logger } from '~/logger.server';
import { REFRESH_SCHEDULE, refreshPlan, type RefreshSchedule } from './refresh-plan';
import { analyticsRollupStatus, refreshAnalyticsRollups } from './rollups.server';

// The worker's periodic refresh of the analytics rollups: once when it starts (the first one
// fills them after an upgrade), then every few minutes the recent months, and everything once
// a night (refresh-plan.ts). Errors are logged and the next pass tries again.

export interface RollupRefreshLoopOptions {
  db: Database;
  logger: Logger;
  now?: () => Date;
  schedule?: RefreshSchedule;
}

export interface RollupRefreshLoop {
  /** Waits for a refresh under way (its transaction is never cut), then stops. */
  stop(): Promise<void>;
}

export function startRollupRefreshLoop(options: RollupRefreshLoopOptions): RollupRefreshLoop {
  const { db, logger, now = () => new Date(), schedule = REFRESH_SCHEDULE } = options;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  async function pass() {
    try {
      const plan = refreshPlan(await analyticsRollupStatus(db), now(), schedule);
      if (!plan) return;
      const report = await refreshAnalyticsRollups(db, { ...plan, now });
      if (report.refreshed) logger.info({ full: report.full, from: report.from, durationMs: report.durationMs }, 'analytics rollups refreshed');
      else logger.info('analytics rollups: another worker is refreshing them');
    } catch (error) {
      logger.error({ err: error }, 'analytics rollup refresh failed; will try again');
    }
  }

  function scheduleNext() {
    if (stopping) return;
    timer = setTimeout(() => {
      current = pass().then(scheduleNext);
    }, schedule.intervalMs);
  }

  current = pass().then(scheduleNext);
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await current;
    },
  };
}
