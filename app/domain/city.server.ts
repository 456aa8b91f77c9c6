import { eq } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { citySettings } from '#db/schema/index';

interface CityContact {
  phone: string;
  fax: string;
  hours: string;
  /** 夜間・休日 (night and holiday duty line); empty when the city gives none. */
  afterHoursPhone: string;
}

export interface CityInfo {
  name: string;
  promise: string;
  contact: CityContact;
}

/** The city's name and promise in the reader's language (Japanese when no translation fits). */
export async function getCityInfo(db: Executor, language: string): Promise<CityInfo> {
  const [row] = await db.select().from(citySettings).where(eq(citySettings.id, 1));
  if (!row) {
    return { name: language === 'ja' ? '（市の設定がありません）' : '(city not configured)', promise: '', contact: { phone: '', fax: '', hours: '', afterHoursPhone: '' } };
  }
  const contact = {
    phone: row.contactPhone, fax: row.contactFax, afterHoursPhone: row.afterHoursPhone,
    hours: language === 'ja' ? row.officeHoursJa : row.officeHoursEn || row.officeHoursJa,
  };
  return language === 'ja'
    ? { name: row.nameJa, promise: row.promiseJa, contact }
    : { name: row.nameEn || row.nameJa, promise: row.promiseEn || row.promiseJa, contact };
}
