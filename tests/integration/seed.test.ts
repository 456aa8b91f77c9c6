import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/client';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';

async function count(db: Database, query: SQL) {
  const [row] = await queryRows<{ n: number }>(db, query);
  return Number(row!.n);
}

describe('demo seed', () => {
  it('makes a believable city and is idempotent', async () => {
    const { db } = await createTestDatabase();
    const first = await seedDemo(db);
    expect(first.logins.map((l) => l.role)).toEqual(expect.arrayContaining(['admin', 'reform', 'mayor', 'auditor', 'manager', 'staff']));
    expect(first.voicesCreated).toBeGreaterThanOrEqual(30);
    expect(await count(db, sql`select count(*) as n from departments where level = 'ka'`)).toBeGreaterThanOrEqual(10);
    expect(await count(db, sql`select count(*) as n from departments where is_reform_team`)).toBe(1);
    expect(await count(db, sql`select count(*) as n from categories where default_department_id is null`)).toBe(0);
    expect(await count(db, sql`select count(distinct kind) as n from submissions`)).toBe(5);
    expect(await count(db, sql`select count(distinct status) as n from submissions`)).toBeGreaterThanOrEqual(8);
    expect(await count(db, sql`select count(*) as n from service_counters`)).toBeGreaterThanOrEqual(3);

    const second = await seedDemo(db);
    expect(second).toEqual({ logins: [], voicesCreated: 0 });
    expect(await count(db, sql`select count(*) as n from submissions`)).toBe(first.voicesCreated);
    expect(await count(db, sql`select count(*) as n from users`)).toBe(first.logins.length);
  });

  it('hashes demo passwords with argon2id at the OWASP parameters', async () => {
    const { db } = await createTestDatabase();
    const { logins } = await seedDemo(db);
    const rows = await queryRows<{ password_hash: string }>(db, sql`select password_hash from users limit 1`);
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0]!.password_hash).not.toContain(logins[0]!.password);
  });
});
