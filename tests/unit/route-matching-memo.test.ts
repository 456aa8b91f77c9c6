import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
});
