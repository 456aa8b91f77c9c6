// npm start: Meyasu with demo data, ready to try. Builds when the sources changed, migrates,
// seeds the demo city on the embedded database, prints the logins, and serves.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedDemo, type DemoLogin } from '~/seed/seed.server';
import { createLogger, loadConfigOrExit, localSessionSecret, openMigratedDatabase, serveBuiltApp } from '~/server/run';

const BUILD_DIR = process.env.BUILD_DIR || 'build';
const BUILD_MARKER = path.resolve(BUILD_DIR, '.built-at');
const SOURCES = ['app', 'db', 'emails', 'public', 'remix.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((child) => newestMtime(path.join(entry, child))));
}

function buildIfStale() {
  const builtAt = existsSync(BUILD_MARKER) ? Number(readFileSync(BUILD_MARKER, 'utf8')) : 0;
  if (existsSync(path.join(BUILD_DIR, 'server/index.js')) && builtAt >= Math.max(...SOURCES.map(newestMtime))) return;
  console.log('Building Meyasu (first start, or the sources changed)…');
  const result = spawnSync(process.execPath, [path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    console.error('Build failed: see the messages above.');
    process.exit(1);
  }
  writeFileSync(BUILD_MARKER, String(Date.now()));
}

function printLogins(logins: DemoLogin[], url: string, apiKey: string | undefined) {
  console.log(`\nMeyasu is running at ${url}`);
  console.log(`Staff sign-in: ${url}/staff/login`);
  if (logins.length > 0) {
    console.log('Demo staff accounts (role, email, password):');
    for (const login of logins) console.log(`  ${login.role.padEnd(13)} ${login.email.padEnd(36)} ${login.password}`);
  }
  if (apiKey) console.log(`Open311 api_key: ${apiKey}   (${url}/open311/v2/discovery.json)`);
  console.log('');
}

process.env.NODE_ENV ??= 'production';
buildIfStale();
const dataDir = process.env.DATA_DIR || '.data';
process.env.SESSION_SECRET ||= localSessionSecret(dataDir);
const config = await loadConfigOrExit();
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const handle = await openMigratedDatabase(config, logger);

const loginsFile = path.join(config.DATA_DIR, 'demo-logins.json');
const apiKeyFile = path.join(config.DATA_DIR, 'demo-open311-key');
let logins: DemoLogin[] = existsSync(loginsFile) ? JSON.parse(readFileSync(loginsFile, 'utf8')) : [];
if (!config.DATABASE_URL || process.env.SEED_DEMO === 'true') {
  const seeded = await seedDemo(handle.db);
  if (seeded.logins.length > 0) {
    const known = new Map(logins.map((l) => [l.email, l]));
    for (const login of seeded.logins) known.set(login.email, login);
    logins = [...known.values()];
    writeFileSync(loginsFile, JSON.stringify(logins, null, 2), { mode: 0o600 });
  }
  if (seeded.open311ApiKey) writeFileSync(apiKeyFile, seeded.open311ApiKey, { mode: 0o600 });
}
const apiKey = existsSync(apiKeyFile) ? readFileSync(apiKeyFile, 'utf8').trim() : undefined;
await serveBuiltApp(config, handle, logger, () => printLogins(logins, config.APP_URL, apiKey));
