import { redirect, type AppLoadContext } from '@remix-run/node';
import type { z } from 'zod';
import type { Database } from '#db/client';
import { forbidden, notFound, userHasPermission, type StaffUser } from '~/auth/session.server';
import { mayCarryOutAction } from '~/domain/improvements/access';
import { ImprovementRuleError } from '~/domain/improvements/errors';
import {
  addAction, advanceStage, archiveImprovementRecord, completeAction, getImprovementRecord, linkVoices, recordActOutcome,
  recordEffectivenessReview, satisfactionBeforeAfter, spreadToDepartments, updateAction, updatePlan,
} from '~/domain/improvements/records.server';
import { photosOfImprovement, setPublishedImprovementPhotos } from '~/domain/improvements/photos.server';
import { localText, type Translations } from '~/i18n/city-text';
import { requestLanguage } from '~/i18n/resources.server';
import {
  improvementActor, invalidForm, ownerChoices, parseImprovementForm, runDomain, voicesByReceipt,
} from '~/routes/staff/improvements/screens.server';
import {
  actSchema, addActionSchema, advanceSchema, archiveSchema, completeActionSchema, detailsSchema, editActionSchema, linkVoicesSchema,
  planSchema, reviewSchema, spreadSchema, splitReceiptNumbers,
} from './schemas';
import { parseId } from '~/utils/ids';

// The record page's data and its posts: one intent per form, each handed to the domain.

export async function loadRecordPage(request: Request, context: AppLoadContext, user: StaffUser, number: string) {
  const language = requestLanguage(request);
  const record = await getImprovementRecord(context.db, user, number);
  if (!record) throw notFound(request);
  const [satisfaction, choices, photos] = await Promise.all([
    satisfactionBeforeAfter(context.db, user, record.id), ownerChoices(context.db, language), photosOfImprovement(context.db, record.id),
  ]);
  const name = (o: { nameJa: string | null; nameTranslations: Translations | null } | null) => (o ? localText(language, o.nameJa, o.nameTranslations) : null);
  const done = new URL(request.url).searchParams.get('done');
  return {
    done,
    canManage: userHasPermission(user, 'improvement:manage'),
    canAddPhotos: mayCarryOutAction(user, record) && (record.stage === 'do' || record.stage === 'check') && !record.archivedAt,
    photos,
    choices,
    satisfaction: {
      ...satisfaction,
      categories: satisfaction.categories.map((c) => ({ id: c.id, name: localText(language, c.nameJa, c.nameTranslations), before: c.before, after: c.after })),
      counters: satisfaction.counters.map((c) => ({ id: c.id, name: localText(language, c.nameJa, c.nameTranslations), before: c.before, after: c.after })),
    },
    record: {
      id: record.id, number: record.number, version: record.version, title: record.title, stage: record.stage, type: record.type,
      findingClass: record.findingClass, level: record.level, source: record.source,
      ownerDepartmentId: record.ownerDepartmentId, ownerDepartment: name(record.ownerDepartment), ownerUserId: record.ownerUserId, ownerUserName: record.ownerUserName,
      dueDate: record.dueDate, checkDueDate: record.checkDueDate, createdAt: record.createdAt.toISOString(), closedAt: record.closedAt?.toISOString() ?? null,
      archivedAt: record.archivedAt?.toISOString() ?? null, archiveReason: record.archiveReason,
      problemStatement: record.problemStatement, immediateCorrection: record.immediateCorrection, correctionConsequences: record.correctionConsequences,
      causeAnalysis: record.causeAnalysis, similarProblems: record.similarProblems,
      effectiveness: record.effectiveness, effectivenessEvidence: record.effectivenessEvidence, checkedAt: record.checkedAt?.toISOString() ?? null,
      checkedByName: record.checkedByName,
      standardisation: record.standardisation, risksUpdated: record.risksUpdated, publicSummaryJa: record.publicSummaryJa, publicSummaryTranslations: record.publicSummaryTranslations,
      origin: record.origin,
      auditFinding: record.auditFinding ? { id: record.auditFinding.id, description: record.auditFinding.description, foundOn: record.auditFinding.foundOn } : null,
      readiness: record.readiness,
      voices: record.voices.map((v) => ({
        receiptNumber: v.receiptNumber, readable: v.readable, title: v.title, status: v.status, published: v.published,
        category: localText(language, v.categoryJa, v.categoryTranslations), receivedAt: v.receivedAt.toISOString(),
      })),
      actions: record.actions.map((a) => ({
        id: a.id, kind: a.kind, description: a.description, ownerDepartmentId: a.ownerDepartmentId, ownerUserId: a.ownerUserId,
        ownerDepartment: name(a.ownerDepartment), ownerUserName: a.ownerUserName, dueDate: a.dueDate, overdue: a.overdue,
        doneAt: a.doneAt?.toISOString() ?? null, evidence: a.evidence, canComplete: mayCarryOutAction(user, a),
      })),
      history: record.history.map((e) => ({ id: e.id, type: e.type, at: e.at.toISOString(), actorName: e.actorName, data: historyFacts(e.data) })),
    },
  };
}

