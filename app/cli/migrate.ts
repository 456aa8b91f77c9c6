// npm run db:migrate: applies the committed SQL migrations in db/migrations.
import { createLogger, loadConfigOrExit, localSessionSecret, openMigratedDatabase } from '~/server/run';

process.env.SESSION_SECRET ||= localSessionSecret(process.env.DATA_DIR || '.data');
const config = await loadConfigOrExit();
const handle = await openMigratedDatabase(config, createLogger(config.LOG_LEVEL));
await handle.close();
console.log(`Migrations applied (${handle.driver}).`);
