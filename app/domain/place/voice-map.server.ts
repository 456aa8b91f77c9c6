import { and, asc, desc, gte, inArray, isNotNull, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { submissions } from '#db/schema/index';
import { visibleSubmissionsWhere } from '~/auth/scope.server';
import type { StaffUser } from '~/auth/session.server';
import { inboxWhere, type InboxFilters } from '../inbox.server';
import type { ClosedDayRule } from '../business-days';
import { voiceSearchCondition } from '../voice-search.server';
import { OPEN_STATUSES } from '../voice-status';
import { distanceMeters } from './geometry';

// Voices on a map for staff, always inside the user's scope (their 課 unless they may read
// all): the open voices near one voice, and the pins of the inbox with its filters.

type ScopedUser = Pick<StaffUser, 'id' | 'role' | 'departmentId'>;

export const NEARBY_METERS = 300;

/** Open voices within `radius` metres of this one (the nearest first), for "the same pothole?". */
export async function nearbyOpenVoices(db: Executor, user: ScopedUser, voice: { id: number; lat: number; lng: number }, radius = NEARBY_METERS, limit = 10) {
  // A box around the point first (index-friendly, cheap), then the true distance.
  const dLat = radius / 111_320;
  const dLng = radius / (111_320 * Math.cos((voice.lat * Math.PI) / 180));
  const rows = await db.select({
    receiptNumber: submissions.receiptNumber, title: submissions.title, status: submissions.status,
    lat: submissions.latitude, lng: submissions.longitude,
  }).from(submissions).where(and(
    visibleSubmissionsWhere(user), ne(submissions.id, voice.id), inArray(submissions.status, [...OPEN_STATUSES]),
    gte(submissions.latitude, voice.lat - dLat), lte(submissions.latitude, voice.lat + dLat),
    gte(submissions.longitude, voice.lng - dLng), lte(submissions.longitude, voice.lng + dLng),
  )).orderBy(desc(submissions.receivedAt)).limit(200);
  return rows
    .map((r) => ({ receiptNumber: r.receiptNumber, title: r.title, status: r.status, meters: Math.round(distanceMeters(voice, { lat: r.lat!, lng: r.lng! })) }))
    .filter((r) => r.meters <= radius)
    .sort((a, b) => a.meters - b.meters || a.receiptNumber.localeCompare(b.receiptNumber))
    .slice(0, limit);
}

/** At most this many pins on the inbox map (the newest): beyond it the map says so. */
export const MAP_POINT_LIMIT = 5000;

/** The pins of the voices the inbox's filters select (search included); voices without a pin are counted. */
export async function inboxMapPoints(db: Executor, user: ScopedUser, filters: InboxFilters, calendar: { today: string; closedDays: readonly ClosedDayRule[] }) {
  const filtersOnly = inboxWhere(db, user, filters, calendar);
  const condition = filters.q ? and(filtersOnly, voiceSearchCondition(filters.q)) : filtersOnly;
  const rows = await db.select({
    receiptNumber: submissions.receiptNumber, title: submissions.title, status: submissions.status,
    lat: submissions.latitude, lng: submissions.longitude,
  }).from(submissions).where(and(condition, isNotNull(submissions.latitude), isNotNull(submissions.longitude)))
    .orderBy(desc(submissions.receivedAt), asc(submissions.id)).limit(MAP_POINT_LIMIT + 1);
  const [unplaced] = await db.select({ n: sql<number>`count(*)::int` }).from(
    db.select({ one: sql`1` }).from(submissions).where(and(condition, sql`${submissions.latitude} is null`)).limit(1001).as('unplaced'),
  );
  return {
    points: rows.slice(0, MAP_POINT_LIMIT).map((r) => ({ receiptNumber: r.receiptNumber, title: r.title, status: r.status, lat: r.lat!, lng: r.lng! })),
    truncated: rows.length > MAP_POINT_LIMIT,
    unplaced: Math.min(unplaced?.n ?? 0, 1000),
  };
}

