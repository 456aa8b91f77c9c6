/* global console, process, setTimeout */
// node --expose-gc scripts/pglite-memory.mjs <old|new> <pglite data folder> [shared_buffers]
// Where the embedded database's memory goes (docs/decisions/embedded-database-pglite-0.5.md): opens a
// copy of a data folder once (old: PGlite 0.3, new: the current PGlite), reads every table, reports.
import { cpSync, rmSync, readFileSync } from 'node:fs';
const [which, src, sb] = process.argv.slice(2);
const rss = () => Math.round(Number(readFileSync('/proc/self/status', 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024);
const bare = rss();
const { PGlite } = which === 'old' ? await import('@electric-sql/pglite-v03') : await import('@electric-sql/pglite');
const dir = `/tmp/pglite3/mem2-${which}-${sb ?? 'def'}-${process.pid}`;
cpSync(src, dir, { recursive: true });
const opts = { dataDir: dir };
if (sb) opts.startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${sb}`];
const pg = await PGlite.create(opts);
const tables = (await pg.query(`select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where relkind = 'r' and nspname = 'public'`)).rows;
for (const t of tables) await pg.query(`select * from "${t.relname}"`);
globalThis.gc?.(); await new Promise((r) => setTimeout(r, 3000)); globalThis.gc?.();
const m = process.memoryUsage();
const wasm = pg.Module.HEAPU8.buffer.byteLength / 2 ** 20;
// the resident part of the WASM memory mapping: the anonymous mapping whose size equals the memory
const smaps = readFileSync('/proc/self/smaps', 'utf8').split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/);
let wasmResident = 0;
for (const block of smaps) {
  const [a, b] = block.split(' ')[0].split('-').map((x) => parseInt(x, 16));
  const r = Number(block.match(/\nRss:\s+(\d+)/)?.[1] ?? 0);
  if (b - a >= wasm * 2 ** 20 && b - a < wasm * 2 ** 20 + 2 ** 20 * 64) wasmResident = Math.max(wasmResident, r);
}
console.log(JSON.stringify({ which, shared_buffers: (await pg.query('show shared_buffers')).rows[0].shared_buffers, bareNodeMiB: bare, rssMiB: rss(),
  wasmMemoryMiB: wasm, wasmResidentMiB: Math.round(wasmResident / 1024), v8HeapUsedMiB: Math.round(m.heapUsed / 2 ** 20), externalMiB: Math.round(m.external / 2 ** 20) }));
await pg.close();
rmSync(dir, { recursive: true, force: true });
