import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll } from 'vitest';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../db/client';
import { adminUrl, templateName } from './global-db';

/**
 * A fresh database for one test file: an in-memory PGlite, migrated (≈0.5 s), or with
 * TEST_DATABASE_URL a copy of the migrated template on the PostgreSQL server. Closed and
 * dropped after the file. `maxConnections` sizes the PostgreSQL pool (PGlite has one session).
 */
export async function createTestDatabase(options: { maxConnections?: number } = {}): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const handle = await openDatabase({ driver: 'pglite-memory' });
    await migrateDatabase(handle);
    afterAll(() => handle.close());
    return handle;
  }
  const template = templateName(url);
  const name = `${template}_f${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const handle = await openDatabase({ driver: 'postgres', url: url.replace(/\/[^/]*$/, `/${name}`), maxConnections: options.maxConnections });
  afterAll(async () => {
    await handle.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
  return handle;
}

export const driverUnderTest = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
