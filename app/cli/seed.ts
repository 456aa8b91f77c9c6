// npm run seed: the demo city (idempotent). Prints the logins of accounts it creates.
import { seedDemo } from '~/seed/seed.server';
import { createLogger, loadConfigOrExit, localSessionSecret, openMigratedDatabase } from '~/server/run';

process.env.SESSION_SECRET ||= localSessionSecret(process.env.DATA_DIR || '.data');
const config = await loadConfigOrExit();
const handle = await openMigratedDatabase(config, createLogger(config.LOG_LEVEL));
const { logins, voicesCreated, open311ApiKey } = await seedDemo(handle.db);
await handle.close();
console.log(`Demo data ready (${handle.driver}): ${voicesCreated} voices added.`);
if (logins.length > 0) {
  console.log('New staff accounts (role, email, password):');
  for (const login of logins) console.log(`  ${login.role.padEnd(13)} ${login.email.padEnd(36)} ${login.password}`);
} else {
  console.log('Staff accounts already existed; their passwords were not changed.');
}
if (open311ApiKey) console.log(`Open311 api_key: ${open311ApiKey}`);
