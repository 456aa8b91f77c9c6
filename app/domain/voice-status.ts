import type { SubmissionStatus } from '#db/schema/enums';

// The status rules of DOMAIN.md. 受付 → 確認中 → 担当課で対応中 → 回答済 → 完了, with side exits
// (重複, 移送, 対象外, hidden). "Answered" is reached only by sending a final reply.

export const OPEN_STATUSES: readonly SubmissionStatus[] = ['received', 'triaged', 'in_progress'];
/** Past its due date (a Japan calendar day, YYYY-MM-DD) and still open: the one meaning of 期限超過. */
export function isOverdue(voice: { status: SubmissionStatus; dueDate: string | null }, today: string): boolean {
  return voice.dueDate !== null && voice.dueDate < today && OPEN_STATUSES.includes(voice.status);
}

const SIDE_EXITS: readonly SubmissionStatus[] = ['merged', 'referred', 'not_actionable', 'hidden'];

const TRANSITIONS: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  received: ['triaged', 'in_progress', ...SIDE_EXITS],
  triaged: ['in_progress', ...SIDE_EXITS],
  in_progress: ['closed', ...SIDE_EXITS],
  answered: ['closed', 'in_progress'],
  closed: ['in_progress'],
  // A side exit can be undone by the reform team (e.g. a wrong merge).
  merged: ['triaged'],
  referred: ['triaged'],
  not_actionable: ['triaged'],
  hidden: ['triaged'],
};

export function canChangeStatus(from: SubmissionStatus, to: SubmissionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function allowedNextStatuses(from: SubmissionStatus): readonly SubmissionStatus[] {
  return TRANSITIONS[from];
}

/**
 * Past the reply target, an interim reply (中間回答) with a reason and a new date is required
 * until a final reply is sent. `lastInterimSentOn` is the date of the latest interim reply.
 */
export function interimReplyRequired(input: {
  status: SubmissionStatus;
  dueDate: string | null;
  today: string;
  finalReplySent: boolean;
}): boolean {
  if (input.finalReplySent || !OPEN_STATUSES.includes(input.status) || !input.dueDate) return false;
  return input.today > input.dueDate;
}
