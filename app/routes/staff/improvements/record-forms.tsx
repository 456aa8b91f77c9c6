import { Form } from '@remix-run/react';
import { useT } from '~/i18n/i18n';
import { SelectField, TextAreaField, TextField, TranslationFields, useZodForm, type ZodForm } from '../ui/form';
import {
  actSchema, addActionSchema, archiveSchema, detailsSchema, FINDING_CLASSES, LEVELS, linkVoicesSchema, planSchema, RESULTS, reviewSchema, TYPES,
} from './schemas';
import { errorsFor, idOptions, Refusals, useLabelOptions, type ActionResult } from './ui';

// The record-level forms of the record page (PLAN texts, details, review, ACT, archive,
// link voices). Each posts its own intent with the version it was read at.

type Option = { id: number; name: string };
type Values = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export function Hidden({ form, name, value }: { form: ZodForm; name: string; value: string | number }) {
  return <input type="hidden" {...form.register(name)} defaultValue={String(value)} />;
}

function Submit({ intent, label, primary }: { intent: string; label: string; primary?: boolean }) {
  return <button type="submit" name="intent" value={intent} className={`button${primary ? ' button--primary' : ''}`}>{label}</button>;
}

interface RecordFormProps {
  version: number;
  values: Values;
  result?: ActionResult;
}

export function DetailsForm({ version, values, result, departments, people }: RecordFormProps & { departments: Option[]; people: Option[] }) {
  const { t } = useT();
  const form = useZodForm(detailsSchema, errorsFor(result, 'details'));
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="stack" aria-label={t('improvement:ui.record.detailsForm')}>
      <Refusals result={result} intent="details" />
      <Hidden form={form} name="version" value={version} />
      <TextField form={form} name="title" label={t('improvement:ui.field.title')} required defaultValue={str(values.title)} />
      <SelectField form={form} name="type" label={t('improvement:ui.field.type')} required defaultValue={str(values.type)} options={useLabelOptions('type', TYPES)} />
      <SelectField form={form} name="findingClass" label={t('improvement:ui.field.findingClass')} required defaultValue={str(values.findingClass)}
        options={useLabelOptions('findingClass', FINDING_CLASSES)} />
      <SelectField form={form} name="level" label={t('improvement:ui.field.level')} required defaultValue={str(values.level)} options={useLabelOptions('level', LEVELS)} />
      <SelectField form={form} name="ownerDepartmentId" label={t('improvement:ui.field.ownerDepartment')} required defaultValue={str(values.ownerDepartmentId)}
        options={idOptions(departments)} />
      <SelectField form={form} name="ownerUserId" label={t('improvement:ui.field.ownerUser')} defaultValue={str(values.ownerUserId)}
        options={idOptions(people, t('improvement:ui.none'))} hint={t('improvement:ui.hint.ownerUser')} />
      <TextField form={form} name="dueDate" type="date" label={t('improvement:ui.field.dueDate')} defaultValue={str(values.dueDate)} />
      <TextField form={form} name="checkDueDate" type="date" label={t('improvement:ui.field.checkDueDate')} defaultValue={str(values.checkDueDate)}
        hint={t('improvement:ui.hint.checkDueDate')} />
      <Submit intent="details" label={t('improvement:ui.save')} />
    </Form>
  );
}

export function PlanForm({ version, values, result }: RecordFormProps) {
  const { t } = useT();
  const form = useZodForm(planSchema, errorsFor(result, 'plan'));
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="stack" aria-label={t('improvement:ui.record.planForm')}>
      <Refusals result={result} intent="plan" />
      <Hidden form={form} name="version" value={version} />
      <TextAreaField form={form} name="problemStatement" label={t('improvement:ui.field.problemStatement')} required defaultValue={str(values.problemStatement)} />
      <TextAreaField form={form} name="immediateCorrection" label={t('improvement:ui.field.immediateCorrection')} defaultValue={str(values.immediateCorrection)} rows={3} />
      <TextAreaField form={form} name="correctionConsequences" label={t('improvement:ui.field.correctionConsequences')} defaultValue={str(values.correctionConsequences)} rows={3} />
      <TextAreaField form={form} name="causeAnalysis" label={t('improvement:ui.field.causeAnalysis')} hint={t('improvement:ui.hint.causeAnalysis')}
        defaultValue={str(values.causeAnalysis)} />
      <TextAreaField form={form} name="similarProblems" label={t('improvement:ui.field.similarProblems')} defaultValue={str(values.similarProblems)} rows={3} />
      <Submit intent="plan" label={t('improvement:ui.save')} primary />
    </Form>
  );
}

