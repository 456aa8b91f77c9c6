import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '#db/client';
import { cityClosedDays } from '#db/schema/index';
import { addBusinessDays, type ClosedDayRule } from './business-days';
import { japanDate } from '~/japan-time';

export async function loadClosedDays(db: Executor): Promise<ClosedDayRule[]> {
  const rows = await db.select().from(cityClosedDays);
  return rows.map((r) => ({ kind: r.kind, month: r.month, day: r.day, date: r.date }));
}

/** What a new voice needs to know about its category and the city, read in one query. */
export interface ReplyTarget {
  /** The category's 課 (null without a category, or when the category has none). */
  departmentId: number | null;
  /** Business days to the reply target: the category's, else the city default, else 10. */
  days: number;
  closedDays: ClosedDayRule[];
}

// postgres.js hands json columns over parsed, PGlite may hand over the text: accept both.
function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** The category's routing and reply target, the city default and the closed days: one round trip. */
export async function loadReplyTarget(db: Executor, categoryId: number | null): Promise<ReplyTarget> {
  const [row] = await queryRows<{ department_id: number | null; days: number; closed_days: unknown }>(db, sql`
    select c.default_department_id as department_id,
      coalesce(c.reply_target_days, (select default_reply_target_days from city_settings where id = 1), 10)::int as days,
      (select coalesce(json_agg(json_build_object('kind', d.kind, 'month', d.month, 'day', d.day, 'date', d.date)), '[]'::json)
         from city_closed_days d) as closed_days
    from (select 1) as one left join categories c on c.id = ${categoryId}::int`);
  return {
    departmentId: row!.department_id ?? null,
    days: Number(row!.days),
    closedDays: fromJson<ClosedDayRule[]>(row!.closed_days),
  };
}

/** Reply target date (Japan calendar date) for a voice received at `receivedAt`. */
export function dueDateFor(target: Pick<ReplyTarget, 'days' | 'closedDays'>, receivedAt: Date): string {
  return addBusinessDays(japanDate(receivedAt), target.days, target.closedDays);
}
