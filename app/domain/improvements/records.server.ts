import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Database, type Executor } from '#db/client';
import { findingClass, improvementLevel, improvementRecordSubmissions, improvementRecords, improvementType } from '#db/schema/index';
import { requirePermission, type ImprovementActor } from './access';
import { ImprovementRuleError } from './errors';
import { openFromSchema, requireVoices, resolveSource, type OpenFrom } from './sources.server';
import {
  addRecordEvent, auditImprovement, idSchema, isoDateSchema, lockRecord, longText, optionalLongText,
  parseInput, requireOwner, saveRecord, shortText,
} from './store.server';
import { fiscalYearOf } from '../fiscal-year';
import { cleanTranslations } from '~/i18n/city-text';
import { supportedLanguages } from '~/i18n/resources.server';
import { isUniqueViolation } from '~/utils/unique-violation';

// 是正・予防処置: opening a record, linking voices, the PLAN and ACT write-ups, archiving.
// Stage changes live in stage-changes.server.ts, actions in
// actions.server.ts; everything is re-exported here for the screens.

export * from './actions.server';
export * from './stage-changes.server';
export * from './queries.server';
export * from './satisfaction.server';
;

const recordDetails = z.object({
  title: shortText,
  type: z.enum(improvementType.enumValues),
  findingClass: z.enum(findingClass.enumValues),
  level: z.enum(improvementLevel.enumValues),
  ownerDepartmentId: idSchema,
  ownerUserId: idSchema.nullish(),
  dueDate: isoDateSchema.nullish(),
  checkDueDate: isoDateSchema.nullish(),
  problemStatement: longText,
});

export type OpenImprovementRecordInput = z.input<typeof recordDetails> & OpenFrom;

export interface OpenedRecord {
  id: number;
  number: string;
  version: number;
}

/** IR-2026-002: the record number of a fiscal year's n-th record. */
function formatRecordNumber(fiscalYear: number, sequence: number): string {
  return `IR-${fiscalYear}-${String(sequence).padStart(3, '0')}`;
}

/** Arbitrary key of the transaction-scoped lock that makes openers take numbers one at a time. */
const NUMBER_LOCK_KEY = 0x1e2026;

async function nextRecordNumber(tx: Executor, fiscalYear: number): Promise<string> {
  // Openers queue here instead of colliding on the unique number; the retry stays as a safety net.
  await queryRows(tx, sql`select pg_advisory_xact_lock(${NUMBER_LOCK_KEY}, ${fiscalYear})`);
  const [row] = await queryRows<{ last: number | string | null }>(tx, sql`
    select max(substring(${improvementRecords.number} from ${`^IR-${fiscalYear}-(\\d+)$`})::int) as last
    from ${improvementRecords} where ${improvementRecords.number} like ${`IR-${fiscalYear}-%`}`);
  return formatRecordNumber(fiscalYear, Number(row?.last ?? 0) + 1);
}

const OPEN_ATTEMPTS = 5;

/**
 * Opens a record in PLAN from voices (`source: 'voice', submissionIds`) or from another source
 * (`sourceRef`). Reform team only. The origin is kept in the "opened" event.
 */