export function AddActionForm({ version, result, departments, people, defaultDepartmentId }: { version: number; result?: ActionResult; departments: Option[]; people: Option[]; defaultDepartmentId: number }) {
  const { t } = useT();
  const form = useZodForm(addActionSchema, errorsFor(result, 'addAction'));
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="stack" aria-labelledby="ir-add-action-title">
      <h3 id="ir-add-action-title">{t('improvement:ui.action.addTitle')}</h3>
      <Refusals result={result} intent="addAction" />
      <Hidden form={form} name="version" value={version} />
      <TextAreaField form={form} name="description" id="ir-add-description" label={t('improvement:ui.field.actionDescription')} required rows={3} />
      <SelectField form={form} name="ownerDepartmentId" id="ir-add-department" label={t('improvement:ui.field.ownerDepartment')} defaultValue={String(defaultDepartmentId)}
        options={idOptions(departments, t('improvement:ui.none'))} />
      <SelectField form={form} name="ownerUserId" id="ir-add-user" label={t('improvement:ui.field.ownerUser')} options={idOptions(people, t('improvement:ui.none'))} />
      <TextField form={form} name="dueDate" id="ir-add-due" type="date" label={t('improvement:ui.field.dueDate')} hint={t('improvement:ui.hint.actionDue')} />
      <Submit intent="addAction" label={t('improvement:ui.action.add')} primary />
    </Form>
  );
}

export function ReviewForm({ version, result }: { version: number; result?: ActionResult }) {
  const { t } = useT();
  const form = useZodForm(reviewSchema, errorsFor(result, 'review'));
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="stack" aria-labelledby="ir-review-title">
      <h3 id="ir-review-title">{t('improvement:ui.review.title')}</h3>
      <Refusals result={result} intent="review" />
      <Hidden form={form} name="version" value={version} />
      <SelectField form={form} name="result" label={t('improvement:ui.field.effectiveness')} required
        options={useLabelOptions('effectiveness', RESULTS, t('improvement:ui.choose'))} hint={t('improvement:ui.hint.notEffective')} />
      <TextAreaField form={form} name="evidence" id="ir-review-evidence" label={t('improvement:ui.field.reviewEvidence')} required
        hint={t('improvement:ui.hint.reviewEvidence')} rows={3} />
      <Submit intent="review" label={t('improvement:ui.review.submit')} primary />
    </Form>
  );
}

export function ActForm({ version, values, result }: RecordFormProps) {
  const { t } = useT();
  const form = useZodForm(actSchema, errorsFor(result, 'act'));
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="stack" aria-label={t('improvement:ui.record.actForm')}>
      <Refusals result={result} intent="act" />
      <Hidden form={form} name="version" value={version} />
      <TextAreaField form={form} name="standardisation" label={t('improvement:ui.field.standardisation')} hint={t('improvement:ui.hint.standardisation')}
        defaultValue={str(values.standardisation)} rows={3} />
      <TextAreaField form={form} name="risksUpdated" label={t('improvement:ui.field.risksUpdated')} defaultValue={str(values.risksUpdated)} rows={3} />
      <TextAreaField form={form} name="publicSummaryJa" label={t('improvement:ui.field.publicSummaryJa')} hint={t('improvement:ui.hint.publicSummary')}
        defaultValue={str(values.publicSummaryJa)} rows={4} lang="ja" />
      <TranslationFields form={form} field="publicSummary" label={t('improvement:ui.field.publicSummary')}
        values={values.publicSummaryTranslations as Record<string, string> | null | undefined} multiline />
      <Submit intent="act" label={t('improvement:ui.save')} primary />
    </Form>
  );
}

export function ArchiveForm({ version, result }: { version: number; result?: ActionResult }) {
  const { t } = useT();
  const form = useZodForm(archiveSchema, errorsFor(result, 'archive'));
  return (
    <details className="ir-details" open={result?.intent === 'archive' ? true : undefined}>
      <summary>{t('improvement:ui.archive.title')}</summary>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        <p className="muted">{t('improvement:ui.archive.lead')}</p>
        <Refusals result={result} intent="archive" />
        <Hidden form={form} name="version" value={version} />
        <TextAreaField form={form} name="reason" id="ir-archive-reason" label={t('improvement:ui.field.archiveReason')} required rows={2} />
        <button type="submit" name="intent" value="archive" className="button button--danger">{t('improvement:ui.archive.submit')}</button>
      </Form>
    </details>
  );
}

export function LinkVoicesForm({ version, result }: { version: number; result?: ActionResult }) {
  const { t } = useT();
  const form = useZodForm(linkVoicesSchema, errorsFor(result, 'link'));
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="stack" aria-labelledby="ir-link-title">
      <h3 id="ir-link-title">{t('improvement:ui.voices.linkTitle')}</h3>
      <Refusals result={result} intent="link" />
      <Hidden form={form} name="version" value={version} />
      <TextField form={form} name="receiptNumbers" id="ir-link-receipts" label={t('improvement:ui.field.receiptNumbers')} required
        hint={t('improvement:ui.hint.receiptNumbers')} spellCheck={false} />
      <Submit intent="link" label={t('improvement:ui.voices.link')} />
    </Form>
  );
}

/** A stage move: only a button (the rules are checked on the server and listed above it). */
export function AdvanceForm({ version, to, label, disabled }: { version: number; to: string; label: string; disabled?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="to" value={to} />
      <button type="submit" name="intent" value="advance" className="button button--primary" aria-disabled={disabled || undefined}>{label}</button>
    </Form>
  );
}
