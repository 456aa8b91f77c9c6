import { japanDate, japanHour, japanWallClock } from '~/japan-time';

// When the worker refreshes the analytics rollups, and how much of them
// (docs/decisions/analytics-rollups.md): the recent months every few minutes — new voices,
// replies, ratings and surveys land there, and so do most changes to voices (a voice is
// routed, merged, answered and read by the mayor within weeks) — and every day once a night,
// which also catches a change to an older voice.

export interface RefreshSchedule {
  /** Minimum time between two refreshes (several workers share the work). */
  intervalMs: number;
  /** Everything is recomputed at the first refresh from this hour (Japan time) on each day. */
  fullHour: number;
}

export const REFRESH_SCHEDULE: RefreshSchedule = { intervalMs: 5 * 60_000, fullHour: 3 };

/** The first day of the month before the Japan month of `now`: what a regular refresh recomputes. */
export function recentMonthsFrom(now: Date): string {
  const japan = japanWallClock(now);
  const first = new Date(Date.UTC(japan.getUTCFullYear(), japan.getUTCMonth() - 1, 1));
  return first.toISOString().slice(0, 10);
}

/**
 * What a worker should refresh now, given the state of the rollups (null: never computed):
 * `{}` for everything, `{ from }` for the recent months, null for nothing (another worker
 * refreshed a moment ago).
 */
export function refreshPlan(
  status: { refreshedAt: string; fullRefreshedAt: string } | null, now: Date, schedule: RefreshSchedule = REFRESH_SCHEDULE,
): { from?: string } | null {
  if (!status) return {};
  if (japanDate(new Date(status.fullRefreshedAt)) < japanDate(now) && japanHour(now) >= schedule.fullHour) return {};
  if (now.getTime() - new Date(status.refreshedAt).getTime() < schedule.intervalMs * 0.8) return null;
  return { from: recentMonthsFrom(now) };
}
