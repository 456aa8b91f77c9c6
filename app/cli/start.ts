// npm start: Meyasu with demo data, ready to try. Builds when the sources changed, migrates,
// seeds the demo city on the embedded database, prints the logins, and serves.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildIfStale } from './build-if-stale';
import { seedDemo, type DemoLogin } from '~/seed/seed.server';
import { createReadableLogger } from '~/logger.server';
import { loadConfigOrExit, localSessionSecret, openMigratedDatabase, serveBuiltApp } from '~/server/run';

const BUILD_DIR = process.env.BUILD_DIR || 'build';

function printLogins(logins: DemoLogin[], url: string, host: string, apiKey: string | undefined) {
  console.log(`\nMeyasu is running at ${url}`);
  console.log(host === '127.0.0.1' || host === 'localhost'
    ? 'Only this computer can open it (HOST=0.0.0.0 npm start opens it to the network).'
    : `Listening on ${host}: other computers on the network can open it (and use these passwords).`);
  console.log(`Staff sign-in: ${url}/staff/login`);
  if (logins.length > 0) {
    console.log('Demo staff accounts (role, email, password):');
    for (const login of logins) console.log(`  ${login.role.padEnd(13)} ${login.email.padEnd(36)} ${login.password}`);
  }
  if (apiKey) console.log(`Open311 api_key: ${apiKey}   (${url}/open311/v2/discovery.json)`);
  console.log('');
}

process.env.NODE_ENV ??= 'production';
if (!buildIfStale(BUILD_DIR)) {
  console.error('Build failed: see the messages above.');
  process.exit(1);
}
// The demo prints admin passwords: it listens on this computer only unless HOST says otherwise,
// and its links use the port it really listens on.
process.env.HOST ||= '127.0.0.1';
process.env.APP_URL ||= `http://localhost:${process.env.PORT || 3000}`;
const dataDir = process.env.DATA_DIR || '.data';
process.env.SESSION_SECRET ||= localSessionSecret(dataDir);
const config = await loadConfigOrExit();
// Someone reads this terminal: log lines are sentences on stderr, not JSON among the logins.
const logger = createReadableLogger(process.env.LOG_LEVEL ?? 'warn');
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
await serveBuiltApp(config, handle, logger, { onListening: () => printLogins(logins, config.APP_URL, config.HOST, apiKey) });
