import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import sharp from 'sharp';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

// Starts Meyasu exactly as a newcomer does (`npm start`: build, migrate, seed, serve) in a
// temporary data folder and build folder, on a free port; the browser tests then drive it.

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoLogins: { role: string; email: string; password: string }[];
    tileOrigin: string;
    /** The build the suite's server runs, for tests that start their own (tests/e2e/third-language.test.ts). */
    buildDir: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Meyasu exited (${child.exitCode}) before it was ready:\n${log()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`Meyasu did not become healthy:\n${log()}`);
}

/**
 * Map tiles for the browser tests, from a local server: a test must never reach the internet
 * (the app's default, 地理院タイル, is on cyberjapandata.gsi.go.jp). Every tile is the same grey
 * square with a grid line; the server counts what it served.
 */
async function startTileServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const tile = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#e5e7eb' } })
    .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><path d="M0 0H256V256" fill="none" stroke="#9ca3af" stroke-width="2"/></svg>'), top: 0, left: 0 }])
    .png().toBuffer();
  const server = createHttpServer((req, res) => {
    if (!/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'max-age=3600' }).end(tile);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export default async function setup(project: TestProject) {
  const tiles = await startTileServer();
  const work = mkdtempSync(path.join(os.tmpdir(), 'meyasu-e2e-'));
  mkdirSync('.cache', { recursive: true });
  const buildDir = mkdtempSync(path.resolve('.cache/e2e-build-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: baseUrl,
    DATA_DIR: path.join(work, 'data'),
    // Inside the project, so the server build resolves node_modules.
    BUILD_DIR: process.env.E2E_BUILD_DIR || buildDir,
    LOG_LEVEL: 'warn',
    // Many tests send from 127.0.0.1 against one server: the resident limits are tested in the
    // integration suite (citizen-rate-limit), not here.
    CITIZEN_SUBMIT_LIMIT: '1000/600',
    CITIZEN_RATING_LIMIT: '1000/600',
    CITIZEN_NOTE_LIMIT: '1000/600',
    CITIZEN_LINK_MAIL_LIMIT: '1000/600',
    MAP_TILE_URL: `${tiles.origin}/tiles/{z}/{x}/{y}.png`,
  };
  delete env.SESSION_SECRET;
  // E2E_DATABASE_URL runs the browser suite against a PostgreSQL server instead of PGlite.
  if (process.env.E2E_DATABASE_URL) {
    env.DATABASE_URL = process.env.E2E_DATABASE_URL;
    env.SEED_DEMO = 'true';
  } else {
    delete env.DATABASE_URL;
  }
  const child = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'app/cli/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  await waitForHealth(baseUrl, child, () => output);
  const logins = JSON.parse(readFileSync(path.join(work, 'data', 'demo-logins.json'), 'utf8'));
  project.provide('baseUrl', baseUrl);
  project.provide('demoLogins', logins);
  project.provide('tileOrigin', tiles.origin);
  project.provide('buildDir', path.resolve(env.BUILD_DIR!));
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await tiles.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(buildDir, { recursive: true, force: true });
  };
}
