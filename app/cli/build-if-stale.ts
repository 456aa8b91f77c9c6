import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The production build, made again only when a source is newer than it. Shared by `npm start`
// and the tests (one build per change instead of a Vite dev server per test file). It builds
// into a fresh folder and swaps it in, so processes starting together never see half a build.

const SOURCES = ['app', 'db', 'emails', 'public', 'remix.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((child) => newestMtime(path.join(entry, child))));
}

export function isBuildFresh(buildDir: string): boolean {
  const marker = path.join(buildDir, '.built-at');
  const builtAt = existsSync(marker) ? Number(readFileSync(marker, 'utf8')) : 0;
  return existsSync(path.join(buildDir, 'server/index.js')) && builtAt >= Math.max(...SOURCES.map(newestMtime));
}

/** Builds into `buildDir` unless it is up to date; returns false when the build failed. */
export function buildIfStale(buildDir: string, announce: (message: string) => void = console.log): boolean {
  if (isBuildFresh(buildDir)) return true;
  announce('Building Meyasu (first start, or the sources changed)…');
  const startedAt = Date.now();
  const target = path.resolve(buildDir);
  const fresh = `${target}.new-${process.pid}`;
  const env: NodeJS.ProcessEnv = { ...process.env, BUILD_DIR: fresh, NODE_ENV: 'production' };
  const remix = spawnSync(process.execPath, [path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  // The server's own entry points as plain JavaScript (vite.node.config.ts): `node <build>/node/serve.mjs`.
  const node = remix.status === 0
    ? spawnSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.node.config.ts'], { stdio: ['ignore', 'ignore', 'inherit'], env })
    : remix;
  if (node.status !== 0) {
    rmSync(fresh, { recursive: true, force: true });
    return false;
  }
  // Stamped with the start time: a source saved during the build makes the next start build again.
  writeFileSync(path.join(fresh, '.built-at'), String(startedAt));
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
  return true;
}
