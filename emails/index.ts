import type { EmailTemplate } from './template';
import { approvalRequested } from './approval-requested';
import { approvalReturned } from './approval-returned';
import { assignment } from './assignment';
import { dailyDigest } from './daily-digest';
import { improvementCompleted } from './improvement-completed';
import { interimReply } from './interim-reply';
import { invitation } from './invitation';
import { mayorInstruction } from './mayor-instruction';
import { passwordReset } from './password-reset';
import { receipt } from './receipt';
import { securityNotice } from './security-notice';
import { signInUnlock } from './sign-in-unlock';
import { reply } from './reply';
import { statusChange } from './status-change';
import { trackingLink } from './tracking-link';

/**
 * Every mail Meyasu sends, by the template name stored in email_outbox.template. Each entry
 * has its payload schema (the worker refuses a payload that does not fit, as a dead letter),
 * its subject, its component, whether it is essential and which fields are secret.
 *
 * Payloads (paths are inside the app; the worker adds APP_URL):
 * - receipt                { receiptNumber, title, trackingToken }
 * - reply                  { receiptNumber, title, replyBody, trackingToken? }
 * - interim_reply          { receiptNumber, title, replyBody, reason, newDueDate: YYYY-MM-DD, trackingToken? }
 * - status_change          { receiptNumber, title, status: merged|referred|closed, mergedInto?, referredTo?, trackingToken? }
 * - improvement_completed  { title, summary, receiptNumbers: string[], improvementsPath? }
 * - assignment             { receiptNumber, title, departmentName, assignedByName?, dueDate?, itemPath }
 * - approval_requested     { receiptNumber, title, authorName, replyKind: final|interim, itemPath }
 * - approval_returned      { receiptNumber, title, approverName, comment?, itemPath }
 * - mayor_instruction      { reference, title, instruction, mayorName, itemPath }
 * - daily_digest           { date, items: [{ kind: voice|action, reference, title, dueDate, overdue, itemPath }] }
 * - tracking_link          { trackingToken }   (asked for on the tracking page; not tied to the voice)
 * - invitation             { inviteUrl, inviterName, expiresAt }
 * - password_reset         { resetUrl, expiresAt }
 * - security_notice        { event: totp_enabled|totp_reenrolment|totp_disabled, at }
 * - sign_in_unlock         { unlockUrl, expiresAt }
 */
export const emailTemplates = {
  receipt,
  reply,
  interim_reply: interimReply,
  status_change: statusChange,
  tracking_link: trackingLink,
  improvement_completed: improvementCompleted,
  assignment,
  approval_requested: approvalRequested,
  approval_returned: approvalReturned,
  mayor_instruction: mayorInstruction,
  daily_digest: dailyDigest,
  invitation,
  password_reset: passwordReset,
  security_notice: securityNotice,
  sign_in_unlock: signInUnlock,
};

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailPayload<N extends EmailTemplateName> = (typeof emailTemplates)[N] extends EmailTemplate<infer P> ? P : never;

export const emailTemplateNames = Object.keys(emailTemplates) as EmailTemplateName[];

function isEmailTemplateName(name: string): name is EmailTemplateName {
  return Object.hasOwn(emailTemplates, name);
}

/** The template behind a stored name, with its payload type erased (the schema checks it). */
export function emailTemplate(name: string): EmailTemplate<Record<string, unknown>> | undefined {
  return isEmailTemplateName(name) ? (emailTemplates[name] as unknown as EmailTemplate<Record<string, unknown>>) : undefined;
}

export type { EmailTemplate, RenderContext } from './template';
