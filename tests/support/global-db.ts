import postgres from 'postgres';
import { buildIfStale } from '../../app/cli/build-if-stale';
import { testBuildDir } from './remix';
import { migrateDatabase, openDatabase } from '../../db/client';

// With TEST_DATABASE_URL, build one migrated template database per run; each test file then
// copies it (CREATE DATABASE … TEMPLATE), which takes milliseconds. PGlite needs nothing here.

export function templateName(url: string): string {
  return `${new URL(url).pathname.slice(1) || 'postgres'}_template`;
}

export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export default async function setup() {
  if (!buildIfStale(testBuildDir(), (m) => console.log(`integration tests: ${m}`))) throw new Error('The app did not build: see the messages above.');
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const template = templateName(url);
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${template}"`);
  const handle = await openDatabase({ driver: 'postgres', url: url.replace(/\/[^/]*$/, `/${template}`), maxConnections: 1 });
  await migrateDatabase(handle);
  await handle.close();
  await admin.end();
  return async () => {
    const cleanup = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    const leftovers = await cleanup<{ datname: string }[]>`select datname from pg_database where datname like ${`${template}_f%`}`;
    for (const { datname } of leftovers) await cleanup.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await cleanup.unsafe(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await cleanup.end();
  };
}
