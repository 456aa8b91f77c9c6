import { and, asc, eq } from 'drizzle-orm';
import type { Database, Executor } from '#db/client';
import { categories, cityClosedDays, citySettings, departments, replyTemplates, serviceCounters } from '#db/schema/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import { isUniqueViolation } from '~/utils/unique-violation';
import { AdminError } from './admin-error';
import { changedFields } from './audit-helpers.server';
import { forgetCachedReads } from '../../utils/read-cache.server';
import { cleanTranslations, type Translations } from '~/i18n/city-text';
import { supportedLanguages } from '~/i18n/resources.server';

// The organisation as the admin maintains it: 部 and 課, categories (routing, reply target
// days, reply templates), service counters, the city calendar and the city's own texts.
// Every write records its audit entry in the same transaction; a refusal is an AdminError.

/** Insert-or-update of one row with its audit entry; a duplicate on `uniqueField` is refused as taken. */
async function saveRow<T extends object>(
  db: Database,
  options: {
    entityType: string;
    id: number | null;
    load: (tx: Executor, id: number) => Promise<T | undefined>;
    insert: (tx: Executor) => Promise<number>;
    update: (tx: Executor, id: number) => Promise<void>;
    fields: object;
    actor: AuditActor;
    uniqueField?: string;
  },
): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      if (options.id === null) {
        const id = await options.insert(tx);
        await recordAudit(tx, { ...options.actor, action: `${options.entityType}.create`, entityType: options.entityType, entityId: id, details: { fields: options.fields } });
        return id;
      }
      const before = await options.load(tx, options.id);
      if (!before) throw new AdminError('notFound');
      const changes = changedFields(before, options.fields);
      if (Object.keys(changes).length > 0) {
        await options.update(tx, options.id);
        await recordAudit(tx, { ...options.actor, action: `${options.entityType}.update`, entityType: options.entityType, entityId: options.id, details: { changes } });
      }
      return options.id;
    });
  } catch (error) {
    if (options.uniqueField && isUniqueViolation(error)) throw new AdminError('taken', options.uniqueField);
    throw error;
  }
}

/** Only translations into the installed languages are kept (a posted `name:xx` of none is dropped). */
const installed = (posted: Translations): Translations => cleanTranslations(posted, supportedLanguages());

// ---- departments -------------------------------------------------------------------------

export interface DepartmentFields {
  code: string;
  level: 'bu' | 'ka';
  parentId: number | null;
  nameJa: string;
  nameTranslations: Translations;
  isReformTeam: boolean;
  sortOrder: number;
  active: boolean;
}

export function listDepartments(db: Executor) {
  return db.select().from(departments).orderBy(asc(departments.sortOrder), asc(departments.id));
}

export async function getDepartment(db: Executor, id: number) {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  return row ?? null;
}

export async function saveDepartment(db: Database, id: number | null, posted: DepartmentFields, actor: AuditActor): Promise<number> {
  const fields = { ...posted, nameTranslations: installed(posted.nameTranslations) };
  if (fields.parentId !== null) {
    const parent = await getDepartment(db, fields.parentId);
    // A 課 hangs under a 部; a 部 has no parent; nothing is its own parent.
    if (!parent || parent.level !== 'bu' || fields.level !== 'ka' || parent.id === id) throw new AdminError('invalidParent', 'parentId');
  }
  return saveRow(db, {
    entityType: 'department', id, fields, actor, uniqueField: 'code',
    load: (tx, rowId) => getDepartment(tx, rowId).then((r) => r ?? undefined),
    insert: async (tx) => (await tx.insert(departments).values(fields).returning({ id: departments.id }))[0]!.id,
    update: async (tx, rowId) => { await tx.update(departments).set(fields).where(eq(departments.id, rowId)); },
  });
}

// ---- categories and reply templates ------------------------------------------------------

export interface CategoryFields {
  code: string;
  nameJa: string;
  nameTranslations: Translations;
  defaultDepartmentId: number | null;
  replyTargetDays: number;
  sortOrder: number;
  active: boolean;
}

export function listCategories(db: Executor) {
  return db.select().from(categories).orderBy(asc(categories.sortOrder), asc(categories.id));
}

export async function getCategory(db: Executor, id: number) {
  const [row] = await db.select().from(categories).where(eq(categories.id, id));
  return row ?? null;
}

export async function saveCategory(db: Database, id: number | null, posted: CategoryFields, actor: AuditActor): Promise<number> {
  const fields = { ...posted, nameTranslations: installed(posted.nameTranslations) };
  const result = await saveRow(db, {
    entityType: 'category', id, fields, actor, uniqueField: 'code',
    load: (tx, rowId) => getCategory(tx, rowId).then((r) => r ?? undefined),
    insert: async (tx) => (await tx.insert(categories).values(fields).returning({ id: categories.id }))[0]!.id,
    update: async (tx, rowId) => { await tx.update(categories).set(fields).where(eq(categories.id, rowId)); },
  });
  forgetCachedReads(db); // the send form's category list
  return result;
}

export interface TemplateFields {
  title: string;
  body: string;
  language: string;
  active: boolean;
}

export function listTemplates(db: Executor, categoryId: number) {
  return db.select().from(replyTemplates).where(eq(replyTemplates.categoryId, categoryId)).orderBy(asc(replyTemplates.id));
}

