import { data } from '@remix-run/node';
import { z } from 'zod';
import { forbidden, type StaffUser } from '~/auth/session.server';
import { bulkPolicy } from '~/domain/voice-policy';
import { markReviewedByMayor } from '~/domain/mayor-review.server';
import { assignVoice, changeVoiceStatus, routeVoice } from '~/domain/triage.server';
import { DomainError, type Actor } from '~/domain/errors';
import type { Database } from '#db/client';
import { receiptNumbersOf } from '~/models/staff-triage.server';
import { idField } from '../ui/form-schema';

// Bulk actions on the inbox: route, assign, close and (the mayor) mark reviewed. Each ticked
// item carries the version it was listed at and is written on its own, so one stale or
// refused item is reported beside the others instead of stopping them.

export const BULK_INTENTS = ['route', 'assign', 'close', 'review'] as const;
export type BulkIntent = (typeof BULK_INTENTS)[number];

const itemField = z.string().regex(/^\d+:\d+$/).transform((v) => {
  const [id, version] = v.split(':').map(Number) as [number, number];
  return { id, version };
});

export interface BulkResult {
  receiptNumber: string;
  ok: boolean;
  message: string;
}

export interface BulkActionData {
  intent: string;
  errors: Record<string, string> | null;
  results: BulkResult[];
}

const fail = (intent: string, errors: Record<string, string>) => data<BulkActionData>({ intent, errors, results: [] }, { status: 400 });

export async function bulkAction(request: Request, db: Database, user: StaffUser, actor: Actor, form: FormData) {
  const intentParsed = z.enum(BULK_INTENTS).safeParse(form.get('intent'));
  if (!intentParsed.success) return fail('', { _form: 'staff:validation.badRequest' });
  const intent = intentParsed.data;
  if (!bulkPolicy(user)[intent]) throw forbidden(request);
  const items = form.getAll('ids').map((v) => itemField.safeParse(v));
  if (items.some((i) => !i.success)) return fail(intent, { _form: 'staff:validation.badRequest' });
  const chosen = items.map((i) => i.data!);
  if (chosen.length === 0) return fail(intent, { _form: 'triage:bulk.noneSelected' });
  if (chosen.length > 100) return fail(intent, { _form: 'triage:bulk.tooMany' });
  const target = intent === 'route' ? idField.safeParse(form.get('departmentId') ?? '') : intent === 'assign' ? idField.safeParse(form.get('assigneeId') ?? '') : null;
  if (target && !target.success) return fail(intent, { [intent === 'route' ? 'departmentId' : 'assigneeId']: 'staff:validation.required' });

  const receipts = await receiptNumbersOf(db, user, chosen.map((c) => c.id));
  const results: BulkResult[] = [];
  if (intent === 'review') {
    const visible = chosen.filter((c) => receipts.has(c.id));
    await markReviewedByMayor(db, actor, visible.map((c) => c.id));
    for (const c of chosen) {
      results.push(receipts.has(c.id)
        ? { receiptNumber: receipts.get(c.id)!, ok: true, message: 'triage:bulk.result.review' }
        : { receiptNumber: `#${c.id}`, ok: false, message: 'triage:errors.not_found' });
    }
    return { intent, errors: null, results } satisfies BulkActionData;
  }
  for (const c of chosen) {
    const receiptNumber = receipts.get(c.id) ?? `#${c.id}`;
    try {
      const input = { submissionId: c.id, version: c.version };
      if (intent === 'route') await routeVoice(db, actor, { ...input, departmentId: target!.data! });
      else if (intent === 'assign') await assignVoice(db, actor, { ...input, assigneeId: target!.data! });
      else await changeVoiceStatus(db, actor, { ...input, change: { to: 'closed' } });
      results.push({ receiptNumber, ok: true, message: `triage:bulk.result.${intent}` });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ receiptNumber, ok: false, message: error.messageKey });
    }
  }
  return { intent, errors: null, results } satisfies BulkActionData;
}
