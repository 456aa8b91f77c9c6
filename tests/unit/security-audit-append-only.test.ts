import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Acceptance 5: the app has no code path that edits or deletes audit entries. Every source
// file of the app, the database layer, the emails and the scripts is searched for an update
// or delete of the audit log, in drizzle or in raw SQL.

const ROOTS = ['app', 'db/schema', 'db/client.ts', 'emails', 'scripts'];
const FORBIDDEN = [
  /\.update\(\s*auditLog\b/,
  /\.delete\(\s*auditLog\b/,
  /\b(update|delete\s+from|truncate(\s+table)?)\s+"?audit_log"?/i,
  /\balter\s+table\s+"?audit_log"?\s+(disable|drop)/i,
];

function sourceFiles(entry: string): string[] {
  let stat;
  try {
    stat = statSync(entry);
  } catch {
    return [];
  }
  if (stat.isFile()) return /\.(ts|tsx|js|mjs|sql)$/.test(entry) ? [entry] : [];
  return readdirSync(entry).flatMap((child) => (child === 'node_modules' ? [] : sourceFiles(path.join(entry, child))));
}

describe('the audit log is append-only in the code', () => {
  const files = ROOTS.flatMap((root) => sourceFiles(path.resolve(root)));

  it('searches a real source tree', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.endsWith(path.join('app', 'audit', 'audit.server.ts')))).toBe(true);
  });

  it('finds no update, delete or truncate of audit_log anywhere in the app', () => {
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return FORBIDDEN.filter((pattern) => pattern.test(text)).map((pattern) => `${path.relative(process.cwd(), file)}: ${pattern}`);
    });
    expect(offenders).toEqual([]);
  });

  it('would notice one (the patterns match the forms a mistake would take)', () => {
    const samples = ['await tx.update(auditLog).set({})', 'db.delete( auditLog )', "sql`DELETE FROM audit_log WHERE id = 1`", 'UPDATE "audit_log" SET action = 1', 'truncate table audit_log'];
    for (const sample of samples) expect(FORBIDDEN.some((p) => p.test(sample)), sample).toBe(true);
    expect(FORBIDDEN.some((p) => p.test('await tx.insert(auditLog).values({})'))).toBe(false);
  });
});
