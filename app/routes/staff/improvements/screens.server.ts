import { data, type AppLoadContext } from '@remix-run/node';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '#db/client';
import {
  auditFindings, counterSurveys, managementReviewDecisions, submissionEvents,
  categories, departments, findingClass, improvementLevel, improvementSource, improvementStage, improvementType, submissions, users,
} from '#db/schema/index';
import { auditActor } from '~/audit/audit.server';
import { visibleSubmissionsWhere } from '~/auth/scope.server';
import type { StaffUser } from '~/auth/session.server';
import type { ImprovementActor } from '~/domain/improvements/access';
import { ImprovementRuleError } from '~/domain/improvements/errors';
import { defaultImprovementType } from '~/domain/internal-audit-findings.server';
import { getStaffSuggestion } from '~/domain/staff-suggestions.server';
import { localText } from '~/i18n/city-text';
import type { FieldErrors } from '~/routes/staff/ui/form-schema';
import { FINDING_CLASSES, LEVELS, SOURCES, STAGES, TYPES } from '~/routes/staff/improvements/schemas';
import { runWrite } from '~/routes/staff/write-answer.server';

export { boardLink, boardQuery, type BoardQuery } from '~/routes/staff/improvements/board-query';

// What the improvement screens share on the server: the actor for the domain, the choices
// for owner 課 and person, the board's filters from the address, form parsing with lists,
// and the translation of the domain's refusals into an answer the page can show.

// The browser-safe value lists must be the database's.
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
if (!same(TYPES, improvementType.enumValues) || !same(FINDING_CLASSES, findingClass.enumValues) || !same(LEVELS, improvementLevel.enumValues)
  || !same(SOURCES, improvementSource.enumValues) || !same(STAGES, improvementStage.enumValues)) {
  throw new Error('improvement form value lists differ from the database enums');
}

export function improvementActor(request: Request, context: AppLoadContext, user: StaffUser): ImprovementActor {
  return { user, audit: auditActor(request, context, user) };
}

export type Option = { id: number; name: string };

/** The 課 that can own a record or an action, and the active staff (with their 課) who can. */
export async function ownerChoices(db: Executor, language: string): Promise<{ departments: Option[]; people: Option[] }> {
  const [deps, people] = await Promise.all([
    db.select({ id: departments.id, ja: departments.nameJa, translations: departments.nameTranslations }).from(departments)
      .where(and(eq(departments.active, true), eq(departments.level, 'ka'))).orderBy(asc(departments.sortOrder), asc(departments.id)),
    db.select({ id: users.id, name: users.displayName, ja: departments.nameJa, translations: departments.nameTranslations }).from(users)
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(and(isNull(users.disabledAt), inArray(users.role, ['staff', 'manager', 'reform'])))
      .orderBy(asc(departments.sortOrder), asc(users.displayName)),
  ]);
  return {
    departments: deps.map((d) => ({ id: d.id, name: localText(language, d.ja, d.translations) })),
    people: people.map((p) => ({ id: p.id, name: `${p.name}（${localText(language, p.ja, p.translations)}）` })),
  };
}

/** Voices by receipt number that the user may read (others are left out, as if unknown). */
export async function voicesByReceipt(db: Executor, user: Pick<StaffUser, 'role' | 'departmentId'>, receiptNumbers: string[], language: string) {
  if (receiptNumbers.length === 0) return [];
  const rows = await db.select({
    id: submissions.id, receiptNumber: submissions.receiptNumber, title: submissions.title, kind: submissions.kind,
    categoryJa: categories.nameJa, categoryTranslations: categories.nameTranslations, departmentId: submissions.departmentId, channel: submissions.channel,
  })
    .from(submissions)
    .leftJoin(categories, eq(categories.id, submissions.categoryId))
    .where(and(inArray(submissions.receiptNumber, receiptNumbers.slice(0, 500)), visibleSubmissionsWhere(user)))
    .orderBy(asc(submissions.receivedAt));
  return rows.map((r) => ({
    id: r.id, receiptNumber: r.receiptNumber, title: r.title, kind: r.kind, departmentId: r.departmentId, channel: r.channel,
    category: localText(language, r.categoryJa, r.categoryTranslations),
  }));
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** The posted form through its schema; `lists` are fields that may repeat (checkboxes). */
export function parseImprovementForm<S extends z.ZodTypeAny>(schema: S, formData: FormData, lists: string[] = []): FormResult<z.output<S>> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData) {
    if (typeof value !== 'string') continue;
    if (lists.includes(key)) raw[key] = [...((raw[key] as string[] | undefined) ?? []), value];
    else if (!(key in raw)) raw[key] = value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? '_form')] ??= issue.message;
  return { ok: false, errors };
}

