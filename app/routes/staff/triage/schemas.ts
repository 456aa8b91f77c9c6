import { z } from 'zod';
import { voiceFormSchema } from '~/domain/voice-form';
import { VOICE_KINDS } from '~/domain/voice-kinds';
import { idField, integerField, optionalText, requiredText } from '../ui/form-schema';
import { idText, versionText } from '~/utils/ids';

// One zod schema per triage form, run by react-hook-form in the browser and by parseForm on
// the server. Hidden fields (which voice, which version was read) are parsed separately by
// `hiddenFields`, so the browser validates only what the person typed or chose.

const date = (message = 'triage:validation.date') =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v ?? ''), z.string().min(1, 'staff:validation.required').regex(/^\d{4}-\d{2}-\d{2}$/, message));

export const classifySchema = z.object({
  kind: z.enum(VOICE_KINDS, { errorMap: () => ({ message: 'staff:validation.required' }) }),
  categoryId: idField,
});
export const routeSchema = z.object({ departmentId: idField });
export const assignSchema = z.object({ assigneeId: idField });
export const prioritySchema = z.object({ priority: integerField(0, 3) });
/** A date, or a number of business days from today (weekends, holidays and closed days skipped). */
export const dueDateSchema = z.object({
  dueDate: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'triage:validation.date')),
  businessDays: z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : Number(v)),
    z.number({ invalid_type_error: 'staff:validation.number' }).int('staff:validation.number').min(1, 'staff:validation.range').max(60, 'staff:validation.range').optional()),
}).superRefine((value, ctx) => {
  if (!value.dueDate && value.businessDays === undefined) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'triage:validation.dueDateOrDays' });
});

export const mergeSchema = z.object({ mergedInto: requiredText(20) });
export const referSchema = z.object({ referredTo: requiredText(200) });
export const reasonSchema = z.object({ reason: requiredText(1000) });
/** Forms whose only inputs are hidden (a button that says it all). */
export const noFieldsSchema = z.object({});
export const SIMPLE_STATUSES = ['triaged', 'in_progress', 'closed'] as const;
export const simpleStatusSchema = z.object({ to: z.enum(SIMPLE_STATUSES) });

export const replySchema = z.object({ body: requiredText(8000) });
export const interimReplySchema = z.object({
  body: requiredText(8000),
  interimReason: requiredText(1000),
  newDueDate: date(),
});
export const returnSchema = z.object({ comment: requiredText(2000) });
export const templateSchema = z.object({ templateId: idField });
export const approveSchema = z.object({ comment: optionalText(2000) });

export const publishSchema = z.object({
  title: requiredText(200),
  body: requiredText(8000),
  reply: optionalText(8000),
});

export const instructionSchema = z.object({ text: requiredText(2000) });
export const noteSchema = z.object({ text: requiredText(2000) });

/** The hidden fields every voice form carries: which voice (or reply) and the version read. */
export const hiddenFields = z.object({
  submissionId: idText,
  version: versionText.optional(),
  replyId: idText.optional(),
});

export const VOICE_INTENTS = [
  'note', 'contact', 'classify', 'route', 'assign', 'priority', 'dueDate', 'status', 'merge', 'refer', 'notActionable', 'hide',
  'draft', 'interim', 'useTemplate', 'editReply', 'submitReply', 'approve', 'returnReply', 'publish', 'unpublish', 'photos',
] as const;
export type VoiceIntent = (typeof VOICE_INTENTS)[number];

/** Channels staff enter on a resident's behalf (the web form and the API enter themselves). */
export const ENTRY_CHANNELS = ['phone', 'fax', 'counter', 'letter', 'email'] as const;

/** Entry on behalf: the resident's form, plus how the voice reached the city. */
export const entrySchema = z.intersection(
  z.object({ channel: z.enum(ENTRY_CHANNELS, { errorMap: () => ({ message: 'triage:entry.channelRequired' }) }) }),
  voiceFormSchema,
);
