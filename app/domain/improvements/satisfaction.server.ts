import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '#db/client';
import {
  categories, improvementRecordEvents, improvementRecordSubmissions, improvementRecords, serviceCounters, submissions,
} from '#db/schema/index';
import type { StaffUser } from '~/auth/session.server';
import type { Translations } from '~/i18n/city-text';
import { requirePermission } from './access';
import { ImprovementRuleError } from './errors';

// SEE after ACT: did residents become more satisfied? For the categories of the linked voices,
// the average 1–5 satisfaction of reply ratings; for the 窓口 concerned (the linked voices'
// counters, or the counter survey the record came from), the average "overall" of counter
// surveys. Measured in a window before the record opened and the same window after it closed
// (docs/decisions/improvement-lifecycle.md).

const SATISFACTION_WINDOW_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

interface SatisfactionScore {
  average: number | null;
  count: number;
}

interface SatisfactionWindow {
  from: string;
  to: string;
}

export interface SatisfactionComparison {
  windowDays: number;
  before: SatisfactionWindow;
  /** Null until the record is closed. */
  after: (SatisfactionWindow & { complete: boolean }) | null;
  categories: { id: number; nameJa: string; nameTranslations: Translations; before: SatisfactionScore; after: SatisfactionScore | null }[];
  counters: { id: number; nameJa: string; nameTranslations: Translations; before: SatisfactionScore; after: SatisfactionScore | null }[];
}

function score(row: { average: unknown; n: unknown } | undefined): SatisfactionScore {
  const n = Number(row?.n ?? 0);
  return { count: n, average: n === 0 || row?.average === null ? null : Math.round(Number(row!.average) * 100) / 100 };
}

async function replySatisfaction(db: Executor, categoryId: number, window: SatisfactionWindow): Promise<SatisfactionScore> {
  const [row] = await queryRows<{ average: string | number | null; n: number }>(db, sql`
    select avg(r.satisfaction) as average, count(*)::int as n
    from reply_ratings r join submissions s on s.id = r.submission_id
    where s.category_id = ${categoryId} and r.created_at >= ${window.from}::timestamptz and r.created_at < ${window.to}::timestamptz`);
  return score(row);
}

async function counterSatisfaction(db: Executor, counterId: number, window: SatisfactionWindow): Promise<SatisfactionScore> {
  const [row] = await queryRows<{ average: string | number | null; n: number }>(db, sql`
    select avg(c.overall) as average, count(*)::int as n
    from counter_surveys c
    where c.counter_id = ${counterId} and c.created_at >= ${window.from}::timestamptz and c.created_at < ${window.to}::timestamptz`);
  return score(row);
}

export async function satisfactionBeforeAfter(
  db: Executor,
  user: Pick<StaffUser, 'role'>,
  recordId: number,
  options: { windowDays?: number; now?: Date } = {},
): Promise<SatisfactionComparison> {
  requirePermission(user, 'improvement:read');
  const windowDays = options.windowDays ?? SATISFACTION_WINDOW_DAYS;
  const now = options.now ?? new Date();
  const [record] = await db.select({ createdAt: improvementRecords.createdAt, closedAt: improvementRecords.closedAt })
    .from(improvementRecords).where(eq(improvementRecords.id, recordId));
  if (!record) throw new ImprovementRuleError('not_found', { details: { recordId } });

  const span = windowDays * DAY_MS;
  const before = { from: new Date(record.createdAt.getTime() - span).toISOString(), to: record.createdAt.toISOString() };
  const after = record.closedAt
    ? { from: record.closedAt.toISOString(), to: new Date(record.closedAt.getTime() + span).toISOString(), complete: now.getTime() >= record.closedAt.getTime() + span }
    : null;

  const linked = await db.select({ categoryId: submissions.categoryId, counterId: submissions.counterId })
    .from(improvementRecordSubmissions)
    .innerJoin(submissions, eq(submissions.id, improvementRecordSubmissions.submissionId))
    .where(eq(improvementRecordSubmissions.recordId, recordId));
  const [opened] = await db.select({ data: improvementRecordEvents.data }).from(improvementRecordEvents)
    .where(and(eq(improvementRecordEvents.recordId, recordId), eq(improvementRecordEvents.type, 'opened')));
  const categoryIds = [...new Set(linked.map((l) => l.categoryId).filter((id): id is number => id !== null))];
  const sourceCounter = typeof opened?.data.counterId === 'number' ? [opened.data.counterId] : [];
  const counterIds = [...new Set([...sourceCounter, ...linked.map((l) => l.counterId).filter((id): id is number => id !== null)])];

  const categoryRows = categoryIds.length === 0 ? [] : await db.select({ id: categories.id, nameJa: categories.nameJa, nameTranslations: categories.nameTranslations })
    .from(categories).where(inArray(categories.id, categoryIds)).orderBy(categories.sortOrder, categories.id);
  const counterRows = counterIds.length === 0 ? [] : await db.select({ id: serviceCounters.id, nameJa: serviceCounters.nameJa, nameTranslations: serviceCounters.nameTranslations })
    .from(serviceCounters).where(inArray(serviceCounters.id, counterIds)).orderBy(serviceCounters.id);

  const result: SatisfactionComparison = { windowDays, before, after, categories: [], counters: [] };
  for (const c of categoryRows) {
    result.categories.push({ ...c, before: await replySatisfaction(db, c.id, before), after: after ? await replySatisfaction(db, c.id, after) : null });
  }
  for (const c of counterRows) {
    result.counters.push({ ...c, before: await counterSatisfaction(db, c.id, before), after: after ? await counterSatisfaction(db, c.id, after) : null });
  }
  return result;
}
