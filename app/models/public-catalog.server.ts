import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { categories, serviceCounters } from '#db/schema/index';

// The city's lists as a resident sees them, in the resident's language.

const pick = (language: string, ja: string, en: string | null) => (language === 'ja' ? ja : en || ja);

export async function listCategories(db: Executor, language: string) {
  const rows = await db.select().from(categories).where(eq(categories.active, true)).orderBy(asc(categories.sortOrder), asc(categories.id));
  return rows.map((c) => ({ id: c.id, name: pick(language, c.nameJa, c.nameEn) }));
}

export async function listCounters(db: Executor, language: string) {
  const rows = await db.select().from(serviceCounters).where(eq(serviceCounters.active, true)).orderBy(asc(serviceCounters.id));
  return rows.map((c) => ({
    slug: c.slug,
    name: pick(language, c.nameJa, c.nameEn),
    location: c.locationJa ? pick(language, c.locationJa, c.locationEn) : null,
  }));
}

export async function findCounter(db: Executor, slug: string, language: string) {
  const [row] = await db.select().from(serviceCounters).where(and(eq(serviceCounters.slug, slug), eq(serviceCounters.active, true)));
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    name: pick(language, row.nameJa, row.nameEn),
    location: row.locationJa ? pick(language, row.locationJa, row.locationEn) : null,
  };
}
