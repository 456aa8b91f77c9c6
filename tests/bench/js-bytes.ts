// JavaScript weight of every public page: builds the app, reads Remix's client manifest,
// and sums the gzip size of the script files a first visit to each page loads (the client
// entry, root and the route module, with all their imports). With lazy route discovery the
// manifest file itself is not loaded: the page carries the part it needs inline. The send page must stay at or
// under 120 KB (120,000 bytes) gzip. Prints a Markdown table, writes
// bench-results/js-bytes.json, and exits non-zero when the budget is broken.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildIfStale } from '../../app/cli/build-if-stale';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import type { RouteConfigEntry } from '@remix-run/route-config';
import { publicRoutes } from '../../app/routes/public.routes';

export const SEND_PAGE_BUDGET_BYTES = 120_000;
// BENCH_BUILD_DIR (or the buildDir option) builds elsewhere, or reuses a build made earlier (CI
// passes the browser tests' build).
const DEFAULT_BUILD_DIR = path.resolve(process.env.BENCH_BUILD_DIR || '.cache/bench-build');

interface ManifestEntry {
  module: string;
  imports?: string[];
}

interface RemixManifest {
  entry: ManifestEntry;
  routes: Record<string, ManifestEntry & { path?: string; index?: boolean }>;
}

export interface PageWeight {
  route: string;
  path: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

function build(buildDir: string): void {
  rmSync(buildDir, { recursive: true, force: true });
  // The same build as npm start and the tests (with the server's node entry points, for the bench's production start).
  if (!buildIfStale(buildDir, () => {})) throw new Error('the build failed');
}

function readManifest(clientDir: string): RemixManifest {
  const assets = path.join(clientDir, 'assets');
  const file = readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error(`no Remix manifest in ${assets}`);
  const source = readFileSync(path.join(assets, file), 'utf8').trim();
  const json = source.replace(/^window\.__remixManifest=/, '').replace(/;$/, '');
  return JSON.parse(json) as RemixManifest;
}

/** Public pages (routes with a component, i.e. .tsx files), with the URL pattern each serves. */
function publicPages(entries: RouteConfigEntry[], prefix = ''): { id: string; path: string }[] {
  return entries.flatMap((entry) => {
    const url = entry.index ? prefix || '/' : `${prefix}/${entry.path ?? ''}`.replace(/\/+/g, '/');
    const own = entry.file.endsWith('.tsx') ? [{ id: entry.id ?? entry.file.replace(/\.[jt]sx?$/, ''), path: url }] : [];
    return [...own, ...publicPages(entry.children ?? [], url === '/' ? '' : url)];
  });
}

export function measure(clientDir: string): PageWeight[] {
  const manifest = readManifest(clientDir);
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (asset: string) => {
    let size = sizes.get(asset);
    if (!size) {
      const bytes = readFileSync(path.join(clientDir, asset));
      size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
      sizes.set(asset, size);
    }
    return size;
  };
  const filesOf = (entry: ManifestEntry | undefined) => (entry ? [entry.module, ...(entry.imports ?? [])] : []);
  return publicPages(publicRoutes).map(({ id, path: url }) => {
    const route = manifest.routes[id];
    if (!route) throw new Error(`route ${id} is not in the client manifest`);
    const files = new Set([...filesOf(manifest.entry), ...filesOf(manifest.routes.root), ...filesOf(route)]);
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const file of files) {
      const size = sizeOf(file);
      rawBytes += size.raw;
      gzipBytes += size.gzip;
    }
    return { route: id, path: url, files: files.size, rawBytes, gzipBytes };
  });
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

export function report(weights: PageWeight[]): { markdown: string; pass: boolean; send: PageWeight } {
  const send = weights.find((w) => w.path === '/send');
  if (!send) throw new Error('the send page was not measured');
  const pass = send.gzipBytes <= SEND_PAGE_BUDGET_BYTES;
  const lines = [
    '| page | route | files | JS (raw) | JS (gzip) | budget |',
    '|---|---|---:|---:|---:|---|',
    ...weights.map((w) => `| \`${w.path}\` | ${w.route} | ${w.files} | ${kb(w.rawBytes)} | ${kb(w.gzipBytes)} | ${w === send ? `≤ ${kb(SEND_PAGE_BUDGET_BYTES)}: **${pass ? 'PASS' : 'FAIL'}**` : ''} |`),
  ];
  return { markdown: lines.join('\n'), pass, send };
}

export async function runJsBytes(options: { skipBuild?: boolean; buildDir?: string } = {}): Promise<boolean> {
  const buildDir = options.buildDir ? path.resolve(options.buildDir) : DEFAULT_BUILD_DIR;
  if (!options.skipBuild || !existsSync(path.join(buildDir, 'client'))) build(buildDir);
  const weights = measure(path.join(buildDir, 'client'));
  const { markdown, pass, send } = report(weights);
  console.log('\n## JavaScript per public page (first visit, gzip level 6)\n');
  console.log(markdown);
  console.log(`\nSend page: ${kb(send.gzipBytes)} of ${kb(SEND_PAGE_BUDGET_BYTES)} — ${pass ? 'PASS' : 'FAIL'}`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/js-bytes.json', `${JSON.stringify({
    measuredAt: new Date().toISOString(),
    budget: { page: '/send', gzipBytes: SEND_PAGE_BUDGET_BYTES },
    pass,
    pages: weights,
  }, null, 2)}\n`);
  return pass;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dirFlag = process.argv.indexOf('--build-dir');
  const buildDir = dirFlag > 0 ? process.argv[dirFlag + 1] : undefined;
  const pass = await runJsBytes({ skipBuild: process.argv.includes('--skip-build'), buildDir });
  process.exitCode = pass ? 0 : 1;
}
