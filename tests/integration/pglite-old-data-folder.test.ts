import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { PGlite as PGliteV03 } from '@electric-sql/pglite-v03';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, queryRows, schema, type Database } from '../../db/client';
import { seedDemo } from '../../app/seed/seed.server';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { attemptLogin } from '../../app/auth/login.server';

// A city that ran Meyasu on PGlite 0.3 has a PostgreSQL 17 data folder, which PGlite 0.5
// (PostgreSQL 18) cannot open. Opening it the normal way converts it and keeps the original.
// Runs on PGlite only: it is about the embedded database's own folder.

const root = mkdtempSync(path.join(tmpdir(), 'meyasu-old-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const actor = { ip: '127.0.0.1', userAgent: null, requestId: null };

/** A data folder as Meyasu before the upgrade left it: PGlite 0.3, migrated, with the demo city. */
async function oldMeyasuFolder(dataDir: string, extra?: (client: PGliteV03) => Promise<void>) {
  mkdirSync(dataDir, { recursive: true });
  const client = await PGliteV03.create({ dataDir });
  const db = drizzle(client as never, { schema }) as unknown as Database;
  await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  const seeded = await seedDemo(db);
  await extra?.(client);
  const receipts = (await queryRows<{ receipt_number: string; title: string }>(db, sql`select receipt_number, title from submissions order by id`));
  await client.close();
  return { seeded, receipts };
}

function openEmbedded(dataDir: string, log: string[]) {
  return openDatabase({ driver: 'pglite', dataDir }, { log: (message) => log.push(message) });
}

describe('an embedded data folder from PGlite 0.3 (PostgreSQL 17)', () => {
  it('is converted on open: voices, sign-in and numbering carry on, and the original is kept', async () => {
    const dataDir = path.join(root, 'city', 'pglite');
    const before = await oldMeyasuFolder(dataDir);
    expect(readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim()).toBe('17');
    expect(before.receipts.length).toBeGreaterThanOrEqual(30);

    const log: string[] = [];
    const handle = await openEmbedded(dataDir, log);
    await migrateDatabase(handle);
    try {
      expect(readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim()).toBe('18');
      const backups = readdirSync(path.dirname(dataDir)).filter((name) => name.startsWith('pglite-pg17-backup-'));
      expect(backups).toHaveLength(1);
      expect(readFileSync(path.join(path.dirname(dataDir), backups[0]!, 'PG_VERSION'), 'utf8').trim()).toBe('17');
      expect(log.join('\n')).toContain('PostgreSQL 17');
      expect(log.join('\n')).toContain(backups[0]);

      const after = await queryRows<{ receipt_number: string; title: string }>(handle.db, sql`select receipt_number, title from submissions order by id`);
      expect(after).toEqual(before.receipts);

      const admin = before.seeded.logins.find((login) => login.role === 'admin')!;
      const signedIn = await attemptLogin(handle.db, { email: admin.email, password: admin.password, actor });
      expect(signedIn.ok).toBe(true);

      // The next voice gets the next receipt number and a new id: the sequences came across too.
      const created = await createSubmission(handle.db, {
        kind: 'request', channel: 'web', categoryId: null, title: '変換後の最初の声', body: '届きますか。', language: 'ja',
        contact: null, replyWanted: false, consentToPublish: false,
      }, { trackingToken: newSecretToken() });
      expect(before.receipts.map((r) => r.receipt_number)).not.toContain(created.receiptNumber);
      const [count] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from submissions`);
      expect(count!.n).toBe(before.receipts.length + 1);

      // The audit log is still append-only after the copy.
      const refused = await handle.db.execute(sql`delete from audit_log`).then(
        () => 'went through',
        (error: Error & { cause?: Error }) => `${error.message} ${error.cause?.message ?? ''}`,
      );
      expect(refused).toMatch(/append-only/);
    } finally {
      await handle.close();
    }

    const again: string[] = [];
    const reopened = await openEmbedded(dataDir, again);
    try {
      expect(again).toEqual([]);
      const [count] = await queryRows<{ n: number }>(reopened.db, sql`select count(*)::int as n from submissions`);
      expect(count!.n).toBe(before.receipts.length + 1);
    } finally {
      await reopened.close();
    }
  });

  it('finishes a conversion stopped between its two renames instead of starting an empty database', async () => {
    const dataDir = path.join(root, 'interrupted', 'pglite');
    const before = await oldMeyasuFolder(dataDir);
    const log: string[] = [];
    await (await openEmbedded(dataDir, log)).close();
    // The moment between the renames: the converted folder (with its marker) beside no folder.
    const converted = `${dataDir}.pg18-4242`;
    renameSync(dataDir, converted);
    writeFileSync(path.join(converted, 'MEYASU_CONVERTED'), 'rows\n');
    // A leftover of a conversion stopped while copying (no marker) is removed, never adopted.
    mkdirSync(`${dataDir}.pg18-1111`, { recursive: true });
    writeFileSync(path.join(`${dataDir}.pg18-1111`, 'PG_VERSION'), '18\n');

    const again: string[] = [];
    const handle = await openEmbedded(dataDir, again);
    const receipts = await queryRows<{ receipt_number: string }>(handle.db, sql`select receipt_number from submissions order by id`);
    await handle.close();
    expect(receipts.map((r) => r.receipt_number)).toEqual(before.receipts.map((r) => r.receipt_number));
    expect(again.join('\n')).toContain('has now taken it');
    expect(existsSync(converted)).toBe(false);
    expect(existsSync(`${dataDir}.pg18-1111`)).toBe(false);
    expect(existsSync(path.join(dataDir, 'MEYASU_CONVERTED'))).toBe(false);
  });

  it('is left as it was, with a message saying what to do, when it cannot be converted', async () => {
    const dataDir = path.join(root, 'custom', 'pglite');
    // A table of the city's own that the migrations do not know: copying only ours would lose it.
    await oldMeyasuFolder(dataDir, async (client) => {
      await client.exec(`create table city_notes (id int primary key, note text); insert into city_notes values (1, '残す');`);
    });
    const log: string[] = [];
    await expect(openEmbedded(dataDir, log)).rejects.toThrow(/could not be converted.*city_notes.*The folder is unchanged.*previous Meyasu version/);
    expect(readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim()).toBe('17');
    expect(readdirSync(path.dirname(dataDir))).toEqual(['pglite']);

    const old = await PGliteV03.create({ dataDir });
    try {
      expect((await old.query<{ note: string }>('select note from city_notes')).rows).toEqual([{ note: '残す' }]);
    } finally {
      await old.close();
    }
  });

  it('refuses a folder from an even older PostgreSQL, without touching it', async () => {
    const dataDir = path.join(root, 'ancient', 'pglite');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'PG_VERSION'), '16\n');
    await expect(openEmbedded(dataDir, [])).rejects.toThrow(/PostgreSQL 16.*cannot open or convert.*move the folder away/);
    expect(readdirSync(dataDir)).toEqual(['PG_VERSION']);
    expect(existsSync(path.join(root, 'ancient')) && readdirSync(path.join(root, 'ancient'))).toEqual(['pglite']);
  });
});
