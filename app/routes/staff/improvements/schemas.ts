import { z } from 'zod';
import { idField, integerField, optionalIdField, optionalText, requiredText, withTranslations } from '../ui/form-schema';
import { idSchema, MAX_ID } from '~/utils/ids';
import { photosField } from '~/domain/voice-form';

// One zod schema per improvement form, run by react-hook-form in the browser and by
// parseImprovementForm on the server. Browser-safe: the value lists are repeated here (the
// database enums live in server code) and checked against them in staff-improvements.server.ts.

export const TYPES = ['corrective', 'preventive', 'improvement'] as const;
export const FINDING_CLASSES = [
  'nonconformity', 'potential_nonconformity', 'request', 'opportunity', 'minor_fix', 'recommendation', 'minor_nonconformity',
] as const;
export const LEVELS = ['operations', 'people', 'programme', 'workplace', 'strategy'] as const;
export const SOURCES = [
  'voice', 'counter_survey', 'staff_suggestion', 'internal_audit', 'external_audit', 'management_review', 'mayor_instruction',
] as const;
export const STAGES = ['plan', 'do', 'check', 'act', 'closed'] as const;
export const RESULTS = ['effective', 'partly', 'not_effective'] as const;

const required = 'staff:validation.required';
const invalidDate = 'staff:validation.date';

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(values, { errorMap: () => ({ message: required }) }));

function isoDate(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
}

export const optionalDate = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v ?? ''),
  z.string().refine((v) => v === '' || isoDate(v), invalidDate).transform((v) => (v === '' ? null : v)),
);
export const requiredDate = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v ?? ''),
  z.string().min(1, required).refine((v) => v === '' || isoDate(v), invalidDate),
);

/** A list of checked boxes or repeated fields: an array from the server, string/false from react-hook-form. */
export const idList = z.preprocess(
  (v) => (Array.isArray(v) ? v : v === false || v === undefined || v === null || v === '' ? [] : [v]).map(Number),
  z.array(idSchema).min(1, 'improvement:validation.chooseOne'),
);

const version = integerField(0, MAX_ID);
const longText = (max = 10_000) => requiredText(max);
const optionalLong = optionalText(10_000);

export const detailsFields = {
  title: requiredText(200),
  type: choice(TYPES),
  findingClass: choice(FINDING_CLASSES),
  level: choice(LEVELS),
  ownerDepartmentId: idField,
  ownerUserId: optionalIdField,
  dueDate: optionalDate,
  checkDueDate: optionalDate,
};

export const openSchema = z.object({
  ...detailsFields,
  problemStatement: longText(),
  source: choice(SOURCES),
  /** The id of the survey, suggestion, finding, decision or instruction event (not for voices). */
  sourceRefId: optionalIdField,
});

export const detailsSchema = z.object({ version, ...detailsFields });

export const planSchema = z.object({
  version,
  problemStatement: longText(),
  immediateCorrection: optionalLong,
  correctionConsequences: optionalLong,
  causeAnalysis: optionalLong,
  similarProblems: optionalLong,
});

export const addActionSchema = z.object({
  version,
  description: longText(),
  ownerDepartmentId: optionalIdField,
  ownerUserId: optionalIdField,
  dueDate: optionalDate,
});

export const editActionSchema = addActionSchema.extend({ actionId: idField });

export const completeActionSchema = z.object({ version, actionId: idField, evidence: longText() });

export const spreadSchema = z.object({ version, departmentIds: idList, description: longText(), dueDate: requiredDate });

export const reviewSchema = z.object({ version, result: choice(RESULTS), evidence: longText() });

/** ACT; the public summary's translations post as `publicSummary:en`, `publicSummary:pt`… */
export const actSchema = withTranslations(z.object({
  version,
  standardisation: optionalLong,
  risksUpdated: optionalLong,
  publicSummaryJa: optionalLong,
}), { publicSummary: 10_000 });

export const advanceSchema = z.object({ version, to: choice(STAGES) });

export const archiveSchema = z.object({ version, reason: requiredText(2000) });

export const linkVoicesSchema = z.object({ version, receiptNumbers: requiredText(5000) });

export const PHOTO_LABELS = ['before', 'after'] as const;

/** Photo evidence (改善前/改善後): the resident's photo rules, at least one photo, and a caption. */
export const photoEvidenceSchema = z.object({
  label: choice(PHOTO_LABELS),
  caption: requiredText(200),
  photos: photosField.refine((list) => list.length > 0, 'improvement:validation.photoRequired'),
});

export const suggestionSchema = z.object({
  title: requiredText(200),
  body: longText(),
  hideName: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
});

export const turnSuggestionSchema = z.object({ submissionId: idField, level: choice(LEVELS), ownerDepartmentId: idField });

export const findingSchema = z.object({
  departmentId: idField,
  findingClass: choice(FINDING_CLASSES),
  description: longText(),
  foundOn: requiredDate,
  externalBody: optionalText(200),
});

export const turnFindingSchema = z.object({ findingId: idField, title: requiredText(200), level: choice(LEVELS) });

/** Receipt numbers typed or pasted: separated by spaces, commas or new lines. */
export function splitReceiptNumbers(text: string): string[] {
  return [...new Set(text.split(/[\s,、，]+/).map((s) => s.trim()).filter(Boolean))];
}
