import { eq } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { citySettings } from '#db/schema/index';

export interface CityInfo {
  name: string;
  promise: string;
}

/** The city's name and promise in the reader's language (Japanese when no translation fits). */
export async function getCityInfo(db: Executor, language: string): Promise<CityInfo> {
  const [row] = await db.select().from(citySettings).where(eq(citySettings.id, 1));
  if (!row) return { name: language === 'ja' ? '（市の設定がありません）' : '(city not configured)', promise: '' };
  return language === 'ja'
    ? { name: row.nameJa, promise: row.promiseJa }
    : { name: row.nameEn || row.nameJa, promise: row.promiseEn || row.promiseJa };
}
