import type { SubmissionStatus } from '#db/schema/enums';

// How a voice's status reads to the resident who sent it (DOMAIN.md "Status, as the resident sees it").

/** The steps a resident sees; side exits (merged, referred, not actionable) are shown as notes. */
export const RESIDENT_STEPS = ['received', 'triaged', 'in_progress', 'answered', 'closed'] as const;

/** Moderation is not announced: a hidden voice still reads "received" to its sender. */
export function residentStatus(status: SubmissionStatus): SubmissionStatus {
  return status === 'hidden' ? 'received' : status;
}
