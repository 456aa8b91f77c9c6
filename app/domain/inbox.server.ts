import { and, asc, count, desc, eq, exists, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '#db/client';
import {
  categories, departments, replies, submissionChannel, submissionKind, submissionStatus, submissions, users,
} from '#db/schema/index';
import { visibleSubmissionsWhere } from '~/auth/scope.server';
import type { StaffUser } from '~/auth/session.server';
import { addBusinessDays, businessDaysBetween, type ClosedDayRule } from './business-days';
import { voiceSearchCondition } from './voice-search.server';
import { bigramSimilarity } from './search-text';
import { isOverdue, OPEN_STATUSES } from './voice-status';
import { idText } from '~/utils/ids';

// The inbox: every filter of the Triage issue, sorting, paging and Japanese search, always
// inside the user's scope (their 課 unless they may read all).

const INBOX_PAGE_SIZE = 50;
const INBOX_COUNT_CAP = 1000;

const csv = <T extends [string, ...string[]]>(values: T) =>
  z.string().transform((v) => v.split(',').filter(Boolean)).pipe(z.array(z.enum(values)));

const inboxFilters = z.object({
  view: z.enum(['all', 'my_department', 'assigned_to_me', 'awaiting_my_approval']).default('all'),
  status: csv(submissionStatus.enumValues as unknown as [string, ...string[]]).optional(),
  kind: z.enum(submissionKind.enumValues).optional(),
  channel: z.enum(submissionChannel.enumValues).optional(),
  category: idText.optional(),
  department: idText.optional(),
  assignee: idText.optional(),
  overdue: z.literal('1').optional(),
  dueWithin: z.coerce.number().int().min(0).max(60).optional(),
  unreviewed: z.literal('1').optional(),
  negative: z.literal('1').optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['newest', 'oldest', 'due', 'priority']).default('newest'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export type InboxFilters = z.infer<typeof inboxFilters>;

/** Reads filters from a query string; unknown or malformed values are dropped, not fatal. */
export function parseInboxFilters(params: URLSearchParams): InboxFilters {
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ''));
  const parsed = inboxFilters.safeParse(raw);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return inboxFilters.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))));
}

// How many of the newest (or oldest) voices a search looks through first. PostgreSQL cannot
// estimate how many voices contain a phrase, so for a common one it takes every match from the
// bigram index and sorts them all (165 ms for 57,000 matches on a million voices). The matches
// among the newest voices come first in that order anyway: when this window holds the whole
// page, that page is the answer; otherwise the indexed search runs.
const SEARCH_WINDOW = 20_000;

async function searchWithinWindow(db: Executor, filtersOnly: SQL | undefined, query: string, newestFirst: boolean, offset: number): Promise<number[] | null> {
  const recent = db.select({ id: submissions.id, receivedAt: submissions.receivedAt, receiptNumber: submissions.receiptNumber, bigrams: submissions.searchBigrams, text: submissions.searchText })
    .from(submissions).where(filtersOnly)
    .orderBy(...(newestFirst ? [desc(submissions.receivedAt), desc(submissions.id)] : [asc(submissions.receivedAt), asc(submissions.id)]))
    .limit(SEARCH_WINDOW).as('recent');
  const hits = await db.select({ id: recent.id }).from(recent)
    .where(voiceSearchCondition(query, { bigrams: recent.bigrams, text: recent.text, receiptNumber: recent.receiptNumber }))
    .orderBy(...(newestFirst ? [desc(recent.receivedAt), desc(recent.id)] : [asc(recent.receivedAt), asc(recent.id)]))
    .limit(INBOX_PAGE_SIZE).offset(offset);
  return hits.length === INBOX_PAGE_SIZE ? hits.map((h) => h.id) : null;
}

type InboxUser = Pick<StaffUser, 'id' | 'role' | 'departmentId'>;
type InboxCalendar = { today: string; closedDays: readonly ClosedDayRule[] };

