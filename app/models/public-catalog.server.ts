import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { categories, serviceCounters } from '#db/schema/index';
import { localText } from '~/i18n/city-text';

// The city's lists as a resident sees them, in the resident's language.

export async function listCategories(db: Executor, language: string) {
  const rows = await db.select().from(categories).where(eq(categories.active, true)).orderBy(asc(categories.sortOrder), asc(categories.id));
  return rows.map((c) => ({ id: c.id, name: localText(language, c.nameJa, c.nameTranslations) }));
}

export async function listCounters(db: Executor, language: string) {
  const rows = await db.select().from(serviceCounters).where(eq(serviceCounters.active, true)).orderBy(asc(serviceCounters.id));
  return rows.map((c) => ({
    slug: c.slug,
    name: localText(language, c.nameJa, c.nameTranslations),
    location: c.locationJa ? localText(language, c.locationJa, c.locationTranslations) : null,
  }));
}

export async function findCounter(db: Executor, slug: string, language: string) {
  const [row] = await db.select().from(serviceCounters).where(and(eq(serviceCounters.slug, slug), eq(serviceCounters.active, true)));
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    name: localText(language, row.nameJa, row.nameTranslations),
    location: row.locationJa ? localText(language, row.locationJa, row.locationTranslations) : null,
  };
}
