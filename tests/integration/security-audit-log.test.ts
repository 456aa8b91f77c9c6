import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditLog, departments } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { recordAudit } from '../../app/audit/audit.server';
import { createTestDatabase } from '../support/db';

// The audit log in the database: even a bug or a script cannot rewrite it, and an entry
// lives and dies with the transaction of the change it describes.

describe('audit log storage', () => {
  let database: DatabaseHandle;
  const actor = { userId: null, ip: '192.0.2.1', userAgent: 'vitest', requestId: 'audit-test' };

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  it('refuses UPDATE and DELETE at the database level', async () => {
    await recordAudit(database.db, { ...actor, action: 'test.entry', entityType: 'test', entityId: 1, details: { n: 1 } });
    await expect(database.db.execute(sql`update audit_log set action = 'changed'`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.action, 'test.entry'));
    expect(rows).toHaveLength(1);
  });

  it('keeps no entry for a change that was rolled back', async () => {
    await expect(database.db.transaction(async (tx) => {
      await tx.insert(departments).values({ code: 'ghost', level: 'ka', nameJa: '幽霊課', nameTranslations: { en: 'Ghost' } });
      await recordAudit(tx, { ...actor, action: 'department.create', entityType: 'department', entityId: 'ghost' });
      throw new Error('the change fails after the entry was written');
    })).rejects.toThrow('the change fails');
    expect(await database.db.select().from(auditLog).where(eq(auditLog.entityId, 'ghost'))).toHaveLength(0);
  });
});
