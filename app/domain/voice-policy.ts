import type { StaffRole, SubmissionStatus } from '#db/schema/enums';
import { roleHasPermission } from '~/auth/permissions';
import { allowedNextStatuses } from './voice-status';

// Who may do what to one voice: the one place for these rules. The voice page asks it what to
// offer, and every write (triage, replies, bulk actions) asks it what to allow, so the page can
// never offer what the write refuses or the other way round. Which voices a user may *see* is
// scope.server.ts's job; this decides what they may do to a voice they can see.

export interface PolicyUser {
  role: StaffRole;
  departmentId: number | null;
}

export interface PolicyVoice {
  departmentId: number | null;
  status: SubmissionStatus;
  consentToPublish?: boolean;
}

/** A 課長 may close an answered voice of their 課, or reopen it; every other change is the reform team's. */
const MANAGER_STATUS_CHANGES: readonly SubmissionStatus[] = ['closed', 'in_progress'];

/** Whether the user's role may ever make this status change (before any voice is loaded). */
export function roleMayChangeStatus(user: PolicyUser, to: SubmissionStatus): boolean {
  return roleHasPermission(user.role, 'voice:triage') || (user.role === 'manager' && MANAGER_STATUS_CHANGES.includes(to));
}

function inOwnDepartment(user: PolicyUser, voice: PolicyVoice): boolean {
  return voice.departmentId !== null && voice.departmentId === user.departmentId;
}

export function voicePolicy(user: PolicyUser, voice: PolicyVoice) {
  const triage = roleHasPermission(user.role, 'voice:triage');
  const managerOfVoice = user.role === 'manager' && inOwnDepartment(user, voice);
  const changeStatus = (to: SubmissionStatus) => triage || (managerOfVoice && MANAGER_STATUS_CHANGES.includes(to));
  return {
    triage,
    assign: triage || (managerOfVoice && roleHasPermission(user.role, 'voice:assign')),
    priority: triage || managerOfVoice,
    changeStatus,
    statusChoices: allowedNextStatuses(voice.status).filter(changeStatus),
    /** Drafting replies: the reform team anywhere, staff and 課長 for their own 課. */
    draft: roleHasPermission(user.role, 'reply:draft') && (user.role === 'reform' || inOwnDepartment(user, voice)),
    /** 決裁: the 課長 of the voice's 課 only. */
    approve: roleHasPermission(user.role, 'reply:approve') && inOwnDepartment(user, voice),
    publish: roleHasPermission(user.role, 'voice:publish') && voice.consentToPublish === true,
    improve: roleHasPermission(user.role, 'improvement:manage'),
  };
}

/** What the inbox's bulk actions offer before any item is chosen; each item is still checked by voicePolicy. */
export function bulkPolicy(user: PolicyUser) {
  return {
    route: roleHasPermission(user.role, 'voice:triage'),
    assign: roleHasPermission(user.role, 'voice:assign'),
    close: roleMayChangeStatus(user, 'closed'),
    review: roleHasPermission(user.role, 'mayor:review'),
  };
}
