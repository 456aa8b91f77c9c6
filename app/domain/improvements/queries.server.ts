import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '#db/client';
import {
  auditFindings, categories, departments, improvementActions, improvementRecordEvents, improvementRecordSubmissions,
  type improvementLevel, improvementRecords, type improvementSource, submissions, users,
  type FindingClass, type ImprovementStage,
} from '#db/schema/index';
import { visibleSubmissionsWhere } from '~/auth/scope.server';
import type { StaffUser } from '~/auth/session.server';
import { localText } from '~/i18n/city-text';
import { requirePermission } from './access';
import { checkTransition, nextStages } from './stages';
import { stageFactsOf } from './store.server';
import { japanDate } from '~/japan-time';

// Read models of the improvement records: the board and list, one record's page (voices,
// actions, history, what is still missing for its next stage), and the public list.

type Reader = Pick<StaffUser, 'id' | 'role' | 'departmentId'>;
type ImprovementLevel = (typeof improvementLevel.enumValues)[number];
type ImprovementSource = (typeof improvementSource.enumValues)[number];

export interface ImprovementListFilters {
  stage?: ImprovementStage | ImprovementStage[];
  ownerDepartmentId?: number;
  level?: ImprovementLevel;
  findingClass?: FindingClass;
  source?: ImprovementSource;
  /** Past its due date and not closed, or with an action past its due date and not done. */
  overdue?: boolean;
  /** Archived records are off the boards unless asked for ('only' lists just them). */
  archived?: 'exclude' | 'include' | 'only';
  page?: number;
  pageSize?: number;
  /** The day "overdue" is measured against (YYYY-MM-DD, Japan); today by default. */
  today?: string;
}

const MAX_PAGE_SIZE = 200;

/** Overdue as the board means it; `today` is a Japan calendar date. */
function overdueSql(today: string): SQL {
  // coalesce: a record without a due date is "not overdue", never unknown (NOT NULL is NULL).
  return sql`(${improvementRecords.stage} <> 'closed' and (coalesce(${improvementRecords.dueDate} < ${today}::date, false) or exists (
    select 1 from ${improvementActions} where ${improvementActions.recordId} = ${improvementRecords.id}
      and ${improvementActions.doneAt} is null and ${improvementActions.dueDate} < ${today}::date)))`;
}

function filterConditions(filters: ImprovementListFilters, today: string, withStage: boolean): SQL[] {
  const where: SQL[] = [];
  const archived = filters.archived ?? 'exclude';
  if (archived === 'exclude') where.push(isNull(improvementRecords.archivedAt));
  if (archived === 'only') where.push(isNotNull(improvementRecords.archivedAt));
  if (withStage && filters.stage !== undefined) {
    const stages = Array.isArray(filters.stage) ? filters.stage : [filters.stage];
    where.push(stages.length > 0 ? inArray(improvementRecords.stage, stages) : sql`false`);
  }
  if (filters.ownerDepartmentId !== undefined) where.push(eq(improvementRecords.ownerDepartmentId, filters.ownerDepartmentId));
  if (filters.level) where.push(eq(improvementRecords.level, filters.level));
  if (filters.findingClass) where.push(eq(improvementRecords.findingClass, filters.findingClass));
  if (filters.source) where.push(eq(improvementRecords.source, filters.source));
  if (filters.overdue === true) where.push(overdueSql(today));
  if (filters.overdue === false) where.push(sql`not ${overdueSql(today)}`);
  return where;
}

const ownerUser = alias(users, 'owner_user');

