import { and, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Database, Executor } from '#db/client';
import {
  auditFindings, departments, findingClass, improvementLevel, improvementRecords, improvementType, users,
  type FindingClass,
} from '#db/schema/index';
import { roleHasPermission } from '~/auth/permissions';
import type { StaffUser } from '~/auth/session.server';
import { requirePermission, type ImprovementActor } from './improvements/access';
import { ImprovementRuleError } from './improvements/errors';
import { openImprovementRecord, type OpenedRecord } from './improvements/records.server';
import { auditImprovement, idSchema, isoDateSchema, longText, parseInput, requireDepartment, shortText } from './improvements/store.server';
import { fiscalYearRange } from './fiscal-year';
import { japanDate } from '~/japan-time';

// 内部監査: auditors record findings with Naha's finding classes; an external audit's
// findings are recorded the same way with the body that audited. The reform team turns a
// finding into an improvement record (one record per finding).

const findingSchema = z.object({
  departmentId: idSchema,
  findingClass: z.enum(findingClass.enumValues),
  description: longText,
  foundOn: isoDateSchema,
  externalBody: z.string().trim().max(200).nullish().transform((v) => (v ? v : null)),
});

export async function recordAuditFinding(
  db: Database, actor: ImprovementActor, input: z.input<typeof findingSchema>,
): Promise<{ id: number }> {
  requirePermission(actor.user, 'audit_finding:record');
  const finding = parseInput(findingSchema, input);
  if (finding.foundOn > japanDate(new Date())) throw new ImprovementRuleError('found_on_in_future');
  return db.transaction(async (tx) => {
    await requireDepartment(tx, finding.departmentId);
    const [created] = await tx.insert(auditFindings).values({ ...finding, auditorId: actor.user.id }).returning({ id: auditFindings.id });
    await auditImprovement(tx, actor, 'audit_finding.record', { type: 'audit_finding', id: created!.id }, {
      departmentId: finding.departmentId, findingClass: finding.findingClass, external: finding.externalBody !== null,
    });
    return { id: created!.id };
  });
}

export interface AuditFindingFilters {
  departmentId?: number;
  findingClass?: FindingClass;
  /** true: external audits only; false: internal only. */
  external?: boolean;
  /** 年度 of the day found. */
  fiscalYear?: number;
}

const auditor = alias(users, 'auditor');

/** Findings, newest first: every 課 for roles that read everything, otherwise one's own 課. */
export async function listAuditFindings(db: Executor, viewer: Pick<StaffUser, 'role' | 'departmentId'>, filters: AuditFindingFilters = {}) {
  requirePermission(viewer, 'improvement:read');
  const where: (SQL | undefined)[] = [];
  if (!roleHasPermission(viewer.role, 'voice:read_all')) {
    where.push(viewer.departmentId === null ? sql`false` : eq(auditFindings.departmentId, viewer.departmentId));
  }
  if (filters.departmentId !== undefined) where.push(eq(auditFindings.departmentId, filters.departmentId));
  if (filters.findingClass) where.push(eq(auditFindings.findingClass, filters.findingClass));
  if (filters.external === true) where.push(isNotNull(auditFindings.externalBody));
  if (filters.external === false) where.push(isNull(auditFindings.externalBody));
  if (filters.fiscalYear !== undefined) {
    const { start, end } = fiscalYearRange(filters.fiscalYear);
    where.push(sql`${auditFindings.foundOn} between ${start}::date and ${end}::date`);
  }
  const rows = await db.select({
    finding: auditFindings,
    auditorName: auditor.displayName,
    departmentJa: departments.nameJa,
    departmentTranslations: departments.nameTranslations,
    recordNumber: sql<string | null>`(select ${improvementRecords.number} from ${improvementRecords}
      where ${improvementRecords.auditFindingId} = ${auditFindings.id} and ${improvementRecords.archivedAt} is null limit 1)`,
  })
    .from(auditFindings)
    .innerJoin(departments, eq(departments.id, auditFindings.departmentId))
    .innerJoin(auditor, eq(auditor.id, auditFindings.auditorId))
    .where(and(...where))
    .orderBy(desc(auditFindings.foundOn), desc(auditFindings.id));
  return rows.map((r) => ({
    ...r.finding,
    external: r.finding.externalBody !== null,
    auditorName: r.auditorName,
    department: { id: r.finding.departmentId, nameJa: r.departmentJa, nameTranslations: r.departmentTranslations },
    recordNumber: r.recordNumber,
  }));
}

/** The usual kind of action for a finding class: a nonconformity is corrected, a potential one prevented. */
export function defaultImprovementType(findingClassValue: FindingClass): 'corrective' | 'preventive' | 'improvement' {
  if (findingClassValue === 'nonconformity' || findingClassValue === 'minor_nonconformity') return 'corrective';
  if (findingClassValue === 'potential_nonconformity') return 'preventive';
  return 'improvement';
}

const turnSchema = z.object({
  findingId: idSchema,
  title: shortText,
  level: z.enum(improvementLevel.enumValues),
  type: z.enum(improvementType.enumValues).optional(),
  ownerDepartmentId: idSchema.optional(),
  ownerUserId: idSchema.nullish(),
  problemStatement: longText.optional(),
  dueDate: isoDateSchema.nullish(),
});

/**
 * The reform team turns a finding into a record: source internal_audit or external_audit,
 * audit_finding_id set, the finding's class and 課 (unless another owner is chosen).
 */
export async function turnFindingIntoRecord(db: Database, actor: ImprovementActor, input: z.input<typeof turnSchema>): Promise<OpenedRecord> {
  requirePermission(actor.user, 'improvement:manage');
  const chosen = parseInput(turnSchema, input);
  const [finding] = await db.select().from(auditFindings).where(eq(auditFindings.id, chosen.findingId));
  if (!finding) throw new ImprovementRuleError('source_ref_not_found', { details: { auditFindingId: chosen.findingId } });
  return openImprovementRecord(db, actor, {
    source: finding.externalBody !== null ? 'external_audit' : 'internal_audit',
    sourceRef: { auditFindingId: finding.id },
    title: chosen.title,
    type: chosen.type ?? defaultImprovementType(finding.findingClass),
    findingClass: finding.findingClass,
    level: chosen.level,
    ownerDepartmentId: chosen.ownerDepartmentId ?? finding.departmentId,
    ownerUserId: chosen.ownerUserId,
    problemStatement: chosen.problemStatement ?? finding.description,
    dueDate: chosen.dueDate,
  });
}
