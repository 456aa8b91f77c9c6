import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys, sessions, users } from '../../db/schema/index';
import { runMaintenance } from '../../app/server/maintenance.server';
import { seedDemo } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';

describe('housekeeping', () => {
  it('removes expired sessions and old idempotency keys, and keeps live ones', async () => {
    const { db } = await createTestDatabase();
    await seedDemo(db);
    const [user] = await db.select({ id: users.id }).from(users).limit(1);
    const now = new Date('2026-11-21T03:00:00Z');
    await db.insert(sessions).values([
      { idHash: 'expired', userId: user!.id, expiresAt: new Date(now.getTime() - 1000), lastSeenAt: new Date(now.getTime() - 60_000) },
      { idHash: 'live', userId: user!.id, expiresAt: new Date(now.getTime() + 3_600_000), lastSeenAt: now },
    ]);
    await db.insert(idempotencyKeys).values([
      { key: 'old', scope: 'submission', createdAt: new Date(now.getTime() - 8 * 86_400_000) },
      { key: 'recent', scope: 'submission', createdAt: new Date(now.getTime() - 86_400_000) },
      { key: 'seed:old-demo', scope: 'submission', createdAt: new Date(now.getTime() - 30 * 86_400_000) },
    ]);
    const removed = await runMaintenance(db, now);
    expect(removed.sessions).toBe(1);
    const left = await db.select({ id: sessions.idHash }).from(sessions);
    expect(left.map((s) => s.id)).toEqual(['live']);
    const keys = await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(sql`${idempotencyKeys.key} in ('old', 'recent', 'seed:old-demo')`);
    expect(keys.map((k) => k.key).sort()).toEqual(['recent', 'seed:old-demo']);
  });
});