/** The voices a view and its filters select (search aside), always inside the user's scope. */
export function inboxWhere(db: Executor, user: InboxUser, filters: Omit<InboxFilters, 'q' | 'sort' | 'page'>, calendar: InboxCalendar): SQL | undefined {
  const where: (SQL | undefined)[] = [visibleSubmissionsWhere(user)];
  if (filters.view === 'my_department') where.push(user.departmentId ? eq(submissions.departmentId, user.departmentId) : sql`false`);
  if (filters.view === 'assigned_to_me') where.push(eq(submissions.assigneeId, user.id));
  if (filters.view === 'awaiting_my_approval') {
    where.push(user.role === 'manager' && user.departmentId ? eq(submissions.departmentId, user.departmentId) : sql`false`);
    where.push(exists(db.select({ one: sql`1` }).from(replies).where(and(eq(replies.submissionId, submissions.id), eq(replies.status, 'awaiting_approval')))));
  }
  if (filters.status?.length) where.push(inArray(submissions.status, filters.status as (typeof submissions.status.enumValues)[number][]));
  else where.push(sql`${submissions.status} <> 'hidden'`);
  if (filters.kind) where.push(eq(submissions.kind, filters.kind));
  if (filters.channel) where.push(eq(submissions.channel, filters.channel));
  if (filters.category) where.push(eq(submissions.categoryId, filters.category));
  if (filters.department) where.push(eq(submissions.departmentId, filters.department));
  if (filters.assignee) where.push(eq(submissions.assigneeId, filters.assignee));
  if (filters.overdue) where.push(overdueVoicesWhere(calendar.today));
  if (filters.dueWithin !== undefined) {
    const horizon = addBusinessDays(calendar.today, filters.dueWithin, calendar.closedDays);
    where.push(gte(submissions.dueDate, calendar.today), lte(submissions.dueDate, horizon), inArray(submissions.status, [...OPEN_STATUSES]));
  }
  if (filters.unreviewed) where.push(isNull(submissions.mayorReviewedAt));
  if (filters.negative) where.push(eq(submissions.negativeRating, true));
  return and(...where);
}

/** How many voices match, counted no further than `cap` (+1 to know it was passed). */
async function cappedCount(db: Executor, condition: SQL | undefined, cap: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(db.select({ one: sql`1` }).from(submissions).where(condition).limit(cap + 1).as('capped'));
  return Number(row?.n ?? 0);
}

export interface InboxCount {
  count: number;
  /** False when the count stopped at the cap ("1,000件以上"). */
  exact: boolean;
}

const capped = (n: number): InboxCount => ({ count: Math.min(n, INBOX_COUNT_CAP), exact: n <= INBOX_COUNT_CAP });

/**
 * The figures the inbox keeps in sight: how many voices each saved view holds, and within the
 * current view how many are overdue and how many the mayor has not read yet. Each is a capped
 * count, so a city with a million voices pays for at most a thousand rows per figure.
 */
export async function inboxCounts(db: Executor, user: InboxUser, view: InboxFilters['view'], views: readonly InboxFilters['view'][], calendar: InboxCalendar) {
  const base = { view, status: undefined } as const;
  const [viewCounts, overdue, unreviewed] = await Promise.all([
    Promise.all(views.map(async (v) => [v, capped(await cappedCount(db, inboxWhere(db, user, { view: v }, calendar), INBOX_COUNT_CAP))] as const)),
    cappedCount(db, inboxWhere(db, user, { ...base, overdue: '1' }, calendar), INBOX_COUNT_CAP),
    cappedCount(db, inboxWhere(db, user, { ...base, unreviewed: '1' }, calendar), INBOX_COUNT_CAP),
  ]);
  return { views: Object.fromEntries(viewCounts) as Partial<Record<InboxFilters['view'], InboxCount>>, overdue: capped(overdue), unreviewed: capped(unreviewed) };
}

/**
 * Business days left until a due date (negative: how many it is past), for open voices;
 * null when there is no due date or the voice no longer waits for an answer.
 */
function businessDaysLeft(dueDate: string | null, status: string, calendar: InboxCalendar): number | null {
  if (!dueDate || !(OPEN_STATUSES as string[]).includes(status)) return null;
  return dueDate >= calendar.today ? businessDaysBetween(calendar.today, dueDate, calendar.closedDays) : -businessDaysBetween(dueDate, calendar.today, calendar.closedDays);
}

