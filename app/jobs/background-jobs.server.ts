import type { Database } from '#db/client';
import type { Config } from '~/config.server';
import { analyticsRollupsJob } from '~/domain/analytics/refresh-loop.server';
import { retentionJob } from '~/domain/retention.server';
import { dailyDigestJob, outboxJob, workerOptionsFromConfig } from '~/email/outbox-loop.server';
import type { Logger } from '~/logger.server';
import { maintenanceJob } from '~/server/maintenance.server';
import { photoStorageFor } from '~/storage/photo-storage.server';
import { startJobs, type JobDefinition, type RunningJobs } from './registry.server';

/**
 * Every background job of Meyasu, in one list: what `npm run worker` runs, and what the app
 * runs itself with RUN_WORKER=true (the embedded default). A new job is one more entry here.
 */
export function backgroundJobs(config: Parameters<typeof workerOptionsFromConfig>[0] & Parameters<typeof photoStorageFor>[0], db: Database, logger: Logger): JobDefinition[] {
  return [
    outboxJob(workerOptionsFromConfig(config, db, logger)),
    dailyDigestJob(),
    analyticsRollupsJob(),
    maintenanceJob(photoStorageFor(config)),
    retentionJob(photoStorageFor(config)),
  ];
}

export function startBackgroundJobs(config: Config, db: Database, logger: Logger): RunningJobs {
  return startJobs({ db, logger, jobs: backgroundJobs(config, db, logger) });
}
