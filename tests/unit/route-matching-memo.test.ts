import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as RemixRouter from '@remix-run/router';
import { describe, expect, it } from 'vitest';

// scripts/patch-remix-router.mjs keeps the server's ranked routes and compiled paths: the copy
// the server loads must be patched by `npm install`, and must still match as before.
const require = createRequire(import.meta.url);
const file = require.resolve('@remix-run/router');
const router = require(file) as typeof RemixRouter;

const routes = [{
  id: 'root', path: '/', children: [
    { id: 'home', index: true },
    { id: 'send', path: 'send' },
    { id: 'voice', path: 'voices/:receiptNumber' },
    { id: 'staff', path: 'staff', children: [{ id: 'staff-voice', path: 'voices/:id' }, { id: 'staff-voices', path: 'voices' }] },
    { id: 'not-found', path: '*' },
  ],
}];
const ids = (path: string) => router.matchRoutes(routes, path)?.map((m) => m.route.id).join(' > ');

describe('the server copy of @remix-run/router', () => {
  it('is the patched one', () => {
    expect(file).toMatch(/router\.cjs\.js$/);
    expect(readFileSync(file, 'utf8')).toContain('/* meyasu: route matching memo */');
  });

  it('matches the same routes, with their params, on every call', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(ids('/')).toBe('root > home');
      expect(ids('/send')).toBe('root > send');
      expect(ids('/staff/voices')).toBe('root > staff > staff-voices');
      expect(ids('/staff/voices/12')).toBe('root > staff > staff-voice');
      expect(ids('/nowhere/at/all')).toBe('root > not-found');
      expect(router.matchRoutes(routes, '/voices/2026-000123')?.at(-1)?.params).toEqual({ receiptNumber: '2026-000123' });
    }
    // Another route array (a new build in development) is ranked on its own.
    expect(router.matchRoutes([{ id: 'only', path: '/only' }], '/send')).toBeNull();
  });

  it('gives each caller its own matches: changing one request\'s does not reach the next', () => {
    const first = router.matchRoutes(routes, '/voices/2026-000124')!;
    (first[1]!.params as Record<string, string>).receiptNumber = 'changed';
    first[1]!.pathname = '/changed';
    first.pop();
    const second = router.matchRoutes(routes, '/voices/2026-000124')!;
    expect(second).not.toBe(first);
    expect(second.map((m) => m.route.id)).toEqual(['root', 'voice']);
    expect(second[1]).toMatchObject({ pathname: '/voices/2026-000124', params: { receiptNumber: '2026-000124' } });
    // As unmemoised: the matches of one branch share one params object.
    expect(second[0]!.params).toBe(second[1]!.params);
  });

  it('matches paths beyond its bound, and long paths, as before', () => {
    for (let i = 0; i < 1200; i += 1) expect(router.matchRoutes(routes, `/voices/2026-${i}`)?.at(-1)?.params).toEqual({ receiptNumber: `2026-${i}` });
    expect(ids('/voices/2026-0')).toBe('root > voice');
    const long = `/voices/${'x'.repeat(400)}`;
    expect(router.matchRoutes(routes, long)?.at(-1)?.params).toEqual({ receiptNumber: 'x'.repeat(400) });
    expect(ids(`/${'y'.repeat(400)}`)).toBe('root > not-found');
  });
});

// The render rebuilt the route tree twice per page (RemixServer's server routes, the static
// router's data routes), so the memo above missed on every render: both are kept per build.
describe('the render path copies', () => {
  it('are the patched ones', () => {
    for (const installed of ['node_modules/@remix-run/react/dist/server.js', 'node_modules/react-router-dom/server.js']) {
      expect(readFileSync(installed, 'utf8'), installed).toContain('/* meyasu: route matching memo */');
    }
  });

  it('give every render of the same routes the same data routes, matched as before', async () => {
    // react-router-dom comes with @remix-run/react (not a dependency of ours): its installed copy.
    const server = require(path.resolve('node_modules/react-router-dom/server.js')) as {
      createStaticHandler(routes: unknown): { query(request: Request): Promise<unknown> };
      createStaticRouter(routes: unknown, context: unknown): { routes: unknown; state: { matches: { route: { id: string } }[] } };
    };
    const handler = server.createStaticHandler(routes);
    for (const [path, expected] of [['/send', 'root > send'], ['/staff/voices/12', 'root > staff > staff-voice']] as const) {
      const context = await handler.query(new Request(`http://localhost${path}`));
      if (context instanceof Response) throw new Error('unexpected response');
      const first = server.createStaticRouter(routes, context);
      const second = server.createStaticRouter(routes, context);
      expect(second.routes).toBe(first.routes);
      expect(second.state.matches.map((m) => m.route.id).join(' > ')).toBe(expected);
    }
  });
});
