// The app's statements on PostgreSQL are prepared once per connection and then only executed
// (db/prepared-statements.ts): one round trip each instead of two, and no parsing and planning
// per voice. On both drivers the voices and reads come out the same however often the same
// statement runs, inside a transaction and out of it.
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../db/client';
import { categories, submissions } from '../../db/schema/index';
import { createSubmission, type NewVoice } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase, driverUnderTest } from '../support/db';

const voice = (title: string): NewVoice => ({
  kind: 'request', channel: 'web', categoryId: null, title, body: '同じ文を何度も送ります。', language: 'ja',
  contact: null, replyWanted: false, consentToPublish: false,
});

/** This session's prepared statements whose text holds `marker`, with how often each ran (PostgreSQL 14+). */
async function preparedRuns(db: Database, marker: string): Promise<number[]> {
  const rows = await queryRows<{ runs: number }>(db, sql`select (generic_plans + custom_plans)::int as runs from pg_prepared_statements
    where not from_sql and statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`);
  return rows.map((r) => r.runs);
}

describe(`statements run again and again (${driverUnderTest})`, () => {
  let db: Database;
  let categoryId: number;
  beforeAll(async () => {
    // One connection: PostgreSQL keeps prepared statements per session, so the test sees them all.
    db = (await createTestDatabase({ maxConnections: 1 })).db;
    await seedOrganisation(db);
    const [category] = await db.select({ id: categories.id }).from(categories).limit(1);
    categoryId = category!.id;
  });

  const readCategory = (executor: Pick<Database, 'select'>) =>
    executor.select({ id: categories.id, name: categories.nameJa }).from(categories).where(eq(categories.id, categoryId));

  it('gives the same rows every time, in a transaction and out of it, and PostgreSQL prepares each statement once', async () => {
    const outside = [await readCategory(db), await readCategory(db), await readCategory(db)];
    const inside = await db.transaction(async (tx) => [await readCategory(tx), await readCategory(tx)]);
    for (const rows of [...outside, ...inside]) expect(rows).toEqual([{ id: categoryId, name: expect.any(String) }]);

    if (driverUnderTest === 'postgres') {
      // One statement, prepared once, run five times (the transaction's client is the same connection).
      expect(await preparedRuns(db, '"name_ja" from "categories" where "categories"."id" = $1')).toEqual([5]);
    }
  });

  it('writes every voice of the same shape with its own receipt number, through one prepared statement', async () => {
    const written = [];
    for (let i = 0; i < 4; i++) written.push(await createSubmission(db, voice(`何度目か ${i}`), { trackingToken: newSecretToken(), idempotencyKey: `web:${newSecretToken()}` }));
    expect(new Set(written.map((w) => w.receiptNumber)).size).toBe(4);
    const stored = await db.select({ title: submissions.title }).from(submissions).where(sql`${submissions.title} like '何度目か %'`);
    expect(stored.map((s) => s.title).sort()).toEqual(['何度目か 0', '何度目か 1', '何度目か 2', '何度目か 3']);

    if (driverUnderTest === 'postgres') {
      expect(await preparedRuns(db, 'insert into idempotency_keys')).toEqual([4]);
    }
  });
});
