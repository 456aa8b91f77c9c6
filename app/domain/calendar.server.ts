import { eq } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { categories, cityClosedDays, citySettings } from '#db/schema/index';
import { addBusinessDays, type ClosedDayRule } from './business-days';
import { japanDate } from './fiscal-year';

export async function loadClosedDays(db: Executor): Promise<ClosedDayRule[]> {
  const rows = await db.select().from(cityClosedDays);
  return rows.map((r) => ({ kind: r.kind, month: r.month, day: r.day, date: r.date }));
}

/** Reply target date: the category's business days (or the city default) after receipt. */
export async function replyDueDate(db: Executor, categoryId: number | null, receivedAt: Date): Promise<string> {
  let days: number | undefined;
  if (categoryId !== null) {
    const [category] = await db.select({ days: categories.replyTargetDays }).from(categories).where(eq(categories.id, categoryId));
    days = category?.days;
  }
  if (days === undefined) {
    const [city] = await db.select({ days: citySettings.defaultReplyTargetDays }).from(citySettings).where(eq(citySettings.id, 1));
    days = city?.days ?? 10;
  }
  return addBusinessDays(japanDate(receivedAt), days, await loadClosedDays(db));
}
