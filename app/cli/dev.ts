// npm run dev: Vite with hot reload in front of the same Express app.
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'vite';
import type { ServerBuild } from '@remix-run/node';
import { startEmbeddedWorker } from '~/jobs/embedded.server';
import { seedDemo } from '~/seed/seed.server';
import { createApp } from '~/server/app';
import { createLogger, loadConfigOrExit, localSessionSecret, openMigratedDatabase } from '~/server/run';

process.env.SESSION_SECRET ||= localSessionSecret(process.env.DATA_DIR || '.data');
const config = await loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);
const handle = await openMigratedDatabase(config, logger);
if (!config.DATABASE_URL) await seedDemo(handle.db);
const vite = await createServer({ server: { middlewareMode: true } });
const app = createApp({
  database: handle, config, logger, viteDevServer: vite,
  getBuild: () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>,
});
// Mail goes out (or is kept for /staff/outbox) in development too.
if (config.RUN_WORKER) startEmbeddedWorker(handle, config, logger);
createHttpServer(app).listen(config.PORT, () => console.log(`Meyasu (dev) at ${config.APP_URL}`));
