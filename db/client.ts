import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { PGlite } from '@electric-sql/pglite';
import * as schema from './schema/index';

/** The one database type the app sees, whichever driver runs underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A database handle or an open transaction: domain functions accept either. */
export type Executor = Database | Transaction;

export type DatabaseTarget =
  | { driver: 'postgres'; url: string; maxConnections?: number }
  | { driver: 'pglite'; dataDir: string }
  | { driver: 'pglite-memory'; loadDataDir?: Blob | File };

export interface DatabaseHandle {
  db: Database;
  driver: 'postgres' | 'pglite';
  close(): Promise<void>;
  /** Checks the connection (for /healthz). */
  ping(): Promise<void>;
  /** The PGlite instance, when that driver runs (tests dump it as a template). */
  pglite?: PGlite;
}

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'db/migrations');

/** DATABASE_URL set → postgres.js; otherwise PGlite in a data folder (or in memory for tests). */
export function targetFromUrl(url: string | undefined, dataDir: string): DatabaseTarget {
  return url ? { driver: 'postgres', url } : { driver: 'pglite', dataDir: path.join(dataDir, 'pglite') };
}

export interface OpenOptions {
  /** Where to say what happens to an embedded data folder written by an older PGlite. */
  log?: (message: string) => void;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (target.driver === 'postgres') {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { withPreparedStatements } = await import('./prepared-statements');
    const client = postgres(target.url, {
      max: target.maxConnections ?? 10,
      onnotice: () => {},
      // Fail fast while the server is away (a request answers 503 "try again" within seconds)
      // and find it again soon after it is back: postgres.js's own back-off grows to 20 s.
      connect_timeout: 2,
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5) * (0.5 + Math.random() / 2),
    });
    const db = drizzle(withPreparedStatements(client), { schema }) as unknown as Database;
    return {
      db,
      driver: 'postgres',
      close: () => client.end({ timeout: 5 }),
      ping: async () => { await client`select 1`; },
    };
  }
  const { PGlite: PGliteClass } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let client: PGlite;
  if (target.driver === 'pglite') {
    mkdirSync(target.dataDir, { recursive: true });
    const { upgradeDataFolderIfNeeded } = await import('./pglite-upgrade');
    await upgradeDataFolderIfNeeded(target.dataDir, migratePglite, options.log ?? ((message) => console.warn(message)));
    client = await PGliteClass.create({ dataDir: target.dataDir, startParams: PGLITE_START_PARAMS(PGliteClass) });
  } else {
    client = await PGliteClass.create({ ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}), startParams: PGLITE_START_PARAMS(PGliteClass) });
  }
  const db = drizzle(client, { schema }) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    pglite: client,
    close: () => client.close(),
    ping: async () => { await client.query('select 1'); },
  };
}

/**
 * PGlite's own start parameters plus ours. shared_buffers: Postgres touches initdb's whole 128MB
 * pool at start, so it was resident even for the demo's few hundred rows, and WASM memory is
 * never given back; 16MB saves about 90 MiB on the idle app and no measurable test time
 * (docs/decisions/embedded-database-pglite-0.5.md).
 */
const PGLITE_START_PARAMS = (PGliteClass: typeof PGlite) => [...PGliteClass.defaultStartParams, '-c', 'shared_buffers=16MB'];

async function migratePglite(client: PGlite): Promise<void> {
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
}

/** Applies the committed SQL migrations in db/migrations (idempotent). */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator wants the driver-specific type
    await migrate(handle.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator wants the driver-specific type
    await migrate(handle.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

export { schema };

/**
 * Runs raw SQL and returns its rows. postgres.js answers an array and PGlite an object with
 * `rows`; this keeps that difference out of the app.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