export async function openImprovementRecord(db: Database, actor: ImprovementActor, input: OpenImprovementRecordInput): Promise<OpenedRecord> {
  requirePermission(actor.user, 'improvement:manage');
  const details = parseInput(recordDetails, input);
  const from = parseInput(openFromSchema, input);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(async (tx) => {
        const source = await resolveSource(tx, from);
        const submissionIds = [...new Set(source.submissionIds)];
        await requireVoices(tx, submissionIds);
        await requireOwner(tx, details.ownerDepartmentId, details.ownerUserId);
        const now = new Date();
        const number = await nextRecordNumber(tx, fiscalYearOf(now));
        const [record] = await tx.insert(improvementRecords).values({
          number,
          title: details.title,
          type: details.type,
          findingClass: details.findingClass,
          level: details.level,
          source: from.source,
          stage: 'plan',
          ownerDepartmentId: details.ownerDepartmentId,
          ownerUserId: details.ownerUserId ?? null,
          dueDate: details.dueDate ?? null,
          checkDueDate: details.checkDueDate ?? null,
          auditFindingId: source.auditFindingId,
          problemStatement: details.problemStatement,
          createdById: actor.user.id,
          createdAt: now,
          updatedAt: now,
        }).returning({ id: improvementRecords.id, number: improvementRecords.number, version: improvementRecords.version });
        const opened = record!;
        if (submissionIds.length > 0) {
          await tx.insert(improvementRecordSubmissions).values(submissionIds.map((submissionId) => ({ recordId: opened.id, submissionId })));
        }
        await source.afterOpen?.(tx, opened.id);
        const origin = { source: from.source, sourceRef: source.sourceRef, counterId: source.counterId, submissionIds };
        await addRecordEvent(tx, actor, opened.id, 'opened', origin);
        await auditImprovement(tx, actor, 'improvement.open', { type: 'improvement_record', id: opened.id }, { number, ...origin });
        return opened;
      });
    } catch (error) {
      if (attempt < OPEN_ATTEMPTS && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

const linkSchema = z.object({ recordId: idSchema, version: z.number().int().optional(), submissionIds: z.array(idSchema).min(1).max(500) });

/** Links more voices to an open record; voices already linked are left as they are. */
export async function linkVoices(
  db: Database, actor: ImprovementActor, input: z.input<typeof linkSchema>,
): Promise<{ version: number; linked: number[] }> {
  requirePermission(actor.user, 'improvement:manage');
  const { recordId, version, submissionIds } = parseInput(linkSchema, input);
  return db.transaction(async (tx) => {
    const record = await lockRecord(tx, recordId, version);
    if (record.stage === 'closed') throw new ImprovementRuleError('stage_locked', { details: { stage: record.stage } });
    const ids = [...new Set(submissionIds)];
    await requireVoices(tx, ids);
    const linked = await tx.insert(improvementRecordSubmissions)
      .values(ids.map((submissionId) => ({ recordId, submissionId })))
      .onConflictDoNothing()
      .returning({ id: improvementRecordSubmissions.submissionId });
    const newIds = linked.map((l) => l.id);
    const newVersion = await saveRecord(tx, record, {});
    await addRecordEvent(tx, actor, recordId, 'voices_linked', { submissionIds: newIds });
    await auditImprovement(tx, actor, 'improvement.link_voices', { type: 'improvement_record', id: recordId }, { submissionIds: newIds });
    return { version: newVersion, linked: newIds };
  });
}

/** PLAN write-up: editable only while the record is in PLAN. */
const PLAN_FIELDS = ['problemStatement', 'immediateCorrection', 'correctionConsequences', 'causeAnalysis', 'similarProblems'] as const;

const planSchema = z.object({
  recordId: idSchema,
  version: z.number().int(),
  title: shortText.optional(),
  type: z.enum(improvementType.enumValues).optional(),
  findingClass: z.enum(findingClass.enumValues).optional(),
  level: z.enum(improvementLevel.enumValues).optional(),
  ownerDepartmentId: idSchema.optional(),
  ownerUserId: idSchema.nullable().optional(),
  dueDate: isoDateSchema.nullable().optional(),
  checkDueDate: isoDateSchema.nullable().optional(),
  problemStatement: longText.optional(),
  immediateCorrection: optionalLongText.optional(),
  correctionConsequences: optionalLongText.optional(),
  causeAnalysis: optionalLongText.optional(),
  similarProblems: optionalLongText.optional(),
});

export type UpdatePlanInput = z.input<typeof planSchema>;

/**
 * Edits the record: the classification, owner and dates while it is open; the SEE/PLAN texts
 * (problem, correction, cause analysis, similar problems) only in PLAN — after that they are
 * what the actions were planned from, and "not effective" reopens PLAN to change them.
 */
export async function updatePlan(db: Database, actor: ImprovementActor, input: UpdatePlanInput): Promise<{ version: number }> {
  requirePermission(actor.user, 'improvement:manage');
  const { recordId, version, ...changes } = parseInput(planSchema, input);
  return db.transaction(async (tx) => {
    const record = await lockRecord(tx, recordId, version);
    const touchesPlan = PLAN_FIELDS.some((f) => changes[f] !== undefined);
    if (record.stage === 'closed' || (touchesPlan && record.stage !== 'plan')) {
      throw new ImprovementRuleError('stage_locked', { details: { stage: record.stage } });
    }
    const ownerDepartmentId = changes.ownerDepartmentId ?? record.ownerDepartmentId;
    const ownerUserId = changes.ownerUserId !== undefined ? changes.ownerUserId : record.ownerUserId;
    if (changes.ownerDepartmentId !== undefined || changes.ownerUserId !== undefined) await requireOwner(tx, ownerDepartmentId, ownerUserId);
    const fields = Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined);
    const newVersion = await saveRecord(tx, record, changes);
    await addRecordEvent(tx, actor, recordId, 'plan_updated', { fields });
    await auditImprovement(tx, actor, 'improvement.update', { type: 'improvement_record', id: recordId }, { fields });
    return { version: newVersion };
  });
}

const actSchema = z.object({
  recordId: idSchema,
  version: z.number().int(),
  standardisation: optionalLongText.optional(),
  risksUpdated: optionalLongText.optional(),
  publicSummaryJa: optionalLongText.optional(),
  /** The summary in other languages, keyed by language code; replaces the stored map when given. */
  publicSummaryTranslations: z.record(z.string(), z.string().max(10_000)).optional(),
});

/**
 * ACT write-up: how the fix was standardised (業務手順書 updated — or a note why it is not
 * needed), risks updated, and the public summary residents will read ("you said, we did").
 */
export async function recordActOutcome(db: Database, actor: ImprovementActor, input: z.input<typeof actSchema>): Promise<{ version: number }> {
  requirePermission(actor.user, 'improvement:manage');
  const { recordId, version, publicSummaryTranslations, ...texts } = parseInput(actSchema, input);
  // Only languages this installation has, so a stale or forged field cannot store another.
  const changes = {
    ...texts,
    publicSummaryTranslations: publicSummaryTranslations && cleanTranslations(publicSummaryTranslations, supportedLanguages()),
  };
  return db.transaction(async (tx) => {
    const record = await lockRecord(tx, recordId, version);
    if (record.stage !== 'act') throw new ImprovementRuleError('stage_locked', { details: { stage: record.stage } });
    const fields = Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined);
    const newVersion = await saveRecord(tx, record, changes);
    await addRecordEvent(tx, actor, recordId, 'act_recorded', { fields });
    await auditImprovement(tx, actor, 'improvement.act', { type: 'improvement_record', id: recordId }, { fields });
    return { version: newVersion };
  });
}

