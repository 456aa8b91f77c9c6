import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import type { z } from 'zod';
import { auditActor } from '~/audit/audit.server';
import { forbidden, notFound, requireUserWithPermission, userHasPermission, type StaffUser } from '~/auth/session.server';
import { publishVoice, unpublishVoice } from '~/domain/publication.server';
import { setPublishedPhotos } from '~/domain/voice-photos.server';
import { approveReply, draftReply, replyTemplatesFor, returnReply, submitReplyForApproval, updateReplyDraft } from '~/domain/replies.server';
import { assignVoice, changeVoiceStatus, classifyVoice, routeVoice, setDueDate, setPriority, type StatusChange } from '~/domain/triage.server';
import type { Actor } from '~/domain/errors';
import { addBusinessDays } from '~/domain/business-days';
import { findVisibleVoice } from '~/models/staff-voices.server';
import { addInternalNote, viewVoiceContact } from '~/domain/voice-staff-notes.server';
import { triageCalendar } from '~/models/staff-triage.server';
import { parseForm } from '../ui/form-schema';
import {
  approveSchema, assignSchema, classifySchema, dueDateSchema, hiddenFields, interimReplySchema, noteSchema, mergeSchema, prioritySchema,
  publishSchema, reasonSchema, referSchema, replySchema, returnSchema, routeSchema, simpleStatusSchema, VOICE_INTENTS, type VoiceIntent,
} from './schemas';
import { invalid, runTriage, type TriageActionData } from './triage-errors.server';
import { parseId } from '~/utils/ids';

// The voice page's posts, one intent per form. Each parses its own schema, calls the domain
// (which checks permission, scope and the version read) and redirects back with `?done=…`,
// so a reload never posts twice. A refusal is shown on the form that was sent.

type Ctx = { request: Request; form: FormData; user: StaffUser; actor: Actor; db: ActionFunctionArgs['context']['db']; voiceId: number; categoryId: number | null; version: number | undefined; replyId: number | undefined;
  /** The intent as reported back: `editReply:12` when one intent has a form per reply. */
  label: string };

const need = (n: number | undefined) => n ?? 0;

function parsed<S extends z.ZodTypeAny>(intent: string, schema: S, form: FormData) {
  const result = parseForm(schema, form);
  return result.ok ? { data: result.data as z.output<S>, response: null } : { data: null, response: invalid(intent, result.errors) };
}

async function writeStatus(ctx: Ctx, change: StatusChange) {
  return runTriage(ctx.request, ctx.label, () => changeVoiceStatus(ctx.db, ctx.actor, { submissionId: ctx.voiceId, version: need(ctx.version), change }));
}

