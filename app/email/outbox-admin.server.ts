import { and, count, desc, eq, like, not, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '#db/client';
import { emailOutbox } from '#db/schema/index';
import { emailTemplate } from '#emails/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import { getCityInfo } from '~/domain/city.server';
import { serverT } from '~/i18n/resources.server';
import { renderEmail, type RenderedEmail } from './render.server';
import { hiddenStopUrl, replaceHiddenLinks, withSecretsHidden } from './secret-links.server';
import { KEPT_PREFIX } from './transport.server';
import { SUPPRESSED_OPT_OUT } from './worker.server';

// What /staff/outbox shows and does: the list by status, one message, and sending a dead
// letter again. Kept mail (no RESEND_API_KEY) and mail not sent because the resident stopped
// notices are 'sent' rows told apart by their provider id.

import { OUTBOX_FILTERS, type OutboxFilter } from './outbox-filters';
import { idText } from '~/utils/ids';

export {  type OutboxFilter };
type OutboxDisplayStatus = 'pending' | 'sending' | 'sent' | 'kept' | 'suppressed' | 'dead';

type OutboxRow = typeof emailOutbox.$inferSelect;

export interface OutboxListItem {
  id: number;
  template: string;
  audience: 'resident' | 'staff';
  toAddress: string;
  language: string;
  status: OutboxDisplayStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

export interface OutboxPage {
  items: OutboxListItem[];
  page: number;
  pageCount: number;
  total: number;
  counts: Record<OutboxFilter, number>;
}

const isKept = like(emailOutbox.providerMessageId, `${KEPT_PREFIX}%`);

function filterCondition(filter: OutboxFilter): SQL | undefined {
  switch (filter) {
    case 'all': return undefined;
    case 'kept': return and(eq(emailOutbox.status, 'sent'), isKept);
    case 'sent': return and(eq(emailOutbox.status, 'sent'), sql`(${emailOutbox.providerMessageId} is null or ${not(isKept)})`);
    default: return eq(emailOutbox.status, filter);
  }
}

function displayStatus(row: Pick<OutboxRow, 'status' | 'providerMessageId'>): OutboxDisplayStatus {
  if (row.status !== 'sent') return row.status;
  if (row.providerMessageId?.startsWith(KEPT_PREFIX)) return 'kept';
  if (row.providerMessageId === SUPPRESSED_OPT_OUT) return 'suppressed';
  return 'sent';
}

function audienceOf(template: string): 'resident' | 'staff' {
  return emailTemplate(template)?.audience ?? 'staff';
}

function toItem(row: OutboxRow): OutboxListItem {
  return {
    id: row.id,
    template: row.template,
    audience: audienceOf(row.template),
    toAddress: row.toAddress,
    language: row.language,
    status: displayStatus(row),
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
  };
}

/** One page of the outbox, newest first, with the count behind each filter. */
export async function listOutbox(db: Executor, options: { status: OutboxFilter; page: number; pageSize?: number }): Promise<OutboxPage> {
  const pageSize = options.pageSize ?? 50;
  const where = filterCondition(options.status);
  const counts = Object.fromEntries(await Promise.all(OUTBOX_FILTERS.map(async (f) => {
    const [row] = await db.select({ n: count() }).from(emailOutbox).where(filterCondition(f));
    return [f, row?.n ?? 0] as const;
  }))) as Record<OutboxFilter, number>;
  const total = counts[options.status];
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(options.page) || 1), pageCount);
  const rows = await db.select().from(emailOutbox).where(where).orderBy(desc(emailOutbox.id)).limit(pageSize).offset((page - 1) * pageSize);
  return { items: rows.map(toItem), page, pageCount, total, counts };
}

export interface OutboxMessage extends OutboxListItem {
  payload: Record<string, unknown>;
  submissionId: number | null;
  providerMessageId: string | null;
}

export async function getOutboxMessage(db: Executor, id: number): Promise<OutboxMessage | null> {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  if (!row) return null;
  return {
    ...toItem(row),
    payload: row.payload,
    submissionId: row.submissionId,
    providerMessageId: row.providerMessageId,
  };
}

/** The "send again" form: which message. */
export const retryFormSchema = z.object({ intent: z.literal('retry'), messageId: idText });

/**
 * Sends a dead letter again: back to 'pending' with its attempts reset, due now. Returns
 * false when the message is not (or no longer) dead. The retry is written to the audit log.
 */
export async function retryDeadLetter(db: Database, id: number, actor?: AuditActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [retried] = await tx
      .update(emailOutbox)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, lockedUntil: null })
      .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'dead')))
      .returning({ id: emailOutbox.id, template: emailOutbox.template, lastError: emailOutbox.lastError });
    if (!retried) return false;
    if (actor) {
      await recordAudit(tx, { ...actor, action: 'email.retry', entityType: 'email_outbox', entityId: id, details: { template: retried.template, lastError: retried.lastError } });
    }
    return true;
  });
}

interface MailForStaff {
  subject: string;
  html: string;
  text: string;
  /** Every link of the mail but the secret ones, so that staff can follow one. */
  links: string[];
  /** Secret links (sign-in, tracking, stop) left out: only the addressee ever sees them. */
  hiddenLinks: number;
}

export type RenderForStaff = { ok: true; mail: MailForStaff } | { ok: false; reason: string };

function linksOf(html: string): string[] {
  const found = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  return [...new Set(found)].filter((href) => /^https?:\/\//.test(href));
}

async function forStaff(language: string, render: () => Promise<RenderedEmail>): Promise<RenderForStaff> {
  try {
    const rendered = await render();
    const { html, text, hidden } = replaceHiddenLinks(rendered, serverT(language, 'email')('common.secretLinkHidden'));
    return { ok: true, mail: { subject: rendered.subject, html, text, links: linksOf(html), hiddenLinks: hidden } };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A stored message as its recipient got (or will get) it, except its secret links (reset,
 * invitation, tracking, stop), which are never rendered for staff, kept mail included.
 */
export function renderOutboxMessage(db: Executor, message: OutboxMessage, config: { appUrl: string }): Promise<RenderForStaff> {
  return forStaff(message.language, async () => {
    const stopUrl = message.audience === 'resident' && message.submissionId !== null ? hiddenStopUrl(config.appUrl) : undefined;
    const cityName = (await getCityInfo(db, message.language)).name;
    return renderEmail(message.template, message.language, withSecretsHidden(message.template, message.payload), { appUrl: config.appUrl, cityName, stopUrl });
  });
}

/** A template with its sample payload, for the preview page (secret links hidden the same way). */
export function renderTemplatePreview(db: Executor, template: string, language: string, appUrl: string): Promise<RenderForStaff> {
  return forStaff(language, async () => {
    const entry = emailTemplate(template);
    const payload = entry ? withSecretsHidden(template, entry.sample(serverT(language, 'email')) as Record<string, unknown>) : {};
    const stopUrl = entry?.audience === 'resident' ? hiddenStopUrl(appUrl) : undefined;
    return renderEmail(template, language, payload, { appUrl, cityName: (await getCityInfo(db, language)).name, stopUrl });
  });
}
