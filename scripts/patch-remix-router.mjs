/* global console */
// Run by `npm install` (postinstall). On the server, @remix-run/router 1.x flattens and ranks
// every route of the app and compiles each path into a regular expression on every match, and a
// Remix request matches several times (the server's match, the static handler's, the render's):
// about a quarter of the CPU of a page request (issue 15's profile). The server's route arrays
// never change after the build is loaded, so the ranked branches are kept per route array and
// the compiled paths per pattern. Only the CommonJS copy the server loads is changed (the
// browser bundle, whose routes grow with lazy route discovery, keeps the original). Idempotent;
// when the code has another shape (a new release), it does nothing and says so.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MARK = '/* meyasu: route matching memo */';
const file = path.resolve('node_modules/@remix-run/router/dist/router.cjs.js');
const replacements = [
  [
    '  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;',
    `  let branches = rankedBranches.get(routes); ${MARK}\n  if (!branches) {\n    branches = flattenRoutes(routes);\n    rankRouteBranches(branches);\n    rankedBranches.set(routes, branches);\n  }\n  let matches = null;`,
  ],
  [
    'function matchRoutesImpl(routes, locationArg, basename, allowPartial) {',
    `const rankedBranches = new WeakMap(); ${MARK}\nfunction matchRoutesImpl(routes, locationArg, basename, allowPartial) {`,
  ],
  [
    'function compilePath(path, caseSensitive, end) {\n  if (caseSensitive === void 0) {',
    `const compiledPaths = new Map(); ${MARK}\nfunction compilePath(path, caseSensitive, end) {\n  const key = path + "\\u0000" + caseSensitive + "\\u0000" + end;\n  let compiled = compiledPaths.get(key);\n  if (!compiled) compiledPaths.set(key, compiled = compilePathOnce(path, caseSensitive, end));\n  return compiled;\n}\nfunction compilePathOnce(path, caseSensitive, end) {\n  if (caseSensitive === void 0) {`,
  ],
];

if (existsSync(file)) {
  let source = readFileSync(file, 'utf8');
  if (!source.includes(MARK)) {
    if (replacements.every(([from]) => source.includes(from))) {
      for (const [from, to] of replacements) source = source.replace(from, to);
      writeFileSync(file, source);
      console.log('patch-remix-router: route matching memo in node_modules/@remix-run/router/dist/router.cjs.js');
    } else {
      console.warn('patch-remix-router: @remix-run/router has changed shape; not patched (route matching runs unmemoised)');
    }
  }
}