/** The board and the list: filtered, paged, newest first, with the count per stage for the board's columns. */
export async function listImprovementRecords(db: Executor, user: Reader, filters: ImprovementListFilters = {}) {
  requirePermission(user, 'improvement:read');
  const today = filters.today ?? japanDate(new Date());
  const pageSize = Math.min(Math.max(1, Math.trunc(filters.pageSize ?? 50)), MAX_PAGE_SIZE);
  const page = Math.max(1, Math.trunc(filters.page ?? 1));
  const where = and(...filterConditions(filters, today, true));
  const [totalRows, rows, stageRows] = await Promise.all([
    db.select({ n: count() }).from(improvementRecords).where(where),
    db.select({
      id: improvementRecords.id,
      number: improvementRecords.number,
      title: improvementRecords.title,
      stage: improvementRecords.stage,
      type: improvementRecords.type,
      findingClass: improvementRecords.findingClass,
      level: improvementRecords.level,
      source: improvementRecords.source,
      ownerDepartmentId: improvementRecords.ownerDepartmentId,
      ownerDepartmentJa: departments.nameJa,
      ownerDepartmentTranslations: departments.nameTranslations,
      ownerUserId: improvementRecords.ownerUserId,
      ownerUserName: ownerUser.displayName,
      dueDate: improvementRecords.dueDate,
      createdAt: improvementRecords.createdAt,
      closedAt: improvementRecords.closedAt,
      archivedAt: improvementRecords.archivedAt,
      version: improvementRecords.version,
      overdue: sql<boolean>`${overdueSql(today)}`,
      openActions: sql<number>`(select count(*)::int from ${improvementActions} where ${improvementActions.recordId} = ${improvementRecords.id} and ${improvementActions.doneAt} is null)`,
      linkedVoices: sql<number>`(select count(*)::int from ${improvementRecordSubmissions} where ${improvementRecordSubmissions.recordId} = ${improvementRecords.id})`,
    })
      .from(improvementRecords)
      .innerJoin(departments, eq(departments.id, improvementRecords.ownerDepartmentId))
      .leftJoin(ownerUser, eq(ownerUser.id, improvementRecords.ownerUserId))
      .where(where)
      .orderBy(desc(improvementRecords.createdAt), desc(improvementRecords.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ stage: improvementRecords.stage, n: count() })
      .from(improvementRecords)
      .where(and(...filterConditions(filters, today, false)))
      .groupBy(improvementRecords.stage),
  ]);
  const stageCounts = { plan: 0, do: 0, check: 0, act: 0, closed: 0 } satisfies Record<ImprovementStage, number>;
  for (const row of stageRows) stageCounts[row.stage] = Number(row.n);
  return {
    items: rows.map((r) => ({ ...r, overdue: r.overdue === true, openActions: Number(r.openActions), linkedVoices: Number(r.linkedVoices) })),
    total: Number(totalRows[0]?.n ?? 0),
    page,
    pageSize,
    stageCounts,
  };
}


const checker = alias(users, 'checker');
const actionOwner = alias(users, 'action_owner');

/**
 * One record's page, by id or number (IR-2026-002): the record, its origin, linked voices
 * (title only where the reader may read the voice), actions, history, and for each next
 * stage what is still missing. Archived records are readable too. Null when not found.
 */
export async function getImprovementRecord(db: Executor, user: Reader, ref: number | string, options: { today?: string } = {}) {
  requirePermission(user, 'improvement:read');
  const today = options.today ?? japanDate(new Date());
  const [record] = await db.select({
    record: improvementRecords,
    ownerDepartmentJa: departments.nameJa,
    ownerDepartmentTranslations: departments.nameTranslations,
    ownerUserName: ownerUser.displayName,
    checkedByName: checker.displayName,
  })
    .from(improvementRecords)
    .innerJoin(departments, eq(departments.id, improvementRecords.ownerDepartmentId))
    .leftJoin(ownerUser, eq(ownerUser.id, improvementRecords.ownerUserId))
    .leftJoin(checker, eq(checker.id, improvementRecords.checkedById))
    .where(typeof ref === 'number' ? eq(improvementRecords.id, ref) : eq(improvementRecords.number, ref));
  if (!record) return null;
  const id = record.record.id;
  const actionDepartment = alias(departments, 'action_department');
  const [voices, actions, events, finding, facts] = await Promise.all([
    db.select({
      id: submissions.id,
      receiptNumber: submissions.receiptNumber,
      readable: sql<boolean>`${visibleSubmissionsWhere(user)}`,
      title: submissions.title,
      kind: submissions.kind,
      channel: submissions.channel,
      status: submissions.status,
      categoryId: submissions.categoryId,
      categoryJa: categories.nameJa,
      categoryTranslations: categories.nameTranslations,
      counterId: submissions.counterId,
      receivedAt: submissions.receivedAt,
      published: sql<boolean>`${submissions.publishedAt} is not null`,
      linkedAt: improvementRecordSubmissions.linkedAt,
    })
      .from(improvementRecordSubmissions)
      .innerJoin(submissions, eq(submissions.id, improvementRecordSubmissions.submissionId))
      .leftJoin(categories, eq(categories.id, submissions.categoryId))
      .where(eq(improvementRecordSubmissions.recordId, id))
      .orderBy(asc(submissions.receivedAt), asc(submissions.id)),
    db.select({
      action: improvementActions,
      ownerDepartmentJa: actionDepartment.nameJa,
      ownerDepartmentTranslations: actionDepartment.nameTranslations,
      ownerUserName: actionOwner.displayName,
    })
      .from(improvementActions)
      .leftJoin(actionDepartment, eq(actionDepartment.id, improvementActions.ownerDepartmentId))
      .leftJoin(actionOwner, eq(actionOwner.id, improvementActions.ownerUserId))
      .where(eq(improvementActions.recordId, id))
      .orderBy(asc(improvementActions.id)),
    db.select({ event: improvementRecordEvents, actorName: users.displayName })
      .from(improvementRecordEvents)
      .leftJoin(users, eq(users.id, improvementRecordEvents.actorUserId))
      .where(eq(improvementRecordEvents.recordId, id))
      .orderBy(asc(improvementRecordEvents.at), asc(improvementRecordEvents.id)),
    record.record.auditFindingId
      ? db.select().from(auditFindings).where(eq(auditFindings.id, record.record.auditFindingId)).then((r) => r[0] ?? null)
      : Promise.resolve(null),
    stageFactsOf(db, record.record),
  ]);
  const opened = events.find((e) => e.event.type === 'opened')?.event.data ?? {};
  return {
    ...record.record,
    ownerDepartment: { id: record.record.ownerDepartmentId, nameJa: record.ownerDepartmentJa, nameTranslations: record.ownerDepartmentTranslations },
    ownerUserName: record.ownerUserName,
    checkedByName: record.checkedByName,
    origin: { source: record.record.source, sourceRef: (opened.sourceRef ?? {}) as Record<string, number>, counterId: (opened.counterId ?? null) as number | null },
    auditFinding: finding,
    voices: voices.map(({ readable, title, ...v }) => ({ ...v, readable: readable === true, title: readable === true ? title : null })),
    actions: actions.map((a) => ({
      ...a.action,
      ownerDepartment: a.action.ownerDepartmentId ? { id: a.action.ownerDepartmentId, nameJa: a.ownerDepartmentJa, nameTranslations: a.ownerDepartmentTranslations } : null,
      ownerUserName: a.ownerUserName,
      overdue: a.action.doneAt === null && a.action.dueDate !== null && a.action.dueDate < today,
    })),
    history: events.map((e) => ({ ...e.event, actorName: e.actorName })),
    /** For each stage the record may move to: what is still missing (empty when ready). */
    readiness: nextStages(record.record.stage)
      .filter((to) => to !== 'plan')
      .map((to) => {
        const check = checkTransition(facts, to);
        return { to, violations: check.ok ? [] : check.violations };
      }),
  };
}


