/* global console, process */
// Run by `npm install` (postinstall). postgres.js 3.4.x can crash the whole process when the
// database server goes away: a write deferred with setImmediate runs after the connection
// closed and calls socket.write on null (porsager/postgres#1066, #1154, #1208; fixes proposed
// in #1168 and #1176, not released as of 3.4.9). Found by tests/faults/database-outage.test.ts.
// This applies the proposed guard to the installed copy; it is idempotent, and when the
// driver's code no longer has the unguarded shape (a fixed release) it does nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MARK = '/* meyasu: porsager/postgres#1154 */';
const files = ['src/connection.js', 'cjs/src/connection.js'].map((f) => path.resolve('node_modules/postgres', f));
const replacements = [
  [
    '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    `  function nextWrite(fn) {\n    if (socket === null) { nextWriteTimer !== null && clearImmediate(nextWriteTimer); chunk = nextWriteTimer = null; return false } ${MARK}\n    const x = socket.write(chunk, fn)`,
  ],
  [
    "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)",
    `    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null ${MARK}\n    socket.removeListener('data', data)`,
  ],
];

for (const file of files) {
  if (!existsSync(file)) continue;
  let source = readFileSync(file, 'utf8');
  if (source.includes(MARK)) continue;
  if (!replacements.every(([from]) => source.includes(from))) {
    console.warn(`patch-postgres-js: ${path.relative(process.cwd(), file)} has changed shape; not patched (check whether the upstream fix is released)`);
    continue;
  }
  for (const [from, to] of replacements) source = source.replace(from, to);
  writeFileSync(file, source);
  console.log(`patch-postgres-js: guarded nextWrite in ${path.relative(process.cwd(), file)}`);
}
