import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { auditLog, users } from '#db/schema/index';
import { toCsv } from '~/domain/reports/export.server';
import { japanDateFormat, japanTimeOn } from '~/japan-time';

// Reading the audit log for the admin screen and its CSV export. There is deliberately no
// function here (or anywhere in the app) that changes or removes an entry.

export interface AuditQuery {
  from?: string;
  to?: string;
  userId?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Keyset paging: entries older than this id. */
  before?: number;
}

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  userName: string | null;
  userEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** Dates are Japan's calendar days: "to" includes the whole day. */
function japanDayStart(date: string, addDays = 0): Date {
  const start = new Date(japanTimeOn(date));
  return new Date(start.getTime() + addDays * 86_400_000);
}

function conditions(q: AuditQuery): SQL[] {
  const where: SQL[] = [];
  if (q.from) where.push(gte(auditLog.at, japanDayStart(q.from)));
  if (q.to) where.push(lt(auditLog.at, japanDayStart(q.to, 1)));
  if (q.userId) where.push(eq(auditLog.userId, q.userId));
  if (q.action) where.push(q.action.endsWith('.') ? sql`${auditLog.action} like ${`${q.action.replace(/[\\%_]/g, '\\$&')}%`}` : eq(auditLog.action, q.action));
  if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.before) where.push(lt(auditLog.id, q.before));
  return where;
}

export async function listAuditEntries(db: Executor, query: AuditQuery, limit = 50): Promise<AuditRow[]> {
  const rows = await db
    .select({
      id: auditLog.id, at: auditLog.at, userId: auditLog.userId, userName: users.displayName, userEmail: users.email,
      action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, ip: auditLog.ip,
      userAgent: auditLog.userAgent, requestId: auditLog.requestId, details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(...conditions(query)))
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** The actions that occur, for the filter's list. */
export async function auditActions(db: Executor): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

/** Everyone who may appear in the log, for the filter's list. */
export function auditPeople(db: Executor) {
  return db.select({ id: users.id, name: users.displayName }).from(users).orderBy(asc(users.id));
}

const CSV_MAX_ROWS = 100_000;

/** The filtered log as CSV, written like every other CSV (reports/export.server.ts). */
export async function auditCsv(db: Executor, query: AuditQuery, headers: string[]): Promise<string> {
  const rows = await listAuditEntries(db, { ...query, before: undefined }, CSV_MAX_ROWS);
  const jst = japanDateFormat('sv-SE', { dateStyle: 'short', timeStyle: 'medium' });
  return toCsv(rows.map((r) => [
    r.id, `${jst.format(new Date(r.at))} JST`, r.userEmail, r.userName, r.action, r.entityType, r.entityId, r.ip, r.userAgent, r.requestId,
    JSON.stringify(r.details),
  ]), headers);
}
