/* global console */
// Run by `npm install` (postinstall). On the server, @remix-run/router 1.x flattens and ranks
// every route of the app and compiles each path into a regular expression on every match, and a
// Remix request matches several times (the server's match, the static handler's, the render's):
// about a quarter of the CPU of a page request (issue 15's profile). The server's route arrays
// never change after the build is loaded, so the ranked branches are kept per route array, the
// compiled paths per pattern and the matches per route array and path (MATCH_MEMO). The render
// also rebuilt the whole route tree twice per page (RemixServer's server routes, then the static
// router's data routes), so every render had new
// arrays and missed that memo: both are now kept per build (per manifest / per route array).
// Only the CommonJS copies the server loads are changed (the browser bundle, whose routes grow
// with lazy route discovery, keeps the original). Idempotent; when the code has another shape
// (a new release), or holds an earlier version's patch, it does nothing and says so.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MARK = '/* meyasu: route matching memo */';

// The matches per route array and path: a page request matches its path four times (the
// server's match, the static handler's, the render's, the lazy route discovery's), and trying
// every ranked branch allocated about half of a page's memory (issue 15's heap profile). Each
// caller gets its own copy, so no request sees another's objects; the memo is bounded, and long
// paths (which a visitor controls) are matched without it.
const MATCH_MEMO = `const matchedPaths = new WeakMap();
function matchRoutesImpl(routes, locationArg, basename, allowPartial) {
  let path = typeof locationArg === "string" ? locationArg : locationArg.pathname || "/";
  if (path.length > 256) return matchRoutesOnce(routes, locationArg, basename, allowPartial);
  let memo = matchedPaths.get(routes);
  if (!memo) matchedPaths.set(routes, memo = new Map());
  let key = (allowPartial ? "p" : "e") + (basename || "") + "\\u0000" + path;
  let matches = memo.get(key);
  if (matches === undefined) {
    matches = matchRoutesOnce(routes, locationArg, basename, allowPartial);
    if (memo.size >= 500) memo.delete(memo.keys().next().value);
    memo.set(key, matches);
  }
  return copyOfMatches(matches);
}
function copyOfMatches(matches) {
  if (matches === null || matches.length === 0) return matches && [];
  // matchRouteBranch gives every match of a branch the same params object: so does the copy.
  let params = Object.assign({}, matches[0].params);
  return matches.map((match) => Object.assign({}, match, { params }));
}`;

const patches = {
  'node_modules/@remix-run/router/dist/router.cjs.js': [
    [
      '  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;',
      `  let branches = rankedBranches.get(routes); ${MARK}\n  if (!branches) {\n    branches = flattenRoutes(routes);\n    rankRouteBranches(branches);\n    rankedBranches.set(routes, branches);\n  }\n  let matches = null;`,
    ],
    [
      'function matchRoutesImpl(routes, locationArg, basename, allowPartial) {',
      `const rankedBranches = new WeakMap(); ${MARK}\n${MATCH_MEMO}\nfunction matchRoutesOnce(routes, locationArg, basename, allowPartial) {`,
    ],
    [
      'function compilePath(path, caseSensitive, end) {\n  if (caseSensitive === void 0) {',
      `const compiledPaths = new Map(); ${MARK}\nfunction compilePath(path, caseSensitive, end) {\n  const key = path + "\\u0000" + caseSensitive + "\\u0000" + end;\n  let compiled = compiledPaths.get(key);\n  if (!compiled) compiledPaths.set(key, compiled = compilePathOnce(path, caseSensitive, end));\n  return compiled;\n}\nfunction compilePathOnce(path, caseSensitive, end) {\n  if (caseSensitive === void 0) {`,
    ],
  ],
  // RemixServer: the server routes are a function of the build (manifest, modules, SPA mode); the
  // request's routeModules object is new each time but holds the build's modules.
  'node_modules/@remix-run/react/dist/server.js': [
    [
      '  let routes$1 = routes.createServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode);',
      `  let routes$1 = serverRoutesOf(manifest.routes, routeModules, context); ${MARK}`,
    ],
    [
      'function RemixServer({',
      `const serverRoutesMemo = new WeakMap(); ${MARK}\nfunction serverRoutesOf(manifestRoutes, routeModules, context) {\n  let kept = serverRoutesMemo.get(manifestRoutes);\n  // The server makes a new routeModules object per request, holding the same modules.\n  if (!kept || kept.isSpaMode !== context.isSpaMode || Object.keys(routeModules).some((id) => kept.routeModules[id] !== routeModules[id])) {\n    kept = { routeModules, isSpaMode: context.isSpaMode, routes: routes.createServerRoutes(manifestRoutes, routeModules, context.future, context.isSpaMode) };\n    serverRoutesMemo.set(manifestRoutes, kept);\n  }\n  return kept.routes;\n}\nfunction RemixServer({`,
    ],
  ],
  // The static router's data routes (and their id → route manifest) per route array.
  'node_modules/react-router-dom/server.js': [
    [
      '  let manifest = {};\n  let dataRoutes = router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest);',
      `  let kept = dataRoutesMemo.get(routes); ${MARK}\n  if (!kept) {\n    let manifest = {};\n    kept = { manifest, dataRoutes: router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest) };\n    dataRoutesMemo.set(routes, kept);\n  }\n  let { manifest, dataRoutes } = kept;`,
    ],
    [
      'function createStaticRouter(routes, context, opts = {}) {',
      `const dataRoutesMemo = new WeakMap(); ${MARK}\nfunction createStaticRouter(routes, context, opts = {}) {`,
    ],
  ],
};

for (const [relative, replacements] of Object.entries(patches)) {
  const file = path.resolve(relative);
  if (!existsSync(file)) continue;
  let source = readFileSync(file, 'utf8');
  if (source.includes(MARK)) {
    // Patched by an earlier version of this script (npm keeps an installed package as it is).
    if (!replacements.every(([, to]) => source.includes(to))) console.warn(`patch-remix-router: ${relative} holds an earlier patch; run npm ci for the current one`);
    continue;
  }
  if (replacements.every(([from]) => source.includes(from))) {
    for (const [from, to] of replacements) source = source.replace(from, to);
    writeFileSync(file, source);
    console.log(`patch-remix-router: route memo in ${relative}`);
  } else {
    console.warn(`patch-remix-router: ${relative} has changed shape; not patched (routes rebuilt and matched unmemoised)`);
  }
}
