import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

// PGlite 0.5 runs Postgres 18 and cannot open the Postgres 17 data folder that PGlite 0.3 (Meyasu
// before 2026-12) wrote. Postgres has no in-place upgrade here (pg_upgrade is not built for WASM),
// and the pg_dump of @electric-sql/pglite-tools is pinned to one PGlite version on each side, so
// the folder is copied table by table: the old engine (kept as @electric-sql/pglite-v03) first
// applies our migrations, then every table goes across with COPY into a fresh, migrated Postgres 18
// folder, and the sequences follow. The original folder is kept untouched beside it.

const CURRENT_PG_MAJOR = '18';
const CONVERTIBLE_PG_MAJOR = '17';

class DataFolderError extends Error {}

/** The Postgres major version that wrote the folder, or undefined for an empty or new folder. */
function dataFolderPgVersion(dataDir: string): string | undefined {
  const file = path.join(dataDir, 'PG_VERSION');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

interface TableCopy {
  name: string;
  columns: string[];
  rows: number;
  blob: Blob;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Schemas whose tables are the app's data (drizzle's own schema is written by the migrator). */
const TABLES_SQL = `
  select c.oid::int as oid, n.nspname as schema, c.relname as name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'drizzle')
  order by n.nspname, c.relname`;

/** Stored generated columns are computed again on the new side; COPY may not name them. */
const COLUMNS_SQL = `
  select attname as name from pg_attribute
  where attrelid = $1 and attnum > 0 and not attisdropped and attgenerated = ''
  order by attnum`;

const SEQUENCES_SQL = `
  select schemaname as schema, sequencename as name, last_value::text as last_value
  from pg_sequences where schemaname not in ('pg_catalog', 'information_schema', 'drizzle')`;

type Migrate = (client: PGlite) => Promise<void>;

async function readTables(client: PGlite) {
  const tables: TableCopy[] = [];
  for (const table of (await client.query<{ oid: number; schema: string; name: string }>(TABLES_SQL)).rows) {
    const columns = (await client.query<{ name: string }>(COLUMNS_SQL, [table.oid])).rows.map((c) => c.name);
    const name = `${quote(table.schema)}.${quote(table.name)}`;
    const copied = await client.query(`copy ${name} (${columns.map(quote).join(', ')}) to '/dev/blob' with (format binary)`);
    const counted = await client.query<{ n: number }>(`select count(*)::int as n from ${name}`);
    tables.push({ name, columns, rows: counted.rows[0]!.n, blob: copied.blob! });
  }
  const sequences = (await client.query<{ schema: string; name: string; last_value: string | null }>(SEQUENCES_SQL)).rows;
  return { tables, sequences };
}

async function writeTables(client: PGlite, { tables, sequences }: Awaited<ReturnType<typeof readTables>>) {
  const present = new Set((await client.query<{ schema: string; name: string }>(TABLES_SQL)).rows.map((t) => `${quote(t.schema)}.${quote(t.name)}`));
  const unknown = tables.filter((t) => !present.has(t.name)).map((t) => t.name);
  if (unknown.length > 0) throw new DataFolderError(`tables the migrations do not create: ${unknown.join(', ')}`);
  await client.transaction(async (tx) => {
    // Rows arrive in any order: foreign keys and triggers are not checked while they load (the
    // old database already held them consistent). Rows a migration inserted make way for the old ones.
    await tx.exec(`set local session_replication_role = replica`);
    if (tables.length > 0) await tx.exec(`truncate ${tables.map((t) => t.name).join(', ')}`);
    for (const table of tables) {
      await tx.query(`copy ${table.name} (${table.columns.map(quote).join(', ')}) from '/dev/blob' with (format binary)`, [], { blob: table.blob });
      const counted = await tx.query<{ n: number }>(`select count(*)::int as n from ${table.name}`);
      if (counted.rows[0]!.n !== table.rows) throw new DataFolderError(`${table.name}: ${table.rows} rows read, ${counted.rows[0]!.n} written`);
    }
    for (const sequence of sequences) {
      if (sequence.last_value === null) continue;
      await tx.query(`select setval($1, $2::bigint, true)`, [`${quote(sequence.schema)}.${quote(sequence.name)}`, sequence.last_value]);
    }
  });
  return tables.reduce((sum, t) => sum + t.rows, 0);
}

function stamp(now: Date) {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * Converts a PGlite 0.3 (Postgres 17) data folder to the current format in place, keeping the
 * original as `<dir>-pg17-backup-<time>`. Does nothing for a new or current folder. Throws a
 * DataFolderError, with the folder left as it was, when it cannot convert.
 */
/** Written into the converted folder once every table is across: only then may it take the name. */
const CONVERTED_MARKER = 'MEYASU_CONVERTED';

/**
 * A conversion interrupted between its two renames leaves no folder under the name and a
 * complete converted one beside it: finish the swap rather than start an empty database.
 * Converted folders without the marker (interrupted while copying) are leftovers: removed.
 */
function finishInterruptedSwap(dataDir: string, log: (message: string) => void) {
  const parent = path.dirname(dataDir);
  const prefix = `${path.basename(dataDir)}.pg${CURRENT_PG_MAJOR}-`;
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent).filter((n) => n.startsWith(prefix)).sort()) {
    const candidate = path.join(parent, name);
    if (dataFolderPgVersion(dataDir) === undefined && existsSync(path.join(candidate, CONVERTED_MARKER))) {
      rmSync(dataDir, { recursive: true, force: true });
      renameSync(candidate, dataDir);
      rmSync(path.join(dataDir, CONVERTED_MARKER), { force: true });
      log(`The embedded database in ${dataDir}: an earlier conversion to PostgreSQL ${CURRENT_PG_MAJOR} had stopped just before taking the folder's name; it has now taken it.`);
    } else {
      rmSync(candidate, { recursive: true, force: true });
    }
  }
}

