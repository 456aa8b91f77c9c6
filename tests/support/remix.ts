import { randomBytes } from 'node:crypto';
import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DatabaseHandle } from '../../db/client';
import { loadConfig } from '../../app/config.server';
import { createLogger } from '../../app/logger.server';
import type { AppContext } from '../../app/context';
import { withDatabaseUnavailablePages } from '../../app/server/database-unavailable.server';

/** Where the integration tests' production build lives (made once per change by global-db.ts). */
export function testBuildDir(): string {
  return path.resolve(process.env.TEST_BUILD_DIR || '.cache/test-build');
}

let build: Promise<ServerBuild> | undefined;

/**
 * The app's production server build, built once for the whole run (tests/support/global-db.ts)
 * rather than compiled by a Vite dev server in every test file.
 */
export function loadTestBuild(): Promise<ServerBuild> {
  build ??= import(pathToFileURL(path.join(testBuildDir(), 'server/index.js')).href) as Promise<ServerBuild>;
  return build;
}

export interface TestAppOptions {
  /** The client address the app sees (rate limits are per IP). */
  clientIp?: string;
  /** Where the app's logs go (silent when not given). */
  logger?: ReturnType<typeof createLogger>;
}

/**
 * The real Remix request handler, running the app's production build (built once, again only
 * when a source changed: docs/decisions/test-build.md), bound to a test database. Requests go through every loader, action and the document render.
 */
export async function createTestApp(database: DatabaseHandle, env: Record<string, string> = {}, options: TestAppOptions = {}) {
  const build = await loadTestBuild();
  // The same build wrapper as the server (503 while the database is away, 400 for unreadable input).
  const handler = createRequestHandler(withDatabaseUnavailablePages(build), 'production');
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'test-secret-test-secret-test-secret!!', ...env });
  const logger = options.logger ?? createLogger('silent');
  const context = (): AppContext => ({
    db: database.db,
    dbDriver: database.driver,
    pingDatabase: database.ping,
    config,
    logger,
    requestId: 'test',
    clientIp: options.clientIp ?? '127.0.0.1',
    cspNonce: randomBytes(16).toString('base64'),
  });
  return {
    config,
    build,
    fetch(path: string, init?: RequestInit) {
      return handler(new Request(new URL(path, 'http://localhost:3000'), init), context());
    },
  };
}
