import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, withDatabaseUnavailablePages } from '../../app/server/database-unavailable.server';
import type { ServerBuild } from '@remix-run/node';

describe('database unavailable → 503', () => {
  it('recognises connection failures from postgres.js, Node and PostgreSQL, also wrapped by drizzle', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query: insert …', { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connection failure'), { code: '08006' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('plain'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it('turns a thrown connection error of a loader or action into a thrown 503 response, and leaves other errors alone', async () => {
    const down = Object.assign(new Error('down'), { code: 'ECONNREFUSED' });
    const build = { routes: { r: { id: 'r', path: 'x', module: {
      loader: async () => { throw down; },
      action: async () => { throw new Error('bug'); },
      default: () => null,
    } } } } as unknown as ServerBuild;
    const wrapped = withDatabaseUnavailablePages(build);
    expect(withDatabaseUnavailablePages(build)).toBe(wrapped);
    const mod = wrapped.routes.r!.module as unknown as { loader: () => Promise<unknown>; action: () => Promise<unknown>; default: unknown };
    const thrown = await mod.loader().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(503);
    expect((thrown as Response).headers.get('Retry-After')).toBe('5');
    await expect(mod.action()).rejects.toThrow('bug');
    expect(mod.default).toBe((build.routes.r!.module as { default: unknown }).default);
  });
});