export async function upgradeDataFolderIfNeeded(dataDir: string, migrate: Migrate, log: (message: string) => void): Promise<void> {
  finishInterruptedSwap(dataDir, log);
  const version = dataFolderPgVersion(dataDir);
  if (version === undefined || version === CURRENT_PG_MAJOR) return;
  const what = `The embedded database in ${dataDir} was written by PostgreSQL ${version}`;
  if (version !== CONVERTIBLE_PG_MAJOR) {
    throw new DataFolderError(`${what}, which this Meyasu cannot open or convert (it converts PostgreSQL ${CONVERTIBLE_PG_MAJOR} folders only). Start the Meyasu version that wrote it, or move the folder away to start with an empty database.`);
  }
  const backup = `${dataDir}-pg${version}-backup-${stamp(new Date())}`;
  const fresh = `${dataDir}.pg${CURRENT_PG_MAJOR}-${process.pid}`;
  log(`${what} (PGlite 0.3); converting it to PostgreSQL ${CURRENT_PG_MAJOR}. The original stays in ${backup}.`);
  cpSync(dataDir, backup, { recursive: true });
  const { PGlite: OldPGlite } = await import('@electric-sql/pglite-v03');
  const { PGlite: NewPGlite } = await import('@electric-sql/pglite');
  let rows: number;
  try {
    // The old engine works on the folder itself (the backup is the pristine copy) and brings it
    // to the current migrations first, so both sides have the same tables and columns.
    const old = await OldPGlite.create({ dataDir });
    let data: Awaited<ReturnType<typeof readTables>>;
    try {
      await migrate(old as unknown as PGlite);
      data = await readTables(old as unknown as PGlite);
    } finally {
      await old.close();
    }
    rmSync(fresh, { recursive: true, force: true });
    const next = await NewPGlite.create({ dataDir: fresh });
    try {
      await migrate(next);
      rows = await writeTables(next, data);
    } finally {
      await next.close();
    }
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
    renameSync(backup, dataDir);
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataFolderError(`${what} (PGlite 0.3) and could not be converted to PostgreSQL ${CURRENT_PG_MAJOR}: ${reason}. The folder is unchanged. Start the previous Meyasu version to keep using it (or export it with its pg_dump), or move the folder away to start with an empty database.`);
  }
  // Swap by renames, so the folder is whole under its name at every moment but one rename; a
  // stop between the two is finished by the next start (finishInterruptedSwap, the marker).
  writeFileSync(path.join(fresh, CONVERTED_MARKER), `${rows} rows\n`);
  const retired = `${dataDir}.pg${version}-${process.pid}`;
  renameSync(dataDir, retired);
  renameSync(fresh, dataDir);
  rmSync(path.join(dataDir, CONVERTED_MARKER), { force: true });
  rmSync(retired, { recursive: true, force: true });
  log(`The embedded database in ${dataDir} now runs on PostgreSQL ${CURRENT_PG_MAJOR} (${rows} rows copied); the PostgreSQL ${version} original is in ${backup}: delete it once you are satisfied.`);
}
