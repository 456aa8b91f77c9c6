import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '#db/client';
import type { Logger } from '~/logger.server';

// The one home of Meyasu's background work (docs/decisions/background-jobs.md). Each job is a
// name, how often it is looked at, whether only one process in the deployment may run it at a
// time, and what it does. `npm run worker` and the embedded app (RUN_WORKER=true) start the
// same list (./background-jobs.server.ts, via ./embedded.server.ts in the app); web instances with RUN_WORKER=false start none.

interface JobContext {
  db: Database;
  logger: Logger;
  now: () => Date;
  /** True once stop() was called: a long job ends its current batch and returns. */
  shouldStop: () => boolean;
}

export interface JobDefinition {
  /** Also the key of its advisory lock and the `job` field of its log lines. */
  name: string;
  /** Pause after a run before the next one. A job decides itself whether there is work. */
  intervalMs: number;
  /**
   * Only one process of the deployment runs it at a time (a PostgreSQL advisory lock held on
   * one connection for the run; on PGlite, which one process owns, a lock in that process). Jobs safe to run in parallel (the outbox claims rows with
   * SKIP LOCKED) leave it off.
   */
  singleton?: boolean;
  run(context: JobContext): Promise<void>;
}

export interface RunningJobs {
  /** Lets every run under way finish (no transaction is cut), then stops. */
  stop(): Promise<void>;
}

export interface StartJobsOptions {
  db: Database;
  logger: Logger;
  jobs: JobDefinition[];
  now?: () => Date;
}

/** A stable 64-bit lock key per job name, as PostgreSQL's own hash of the text. */
const lockKey = (name: string) => sql`hashtextextended(${`meyasu-job:${name}`}, 0)`;

interface ReservableClient {
  reserve(): Promise<{ unsafe(query: string, params?: unknown[]): Promise<Record<string, unknown>[]>; release(): void }>;
}

/**
 * Runs `work` while holding the job's advisory lock, or skips it (false) when another process
 * holds it. On postgres.js the lock lives on a reserved connection for the whole run, so the
 * job's own transactions stay short; PGlite belongs to one process, so a lock in memory does.
 */
const heldInProcess = new WeakMap<object, Set<string>>();

async function withJobLock(db: Database, name: string, work: () => Promise<void>): Promise<boolean> {
  const client = (db as unknown as { $client?: object }).$client ?? db;
  if (typeof (client as Partial<ReservableClient>).reserve !== 'function') {
    const held = heldInProcess.get(client) ?? new Set<string>();
    heldInProcess.set(client, held);
    if (held.has(name)) return false;
    held.add(name);
    try {
      await work();
    } finally {
      held.delete(name);
    }
    return true;
  }
  const connection = await (client as ReservableClient).reserve();
  try {
    const [row] = await connection.unsafe(`select pg_try_advisory_lock(hashtextextended($1, 0)) as locked`, [`meyasu-job:${name}`]);
    if (!row?.locked) return false;
    try {
      await work();
    } finally {
      await connection.unsafe(`select pg_advisory_unlock(hashtextextended($1, 0))`, [`meyasu-job:${name}`]);
    }
    return true;
  } finally {
    connection.release();
  }
}

/** Whether some process holds the job's lock now (for tests and the admin's view). */
export async function jobIsLocked(db: Database, name: string): Promise<boolean> {
  const [row] = await queryRows<{ held: boolean }>(db, sql`
    select exists (select 1 from pg_locks where locktype = 'advisory' and granted
      and ((classid::bigint << 32) | objid::bigint) = ${lockKey(name)}) as held`);
  return row?.held ?? false;
}

export function startJobs(options: StartJobsOptions): RunningJobs {
  const { db, logger, jobs, now = () => new Date() } = options;
  let stopping = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  function loop(job: JobDefinition) {
    // A test may hand in a bare logger with no child().
    const log = typeof logger.child === 'function' ? logger.child({ job: job.name }) : logger;
    const context: JobContext = { db, logger: log, now, shouldStop: () => stopping };
    const pass = async () => {
      try {
        const ran = job.singleton ? await withJobLock(db, job.name, () => job.run(context)) : (await job.run(context), true);
        if (!ran) log.debug('another process is running it');
      } catch (error) {
        log.error({ err: error }, 'background job failed; it runs again at its next turn');
      }
    };
    const turn = () => {
      if (stopping) return;
      const current = pass();
      running.add(current);
      void current.finally(() => {
        running.delete(current);
        if (stopping) return;
        const timer = setTimeout(() => { timers.delete(timer); turn(); }, job.intervalMs);
        timers.add(timer);
      });
    };
    turn();
  }

  for (const job of jobs) loop(job);
  return {
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...running]);
    },
  };
}
