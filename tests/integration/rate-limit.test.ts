import { describe, expect, it } from 'vitest';
import { consumeLimit, peekLimit, resetLimit } from '../../app/security/rate-limit.server';
import { createTestDatabase } from '../support/db';

describe('database-backed rate limits', () => {
  it('allows the configured count, then refuses with a retry time, per key', async () => {
    const { db } = await createTestDatabase();
    const rule = { keyPrefix: 'test', points: 3, durationSeconds: 60 };
    for (let i = 0; i < 3; i += 1) expect((await consumeLimit(db, rule, 'ip-1')).allowed).toBe(true);
    const refused = await consumeLimit(db, rule, 'ip-1');
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect((await consumeLimit(db, rule, 'ip-2')).allowed).toBe(true);
    expect((await peekLimit(db, rule, 'ip-1')).allowed).toBe(false);
    await resetLimit(db, rule, 'ip-1');
    expect((await consumeLimit(db, rule, 'ip-1')).allowed).toBe(true);
  });

  it('counts concurrent requests without losing any', async () => {
    const { db } = await createTestDatabase();
    const rule = { keyPrefix: 'burst', points: 5, durationSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 12 }, () => consumeLimit(db, rule, 'same')));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });
});
