import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../db/client';
import { citySettings } from '../../db/schema/index';
import { fiscalYearStart } from '../../app/domain/retention';
import { RETENTION_BATCH_SIZE, runRetention } from '../../app/domain/retention.server';
import { LocalDiskPhotoStorage } from '../../app/storage/photo-storage.server';

// The erasure job on the large dataset (issue 16, acceptance 4): the clock is moved so that the
// oldest fiscal year of voices is past its period, and the job erases it batch after batch.
// Every batch is one transaction, and the job holds no lock outside one (row locks and the
// advisory lock are transaction-level), so the longest transaction bounds every lock it held.
// The other periods are set to their maximum for the run, so only that year's voices are
// erased; the settings are put back afterwards.

export interface RetentionTiming {
  fiscalYear: number;
  voices: number;
  batches: number;
  longestTransactionMs: number;
  totalMs: number;
  rearmed: boolean;
}

export async function timeRetentionErasure(databaseUrl: string): Promise<RetentionTiming> {
  const handle = await openDatabase({ driver: 'postgres', url: databaseUrl, maxConnections: 2 });
  const storageDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-bench-retention-'));
  const { db } = handle;
  try {
    const [oldest] = await queryRows<{ fy: number }>(db, sql`select min(fiscal_year)::int as fy from submissions`);
    const fiscalYear = oldest!.fy;
    // A reused database had this year erased by an earlier run: the bench makes it due again.
    const [erased] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from submissions where fiscal_year = ${fiscalYear} and personal_data_erased_at is not null`);
    const rearmed = erased!.n > 0;
    if (rearmed) await db.execute(sql`update submissions set personal_data_erased_at = null where fiscal_year = ${fiscalYear}`);
    const [before] = await db.select().from(citySettings).where(eq(citySettings.id, 1));
    await db.update(citySettings).set({ retentionVoiceYears: 5, retentionContactMonths: 360, retentionPhotoMonths: 360, retentionAuditYears: 30, retentionMailDays: 3650 })
      .where(eq(citySettings.id, 1));
    try {
      const now = new Date(fiscalYearStart(fiscalYear + 6).getTime() + 86_400_000);
      const started = performance.now();
      const report = await runRetention(db, now, { storage: new LocalDiskPhotoStorage(storageDir), batchSize: RETENTION_BATCH_SIZE });
      return { fiscalYear, voices: report.voices, batches: report.batches, longestTransactionMs: report.longestBatchMs, totalMs: performance.now() - started, rearmed };
    } finally {
      await db.update(citySettings).set({
        retentionVoiceYears: before!.retentionVoiceYears, retentionContactMonths: before!.retentionContactMonths, retentionPhotoMonths: before!.retentionPhotoMonths,
        retentionAuditYears: before!.retentionAuditYears, retentionMailDays: before!.retentionMailDays,
      }).where(eq(citySettings.id, 1));
    }
  } finally {
    rmSync(storageDir, { recursive: true, force: true });
    await handle.close();
  }
}
