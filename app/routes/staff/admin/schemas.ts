import { isLanguageCode } from '~/i18n/i18n';
import { z } from 'zod';
import type { StaffRole } from '#db/schema/enums';
import { RETENTION_LIMITS } from '~/domain/retention';
import { checkbox, emailField, idField, integerField, optionalIdField, optionalText, requiredText, withTranslations } from '../ui/form-schema';
import { idText } from '~/utils/ids';

// One zod schema per admin form, used by react-hook-form in the browser and by the action.

const code = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.string().min(1, 'staff:validation.required').max(40, 'staff:validation.tooLong').regex(/^[a-z0-9][a-z0-9-]*$/, 'staff:validation.code'),
);

// Any language folder's name; the domain keeps only installed ones (the form offers only those).
const language = z.string({ required_error: 'staff:validation.required' }).refine(isLanguageCode, 'staff:validation.required');
// Listed here (not imported from the schema) so the browser bundle does not pull in drizzle.
export const STAFF_ROLES = ['staff', 'manager', 'reform', 'mayor', 'auditor', 'admin'] as const satisfies readonly StaffRole[];
const role = z.enum(STAFF_ROLES, { errorMap: () => ({ message: 'staff:validation.required' }) });

export const userSchema = z.object({
  displayName: requiredText(80),
  role,
  departmentId: optionalIdField,
  language,
});

export const inviteSchema = userSchema.extend({ email: emailField });

// City texts are entered in Japanese (required) with optional translations, posted as
// `name:en`, `name:pt`… (withTranslations): a language without one shows the Japanese.
export const departmentSchema = withTranslations(z.object({
  code,
  level: z.enum(['bu', 'ka'], { errorMap: () => ({ message: 'staff:validation.required' }) }),
  parentId: optionalIdField,
  nameJa: requiredText(80),
  isReformTeam: checkbox,
  sortOrder: integerField(0, 9999),
  active: checkbox,
}), { name: 120 });

export const categorySchema = withTranslations(z.object({
  code,
  nameJa: requiredText(80),
  defaultDepartmentId: optionalIdField,
  replyTargetDays: integerField(1, 60),
  sortOrder: integerField(0, 9999),
  active: checkbox,
}), { name: 120 });

export const templateSchema = z.object({
  title: requiredText(100),
  body: requiredText(4000),
  language,
  active: checkbox,
});

export const counterSchema = withTranslations(z.object({
  slug: code,
  nameJa: requiredText(80),
  departmentId: idField,
  locationJa: optionalText(120),
  active: checkbox,
}), { name: 120, location: 160 });

/** A closed day is either every year on a month/day (12/29) or one date (2026-06-23). */
export const closedDaySchema = withTranslations(z.object({
  kind: z.enum(['annual', 'date'], { errorMap: () => ({ message: 'staff:validation.required' }) }),
  month: z.preprocess((v) => (v === '' || v === undefined ? null : Number(v)), z.number().int().nullable()),
  day: z.preprocess((v) => (v === '' || v === undefined ? null : Number(v)), z.number().int().nullable()),
  date: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.string().nullable()),
  labelJa: requiredText(60),
}), { label: 80 }).superRefine((v, ctx) => {
  if (v.kind === 'annual') {
    if (v.month === null || Number.isNaN(v.month) || v.month < 1 || v.month > 12) ctx.addIssue({ code: 'custom', path: ['month'], message: 'staff:validation.range' });
    const days = new Date(Date.UTC(2024, v.month ?? 1, 0)).getUTCDate();
    if (v.day === null || Number.isNaN(v.day) || v.day < 1 || v.day > days) ctx.addIssue({ code: 'custom', path: ['day'], message: 'staff:validation.range' });
  } else {
    const valid = typeof v.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.date) && !Number.isNaN(Date.parse(`${v.date}T00:00:00Z`))
      && new Date(`${v.date}T00:00:00Z`).toISOString().startsWith(v.date);
    if (!valid) ctx.addIssue({ code: 'custom', path: ['date'], message: 'staff:validation.date' });
  }
});

/** A phone or fax number residents dial (empty: not shown): digits, spaces, hyphens, ( ) and +. */
const phoneText = z.preprocess(
  (v) => (typeof v === 'string' ? v.normalize('NFKC').trim() : v ?? ''),
  z.string().max(30, 'staff:validation.tooLong').regex(/^(\+?[\d\s()-]*\d[\d\s()-]*)?$/, 'staff:validation.phone'),
);

export const citySchema = withTranslations(z.object({
  nameJa: requiredText(60),
  promiseJa: requiredText(200),
  defaultReplyTargetDays: integerField(1, 60),
  requireTotpForAdminAndMayor: checkbox,
  allowSelfApproval: checkbox,
  contactPhone: phoneText,
  contactFax: phoneText,
  officeHoursJa: optionalText(200),
  afterHoursPhone: phoneText,
}), { name: 80, promise: 300, officeHours: 300 });

// Retention periods (app/domain/retention.ts holds their limits; the erasure job and /privacy read them).
export const retentionSchema = z.object({
  voiceYears: integerField(...RETENTION_LIMITS.voiceYears),
  contactMonths: integerField(...RETENTION_LIMITS.contactMonths),
  photoMonths: integerField(...RETENTION_LIMITS.photoMonths),
  auditYears: integerField(...RETENTION_LIMITS.auditYears),
  mailDays: integerField(...RETENTION_LIMITS.mailDays),
});

export const auditFilterSchema = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  userId: idText.optional().catch(undefined),
  action: z.string().trim().max(60).optional().catch(undefined),
  entityType: z.string().trim().max(40).optional().catch(undefined),
  entityId: z.string().trim().max(40).optional().catch(undefined),
  before: idText.optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