/** Runs one intent; null data means "done" (redirect), otherwise the response to return. */
async function perform(intent: VoiceIntent, ctx: Ctx): Promise<Response | ReturnType<typeof invalid> | TriageActionData | null> {
  const { db, actor, voiceId, form, request } = ctx;
  const version = need(ctx.version);
  const base = { submissionId: voiceId, version };
  const settle = (r: { ok: boolean; response?: ReturnType<typeof invalid> }) => (r.ok ? null : r.response!);
  switch (intent) {
    case 'contact': {
      if (!userHasPermission(ctx.user, 'voice:contact_view')) throw forbidden(request);
      const contact = await viewVoiceContact(db, ctx.user, voiceId, actor.audit);
      if (!contact) throw notFound(request);
      return { intent: ctx.label, errors: null, contact: { ...contact } };
    }
    case 'note': {
      if (!userHasPermission(ctx.user, 'voice:note')) throw forbidden(request);
      const p = parsed(ctx.label, noteSchema, form);
      if (!p.data) return p.response;
      if (!(await addInternalNote(db, ctx.user, { submissionId: voiceId, text: p.data.text }, actor.audit))) throw notFound(request);
      // Answered in place (200), so the form can empty itself and say so.
      return { intent: ctx.label, errors: null, done: 'note' };
    }
    case 'classify': {
      const p = parsed(ctx.label, classifySchema, form);
      if (!p.data) return p.response;
      return settle(await runTriage(request, ctx.label, () => classifyVoice(db, actor, { ...base, ...p.data })));
    }
    case 'route': {
      const p = parsed(ctx.label, routeSchema, form);
      if (!p.data) return p.response;
      return settle(await runTriage(request, ctx.label, () => routeVoice(db, actor, { ...base, ...p.data })));
    }
    case 'assign': {
      const p = parsed(ctx.label, assignSchema, form);
      if (!p.data) return p.response;
      return settle(await runTriage(request, ctx.label, () => assignVoice(db, actor, { ...base, ...p.data })));
    }
    case 'priority': {
      const p = parsed(ctx.label, prioritySchema, form);
      if (!p.data) return p.response;
      return settle(await runTriage(request, ctx.label, () => setPriority(db, actor, { ...base, ...p.data })));
    }
    case 'dueDate': {
      const p = parsed(ctx.label, dueDateSchema, form);
      if (!p.data) return p.response;
      const { today, closedDays } = await triageCalendar(db);
      const dueDate = p.data.businessDays !== undefined ? addBusinessDays(today, p.data.businessDays, closedDays) : p.data.dueDate;
      return settle(await runTriage(request, ctx.label, () => setDueDate(db, actor, { ...base, dueDate, today })));
    }
    case 'status': {
      const p = parsed(ctx.label, simpleStatusSchema, form);
      if (!p.data) return p.response;
      return settle(await writeStatus(ctx, { to: p.data.to }));
    }
    case 'merge': {
      const p = parsed(ctx.label, mergeSchema, form);
      if (!p.data) return p.response;
      return settle(await writeStatus(ctx, { to: 'merged', mergedIntoReceiptNumber: p.data.mergedInto }));
    }
    case 'refer': {
      const p = parsed(ctx.label, referSchema, form);
      if (!p.data) return p.response;
      return settle(await writeStatus(ctx, { to: 'referred', referredTo: p.data.referredTo }));
    }
    case 'notActionable':
    case 'hide': {
      const p = parsed(ctx.label, reasonSchema, form);
      if (!p.data) return p.response;
      return settle(await writeStatus(ctx, { to: intent === 'hide' ? 'hidden' : 'not_actionable', reason: p.data.reason }));
    }
    case 'useTemplate': {
      const templateId = parseId(form.get('templateId'));
      const template = (await replyTemplatesFor(db, ctx.categoryId)).find((t) => t.id === templateId);
      if (!template) return invalid(ctx.label, { templateId: 'staff:validation.required' });
      return { intent: ctx.label, errors: null, template: { id: template.id, body: template.body } };
    }
    case 'draft': {
      const p = parsed(ctx.label, replySchema, form);
      if (!p.data) return p.response;
      const templateId = parseId(form.get('templateId'));
      return settle(await runTriage(request, ctx.label, () => draftReply(db, actor, { submissionId: voiceId, kind: 'final', body: p.data.body, templateId })));
    }
    case 'interim': {
      const p = parsed(ctx.label, interimReplySchema, form);
      if (!p.data) return p.response;
      return settle(await runTriage(request, ctx.label, () => draftReply(db, actor, { submissionId: voiceId, kind: 'interim', ...p.data })));
    }
    case 'editReply': {
      const interim = form.has('interimReason');
      const p = parsed(ctx.label, interim ? interimReplySchema : replySchema, form);
      if (!p.data || !ctx.replyId) return p.response ?? invalid(ctx.label, { _form: 'staff:validation.badRequest' });
      const d = p.data as z.output<typeof interimReplySchema>;
      return settle(await runTriage(request, ctx.label, () => updateReplyDraft(db, actor, { replyId: ctx.replyId!, version, body: d.body, interimReason: d.interimReason, newDueDate: d.newDueDate })));
    }
    case 'submitReply':
      if (!ctx.replyId) return invalid(ctx.label, { _form: 'staff:validation.badRequest' });
      return settle(await runTriage(request, ctx.label, () => submitReplyForApproval(db, actor, { replyId: ctx.replyId!, version })));
    case 'approve': {
      const p = parsed(ctx.label, approveSchema, form);
      if (!p.data || !ctx.replyId) return p.response ?? invalid(ctx.label, { _form: 'staff:validation.badRequest' });
      return settle(await runTriage(request, ctx.label, () => approveReply(db, actor, { replyId: ctx.replyId!, version, comment: p.data.comment })));
    }
    case 'returnReply': {
      const p = parsed(ctx.label, returnSchema, form);
      if (!p.data || !ctx.replyId) return p.response ?? invalid(ctx.label, { _form: 'staff:validation.badRequest' });
      return settle(await runTriage(request, ctx.label, () => returnReply(db, actor, { replyId: ctx.replyId!, version, comment: p.data.comment })));
    }
    case 'publish': {
      const p = parsed(ctx.label, publishSchema, form);
      if (!p.data) return p.response;
      return settle(await runTriage(request, ctx.label, () => publishVoice(db, actor, { ...base, ...p.data, reply: p.data.reply || null })));
    }
    case 'unpublish':
      return settle(await runTriage(request, ctx.label, () => unpublishVoice(db, actor, base)));
    case 'photos': {
      // The ticked photos go public (with the voice); the others stay private. Ids of another
      // voice's photos are ignored by the domain.
      const photoIds = form.getAll('photoIds').map(String).filter((v) => /^\d{1,9}$/.test(v)).map(Number);
      return settle(await runTriage(request, ctx.label, () => setPublishedPhotos(db, actor, { submissionId: voiceId, photoIds })));
    }
  }
}

/** Intents that change the voice or a reply must name the version they read. */
const VERSIONED: ReadonlySet<VoiceIntent> = new Set(['classify', 'route', 'assign', 'priority', 'dueDate', 'status', 'merge', 'refer', 'notActionable', 'hide',
  'editReply', 'submitReply', 'approve', 'returnReply', 'publish', 'unpublish']);

export async function voiceAction({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'voice:read');
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const hidden = hiddenFields.safeParse(Object.fromEntries([...form.entries()].filter(([k]) => k in hiddenFields.shape)));
  if (!(VOICE_INTENTS as readonly string[]).includes(intent) || !hidden.success) return invalid(intent, { _form: 'staff:validation.badRequest' });
  const voiceIntent = intent as VoiceIntent;
  if (VERSIONED.has(voiceIntent) && hidden.data.version === undefined) return invalid(intent, { _form: 'staff:validation.badRequest' });
  // The id in the form must be the voice of the URL, and both must be within the user's scope.
  const receiptNumber = params.receiptNumber ?? '';
  const voice = await findVisibleVoice(context.db, user, receiptNumber, 'ja');
  if (!voice || voice.id !== hidden.data.submissionId) throw notFound(request);
  const ctx: Ctx = {
    request, form, user, actor: { user, audit: auditActor(request, context, user) }, db: context.db,
    voiceId: voice.id, categoryId: voice.categoryId, version: hidden.data.version, replyId: hidden.data.replyId,
    label: hidden.data.replyId ? `${voiceIntent}:${hidden.data.replyId}` : voiceIntent,
  };
  const result = await perform(voiceIntent, ctx);
  if (result === null) throw redirect(`/staff/voices/${encodeURIComponent(receiptNumber)}?done=${voiceIntent}`);
  return result;
}
