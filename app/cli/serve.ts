// npm run serve: production. Needs `npm run build`; migrates at start; never seeds demo data.
import { createLogger, loadConfigOrExit, openMigratedDatabase, serveBuiltApp } from '~/server/run';

const config = await loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);
const handle = await openMigratedDatabase(config, logger);
await serveBuiltApp(config, handle, logger, () => logger.info({ port: config.PORT }, 'listening'));