const archiveSchema = z.object({ recordId: idSchema, version: z.number().int(), reason: z.string().trim().max(2000) });

/** Records are never deleted: archived, with a reason, off the boards, still readable. */
export async function archiveImprovementRecord(db: Database, actor: ImprovementActor, input: z.input<typeof archiveSchema>): Promise<{ version: number }> {
  requirePermission(actor.user, 'improvement:manage');
  const { recordId, version, reason } = parseInput(archiveSchema, input);
  if (reason === '') throw new ImprovementRuleError('archive_reason_missing');
  return db.transaction(async (tx) => {
    const record = await lockRecord(tx, recordId, version, { allowArchived: true });
    if (record.archivedAt) throw new ImprovementRuleError('already_archived');
    const newVersion = await saveRecord(tx, record, { archivedAt: new Date(), archiveReason: reason });
    await addRecordEvent(tx, actor, recordId, 'archived', { reason, stage: record.stage });
    await auditImprovement(tx, actor, 'improvement.archive', { type: 'improvement_record', id: recordId }, { reason, stage: record.stage });
    return { version: newVersion };
  });
}

/** The id of a record by its number (IR-2026-002), for routes that carry the number. */
export async function recordIdByNumber(db: Executor, number: string): Promise<number | null> {
  const [row] = await db.select({ id: improvementRecords.id }).from(improvementRecords).where(eq(improvementRecords.number, number));
  return row?.id ?? null;
}