export async function saveTemplate(db: Database, categoryId: number, id: number | null, fields: TemplateFields, actor: AuditActor): Promise<number> {
  if (!supportedLanguages().includes(fields.language)) throw new AdminError('languageNotInstalled', 'language');
  return saveRow(db, {
    entityType: 'reply_template', id, fields, actor,
    // A template is edited through its category's page only.
    load: async (tx, rowId) => (await tx.select().from(replyTemplates).where(and(eq(replyTemplates.id, rowId), eq(replyTemplates.categoryId, categoryId))))[0],
    insert: async (tx) => (await tx.insert(replyTemplates).values({ ...fields, categoryId }).returning({ id: replyTemplates.id }))[0]!.id,
    update: async (tx, rowId) => { await tx.update(replyTemplates).set(fields).where(eq(replyTemplates.id, rowId)); },
  });
}

// ---- service counters --------------------------------------------------------------------

export interface CounterFields {
  slug: string;
  nameJa: string;
  nameTranslations: Translations;
  departmentId: number;
  locationJa: string | null;
  locationTranslations: Translations;
  active: boolean;
}

export function listCounters(db: Executor) {
  return db.select().from(serviceCounters).orderBy(asc(serviceCounters.id));
}

export async function getCounter(db: Executor, id: number) {
  const [row] = await db.select().from(serviceCounters).where(eq(serviceCounters.id, id));
  return row ?? null;
}

export async function saveCounter(db: Database, id: number | null, posted: CounterFields, actor: AuditActor): Promise<number> {
  const fields = { ...posted, nameTranslations: installed(posted.nameTranslations), locationTranslations: installed(posted.locationTranslations) };
  return saveRow(db, {
    entityType: 'counter', id, fields, actor, uniqueField: 'slug',
    load: (tx, rowId) => getCounter(tx, rowId).then((r) => r ?? undefined),
    insert: async (tx) => (await tx.insert(serviceCounters).values(fields).returning({ id: serviceCounters.id }))[0]!.id,
    update: async (tx, rowId) => { await tx.update(serviceCounters).set(fields).where(eq(serviceCounters.id, rowId)); },
  });
}

// ---- the city calendar -------------------------------------------------------------------

export type ClosedDayFields =
  | { kind: 'annual'; month: number; day: number; labelJa: string; labelTranslations: Translations }
  | { kind: 'date'; date: string; labelJa: string; labelTranslations: Translations };

export function listClosedDays(db: Executor) {
  return db.select().from(cityClosedDays).orderBy(asc(cityClosedDays.kind), asc(cityClosedDays.month), asc(cityClosedDays.day), asc(cityClosedDays.date));
}

export async function addClosedDay(db: Database, fields: ClosedDayFields, actor: AuditActor): Promise<number> {
  return db.transaction(async (tx) => {
    const values = fields.kind === 'annual'
      ? { kind: 'annual' as const, month: fields.month, day: fields.day, date: null, labelJa: fields.labelJa, labelTranslations: installed(fields.labelTranslations) }
      : { kind: 'date' as const, month: null, day: null, date: fields.date, labelJa: fields.labelJa, labelTranslations: installed(fields.labelTranslations) };
    const [row] = await tx.insert(cityClosedDays).values(values).returning({ id: cityClosedDays.id });
    await recordAudit(tx, { ...actor, action: 'calendar.add', entityType: 'closed_day', entityId: row!.id, details: { fields: values } });
    return row!.id;
  });
}

/** Removing a closed day is a calendar edit (the audit entry keeps what it was). */
export async function removeClosedDay(db: Database, id: number, actor: AuditActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [removed] = await tx.delete(cityClosedDays).where(eq(cityClosedDays.id, id)).returning();
    if (!removed) return false;
    await recordAudit(tx, { ...actor, action: 'calendar.remove', entityType: 'closed_day', entityId: id, details: { removed } });
    return true;
  });
}

// ---- the city ----------------------------------------------------------------------------

export interface CityFields {
  nameJa: string;
  nameTranslations: Translations;
  promiseJa: string;
  promiseTranslations: Translations;
  defaultReplyTargetDays: number;
  requireTotpForAdminAndMayor: boolean;
  allowSelfApproval: boolean;
  contactPhone: string;
  contactFax: string;
  officeHoursJa: string;
  officeHoursTranslations: Translations;
  afterHoursPhone: string;
}

export async function getCitySettings(db: Executor) {
  const [row] = await db.select().from(citySettings).where(eq(citySettings.id, 1));
  return row ?? null;
}

export async function saveCitySettings(db: Database, posted: CityFields, actor: AuditActor): Promise<void> {
  const fields = {
    ...posted,
    nameTranslations: installed(posted.nameTranslations),
    promiseTranslations: installed(posted.promiseTranslations),
    officeHoursTranslations: installed(posted.officeHoursTranslations),
  };
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(citySettings).where(eq(citySettings.id, 1)).for('update');
    if (!before) {
      await tx.insert(citySettings).values({ id: 1, ...fields });
      await recordAudit(tx, { ...actor, action: 'city.update', entityType: 'city', entityId: 1, details: { fields } });
      return;
    }
    const changes = changedFields(before, fields);
    if (Object.keys(changes).length === 0) return;
    await tx.update(citySettings).set({ ...fields, updatedAt: new Date() }).where(eq(citySettings.id, 1));
    await recordAudit(tx, { ...actor, action: 'city.update', entityType: 'city', entityId: 1, details: { changes } });
  });
  forgetCachedReads(db); // the name and promise every page shows
}
