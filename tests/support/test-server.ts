import { createServer } from 'node:http';
import { afterAll } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { createApp } from '../../app/server/app';
import { loadConfig } from '../../app/config.server';
import { createLogger } from '../../app/logger.server';
import { loadTestBuild, testBuildDir } from './remix';
/**
 * The whole server (the send page's template, Express, Remix) on a free loopback port, bound to
 * a test database, closed after the file's tests. For what only the real HTTP stack shows.
 */
export async function listenTestServer(database: DatabaseHandle, env: Record<string, string> = {}): Promise<{ base: string; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'test-secret-test-secret-test-secret!!', APP_URL: base, BUILD_DIR: testBuildDir(), ...env });
  server.on('request', createApp({ database, config, logger: createLogger('silent'), getBuild: await loadTestBuild() }));
  afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return { base, port };
}