export async function listInbox(db: Executor, user: InboxUser, filters: InboxFilters, calendar: InboxCalendar) {
  const filtersOnly = inboxWhere(db, user, filters, calendar);
  const condition = filters.q ? and(filtersOnly, voiceSearchCondition(filters.q)) : filtersOnly;

  const order = {
    newest: [desc(submissions.receivedAt), desc(submissions.id)],
    oldest: [asc(submissions.receivedAt), asc(submissions.id)],
    due: [sql`${submissions.dueDate} asc nulls last`, asc(submissions.id)],
    priority: [desc(submissions.priority), asc(submissions.dueDate), asc(submissions.id)],
  }[filters.sort];

  // Counted at least up to the page shown, so "next" is right on any page.
  const countCap = Math.max(INBOX_COUNT_CAP, filters.page * INBOX_PAGE_SIZE);
  const offset = (filters.page - 1) * INBOX_PAGE_SIZE;
  // A capped count: an exact count(*) over a million voices costs more than the page itself,
  // and nobody pages through thousands; past the cap the inbox says "1,000件以上".
  const countVoices = () => cappedCount(db, condition, countCap);
  const pageOf = (ids: number[] | null) => db.select({
    id: submissions.id, receiptNumber: submissions.receiptNumber, title: submissions.title, kind: submissions.kind,
    channel: submissions.channel, status: submissions.status, priority: submissions.priority, dueDate: submissions.dueDate,
    receivedAt: submissions.receivedAt, mayorReviewedAt: submissions.mayorReviewedAt, negativeRating: submissions.negativeRating,
    version: submissions.version, categoryJa: categories.nameJa, categoryTranslations: categories.nameTranslations,
    departmentJa: departments.nameJa, departmentTranslations: departments.nameTranslations, assigneeName: users.displayName,
  })
    .from(submissions)
    .leftJoin(categories, eq(categories.id, submissions.categoryId))
    .leftJoin(departments, eq(departments.id, submissions.departmentId))
    .leftJoin(users, eq(users.id, submissions.assigneeId))
    .where(ids ? inArray(submissions.id, ids) : condition)
    .orderBy(...order)
    .limit(INBOX_PAGE_SIZE)
    .offset(ids ? 0 : offset);

  let rows: Awaited<ReturnType<typeof pageOf>>;
  let counted: number;
  if (filters.q && (filters.sort === 'newest' || filters.sort === 'oldest')) {
    // A phrase found in more voices than the cap is common: look through the newest (or oldest) first.
    counted = await countVoices();
    const windowed = counted > countCap ? await searchWithinWindow(db, filtersOnly, filters.q, filters.sort === 'newest', offset) : null;
    rows = await pageOf(windowed);
  } else {
    [rows, counted] = await Promise.all([pageOf(null), countVoices()]);
  }
  return {
    total: Math.min(counted, countCap),
    /** False when there are more than `total` voices (the count stopped at the cap). */
    totalIsExact: counted <= countCap,
    pageSize: INBOX_PAGE_SIZE,
    items: rows.map((r) => ({
      ...r,
      receivedAt: r.receivedAt.toISOString(),
      mayorReviewedAt: r.mayorReviewedAt?.toISOString() ?? null,
      overdue: isOverdue(r, calendar.today),
      daysLeft: businessDaysLeft(r.dueDate, r.status, calendar),
    })),
  };
}

/** The SQL of isOverdue: open voices whose due date is before today. */
function overdueVoicesWhere(today: string): SQL {
  return and(lt(submissions.dueDate, today), inArray(submissions.status, [...OPEN_STATUSES]))!;
}

/** Voices that look like this one (shared bigrams, Jaccard ≥ 0.25), to catch duplicates. */
export async function similarVoices(db: Executor, user: Pick<StaffUser, 'role' | 'departmentId'>, submissionId: number, limit = 5) {
  const [voice] = await db.select({ id: submissions.id, grams: submissions.searchBigrams }).from(submissions).where(eq(submissions.id, submissionId));
  if (!voice || voice.grams.length === 0) return [];
  const candidates = await db
    .select({ id: submissions.id, receiptNumber: submissions.receiptNumber, title: submissions.title, status: submissions.status, grams: submissions.searchBigrams })
    .from(submissions)
    .where(and(visibleSubmissionsWhere(user), sql`${submissions.id} <> ${voice.id}`, sql`${submissions.status} <> 'hidden'`,
      sql`${submissions.searchBigrams} && ${sql`ARRAY[${sql.join(voice.grams.map((g) => sql`${g}`), sql`, `)}]::text[]`}`))
    .orderBy(desc(submissions.receivedAt))
    .limit(300);
  return candidates
    .map(({ grams, ...c }) => ({ ...c, similarity: bigramSimilarity(voice.grams, grams) }))
    .filter((c) => c.similarity >= 0.25)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit);
}