/** The few facts of an event the history shows (stage moves, review result, archive reason). */
function historyFacts(data: Record<string, unknown>) {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const review = (data.review ?? null) as Record<string, unknown> | null;
  return { from: str(data.from), to: str(data.to), result: str(data.result) ?? str(review?.result), reason: str(data.reason) };
}

const MANAGE = new Set(['details', 'plan', 'addAction', 'editAction', 'spread', 'review', 'act', 'advance', 'archive', 'link', 'photos']);

export async function recordAction(request: Request, context: AppLoadContext, user: StaffUser, number: string) {
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  if (MANAGE.has(intent) && !userHasPermission(user, 'improvement:manage')) throw forbidden(request);
  const db: Database = context.db;
  const record = await getImprovementRecord(db, user, number);
  if (!record) throw notFound(request);
  const actor = improvementActor(request, context, user);
  const recordId = record.id;
  const back = (anchor: string) => redirect(`/staff/improvements/${encodeURIComponent(record.number)}?done=${intent}#${anchor}`);
  const run = async <S extends z.ZodTypeAny>(schema: S, anchor: string, write: (input: z.output<S>) => Promise<unknown>, lists: string[] = []) => {
    const actionId = parseId(form.get('actionId'));
    const extra = actionId !== null ? { actionId } : {};
    const parsed = parseImprovementForm(schema, form, lists);
    if (!parsed.ok) return invalidForm(intent, parsed.errors, extra);
    const result = await runDomain(request, intent, () => write(parsed.data), extra);
    return result.ok ? back(anchor) : result.response;
  };
  switch (intent) {
    case 'details':
      return run(detailsSchema, 'ir-plan', (d) => updatePlan(db, actor, { recordId, ...d }));
    case 'plan':
      return run(planSchema, 'ir-plan', (d) => updatePlan(db, actor, { recordId, ...d }));
    case 'addAction':
      return run(addActionSchema, 'ir-do', (d) => addAction(db, actor, { recordId, ...d }));
    case 'editAction':
      return run(editActionSchema, 'ir-do', (d) => updateAction(db, actor, d));
    case 'completeAction':
      return run(completeActionSchema, 'ir-do', (d) => completeAction(db, actor, d));
    case 'spread':
      return run(spreadSchema, 'ir-do', (d) => spreadToDepartments(db, actor, { recordId, ...d }), ['departmentIds']);
    case 'review':
      return run(reviewSchema, 'ir-check', (d) => recordEffectivenessReview(db, actor, { recordId, ...d }));
    case 'act':
      return run(actSchema, 'ir-act', (d) => recordActOutcome(db, actor, { recordId, ...d }));
    case 'advance':
      return run(advanceSchema, 'ir-stage', (d) => advanceStage(db, actor, { recordId, ...d }));
    case 'archive':
      return run(archiveSchema, 'ir-summary', (d) => archiveImprovementRecord(db, actor, { recordId, ...d }));
    case 'link':
      return run(linkVoicesSchema, 'ir-see', async (d) => {
        const wanted = splitReceiptNumbers(d.receiptNumbers);
        const found = await voicesByReceipt(db, user, wanted, 'ja');
        if (found.length < wanted.length) {
          throw new ImprovementRuleError('voices_not_found');
        }
        return linkVoices(db, actor, { recordId, version: d.version, submissionIds: found.map((v) => v.id) });
      });
    case 'photos': {
      // The ticked photos go public with the record; ids of another record's photos are ignored.
      const photoIds = form.getAll('photoIds').map(String).filter((v) => /^\d{1,9}$/.test(v)).map(Number);
      const result = await runDomain(request, intent, () => setPublishedImprovementPhotos(db, actor, { recordId, photoIds }));
      return result.ok ? back('ir-photos') : result.response;
    }
    default:
      return invalidForm(intent, { intent: 'staff:validation.badRequest' });
  }
}