/** What a refused post answers: which form, its field errors, the domain's reasons. */
export interface ImprovementActionData {
  intent: string;
  errors?: FieldErrors;
  /** Keys under improvement:errors. */
  refusals?: string[];
  conflict?: boolean;
  /** The action a per-action form was about. */
  actionId?: number;
}

type Extra = Pick<ImprovementActionData, 'actionId'>;

export function invalidForm(intent: string, errors: FieldErrors, extra: Extra = {}) {
  return data<ImprovementActionData>({ intent, errors, ...extra }, { status: 400 });
}

/**
 * Runs a domain write; a refusal becomes its status (400, 409 stale, 404) listing every reason;
 * a refused role renders the 403 page.
 */
export function runDomain<T>(request: Request, intent: string, write: () => Promise<T>, extra: Extra = {}) {
  return runWrite(request, write, (error) => data<ImprovementActionData>({
    intent,
    refusals: error instanceof ImprovementRuleError ? [...error.violations] : [error.code],
    conflict: error.code === 'version_conflict',
    ...extra,
  }, { status: error.status }), [403]);
}

export interface OpenPrefill {
  title?: string;
  problemStatement?: string;
  ownerDepartmentId?: number | null;
  findingClass?: string;
  type?: string;
  /** Something to show about the source (its text), so the opener sees what they turn into a record. */
  sourceText?: string;
}

/** What the open form starts with when it comes from another source (suggestion, finding, decision…). */
export async function sourcePrefill(db: Executor, user: Pick<StaffUser, 'id' | 'role' | 'departmentId'>, source: string, ref: number): Promise<OpenPrefill | null> {
  switch (source) {
    case 'staff_suggestion': {
      const s = await getStaffSuggestion(db, user, ref);
      return s ? { title: s.title.slice(0, 200), problemStatement: s.body, type: 'improvement', findingClass: 'opportunity', sourceText: s.body } : null;
    }
    case 'internal_audit':
    case 'external_audit': {
      const [f] = await db.select().from(auditFindings).where(eq(auditFindings.id, ref));
      if (!f) return null;
      return { problemStatement: f.description, ownerDepartmentId: f.departmentId, findingClass: f.findingClass, type: defaultImprovementType(f.findingClass), sourceText: f.description };
    }
    case 'management_review': {
      const [d] = await db.select({ decision: managementReviewDecisions.decision }).from(managementReviewDecisions).where(eq(managementReviewDecisions.id, ref));
      return d ? { problemStatement: d.decision, sourceText: d.decision } : null;
    }
    case 'counter_survey': {
      const [c] = await db.select({ comment: counterSurveys.comment }).from(counterSurveys).where(eq(counterSurveys.id, ref));
      return c ? { problemStatement: c.comment ?? '', sourceText: c.comment ?? '' } : null;
    }
    case 'mayor_instruction': {
      const [e] = await db.select({ data: submissionEvents.data }).from(submissionEvents)
        .where(and(eq(submissionEvents.id, ref), eq(submissionEvents.type, 'mayor_instruction')));
      const text = typeof e?.data.text === 'string' ? e.data.text : null;
      return e ? { problemStatement: text ?? '', sourceText: text ?? '' } : null;
    }
    default:
      return null;
  }
}

/** The reference an opener names for each source, as the domain expects it. */
export function sourceRefOf(source: string, id: number): Record<string, number> {
  const key = {
    counter_survey: 'counterSurveyId', staff_suggestion: 'submissionId', internal_audit: 'auditFindingId', external_audit: 'auditFindingId',
    management_review: 'decisionId', mayor_instruction: 'instructionEventId',
  }[source] ?? 'id';
  return { [key]: id };
}
