import { eq } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { citySettings } from '#db/schema/index';
import { serverT } from '~/i18n/resources.server';
import { localText } from '~/i18n/city-text';

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
    return { name: serverT(language)('city.notConfigured'), promise: '', contact: { phone: '', fax: '', hours: '', afterHoursPhone: '' } };
  }
  const contact = {
    phone: row.contactPhone, fax: row.contactFax, afterHoursPhone: row.afterHoursPhone,
    hours: localText(language, row.officeHoursJa, row.officeHoursTranslations),
  };
  return {
    name: localText(language, row.nameJa, row.nameTranslations),
    promise: localText(language, row.promiseJa, row.promiseTranslations),
    contact,
  };
}