/** The public "improvements" page: closed, not archived, with only the published titles of their voices. */
export async function listPublicImprovements(db: Executor, language: string, options: { page?: number; pageSize?: number } = {}) {
  const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? 20)), 100);
  const page = Math.max(1, Math.trunc(options.page ?? 1));
  const where = and(eq(improvementRecords.stage, 'closed'), isNotNull(improvementRecords.closedAt), isNull(improvementRecords.archivedAt));
  const [totalRows, rows] = await Promise.all([
    db.select({ n: count() }).from(improvementRecords).where(where),
    db.select({
      id: improvementRecords.id,
      number: improvementRecords.number,
      title: improvementRecords.title,
      type: improvementRecords.type,
      level: improvementRecords.level,
      summaryJa: improvementRecords.publicSummaryJa,
      summaryTranslations: improvementRecords.publicSummaryTranslations,
      closedAt: improvementRecords.closedAt,
      departmentJa: departments.nameJa,
      departmentTranslations: departments.nameTranslations,
    })
      .from(improvementRecords)
      .innerJoin(departments, eq(departments.id, improvementRecords.ownerDepartmentId))
      .where(where)
      .orderBy(desc(improvementRecords.closedAt), desc(improvementRecords.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  ]);
  // Only published voices, and only the title staff wrote for publication (personal data removed).
  const voices = rows.length === 0 ? [] : await db.select({
    recordId: improvementRecordSubmissions.recordId,
    receiptNumber: submissions.receiptNumber,
    publishedTitle: submissions.publishedTitle,
  })
    .from(improvementRecordSubmissions)
    .innerJoin(submissions, eq(submissions.id, improvementRecordSubmissions.submissionId))
    .where(and(
      inArray(improvementRecordSubmissions.recordId, rows.map((r) => r.id)),
      isNotNull(submissions.publishedAt),
      isNotNull(submissions.publishedTitle),
      ne(submissions.status, 'hidden'),
    ))
    .orderBy(asc(submissions.receivedAt), asc(submissions.id));
  return {
    total: Number(totalRows[0]?.n ?? 0),
    page,
    pageSize,
    items: rows.map((r) => ({
      number: r.number,
      title: r.title,
      type: r.type,
      level: r.level,
      summary: localText(language, r.summaryJa, r.summaryTranslations),
      department: localText(language, r.departmentJa, r.departmentTranslations),
      closedAt: r.closedAt!.toISOString(),
      voices: voices.filter((v) => v.recordId === r.id).map((v) => ({ receiptNumber: v.receiptNumber, title: v.publishedTitle! })),
    })),
  };
}
