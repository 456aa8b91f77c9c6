import { Form } from '@remix-run/react';
import { useT } from '~/i18n/i18n';
import { SelectField, TextAreaField, TextField, useZodForm } from '../ui/form';
import { Hidden } from './record-forms';
import { completeActionSchema, editActionSchema, spreadSchema } from './schemas';
import { errorsFor, formatDate, idOptions, Refusals, type ActionResult } from './ui';

// DO: the actions (who does what by when), completing one with its evidence, correcting
// one that is not done, and 横展開 to other 課.

type Option = { id: number; name: string };

export interface ActionView {
  id: number;
  kind: string;
  description: string;
  ownerDepartmentId: number | null;
  ownerUserId: number | null;
  ownerDepartment: string | null;
  ownerUserName: string | null;
  dueDate: string | null;
  overdue: boolean;
  doneAt: string | null;
  evidence: string | null;
  canComplete: boolean;
}

interface ListProps {
  actions: ActionView[];
  version: number;
  result?: ActionResult;
  closed: boolean;
  canEdit: (action: ActionView) => boolean;
  departments: Option[];
  people: Option[];
}

export function ActionList({ actions, version, result, closed, canEdit, departments, people }: ListProps) {
  const { t, language } = useT();
  if (actions.length === 0) return <p>{t('improvement:ui.action.none')}</p>;
  return (
    <ol className="ir-actions">
      {actions.map((a) => (
        <li key={a.id} className={`ir-action${a.doneAt ? ' ir-action--done' : ''}`} id={`action-${a.id}`}>
          <p className="ir-action__title">
            <span className="badge">{t(`improvement:actionKind.${a.kind}`)}</span> {a.description}
          </p>
          <dl className="facts">
            <dt>{t('improvement:ui.field.owner')}</dt>
            <dd>{[a.ownerDepartment, a.ownerUserName].filter(Boolean).join(' · ') || t('improvement:ui.notSet')}</dd>
            <dt>{t('improvement:ui.field.dueDate')}</dt>
            <dd>{a.dueDate ? formatDate(a.dueDate, language) : t('improvement:ui.notSet')}{a.overdue ? <> <span className="ir-overdue">{t('improvement:ui.overdue')}</span></> : null}</dd>
            <dt>{t('improvement:ui.field.actionState')}</dt>
            <dd>{a.doneAt ? t('improvement:ui.action.doneOn', { date: formatDate(a.doneAt, language) }) : t('improvement:ui.action.open')}</dd>
            {a.evidence ? <><dt>{t('improvement:ui.field.evidence')}</dt><dd className="ir-text">{a.evidence}</dd></> : null}
          </dl>
          {!a.doneAt && !closed && a.canComplete ? <CompleteForm action={a} version={version} result={result} /> : null}
          {!a.doneAt && canEdit(a) ? <EditForm action={a} version={version} result={result} departments={departments} people={people} /> : null}
        </li>
      ))}
    </ol>
  );
}

const mine = (result: ActionResult | undefined, intent: string, actionId: number) =>
  result?.intent === intent && result.actionId === actionId ? result : undefined;

function CompleteForm({ action, version, result }: { action: ActionView; version: number; result?: ActionResult }) {
  const { t } = useT();
  const own = mine(result, 'completeAction', action.id);
  const form = useZodForm(completeActionSchema, errorsFor(own, 'completeAction'));
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="stack ir-inline-form" aria-label={t('improvement:ui.action.completeLabel', { title: action.description.slice(0, 40) })}>
      <Refusals result={own} intent="completeAction" />
      <Hidden form={form} name="version" value={version} />
      <Hidden form={form} name="actionId" value={action.id} />
      <TextAreaField form={form} name="evidence" id={`ir-evidence-${action.id}`} label={t('improvement:ui.field.evidence')} required
        hint={t('improvement:ui.hint.evidence')} rows={2} />
      <button type="submit" name="intent" value="completeAction" className="button button--primary">{t('improvement:ui.action.complete')}</button>
    </Form>
  );
}

function EditForm({ action, version, result, departments, people }: { action: ActionView; version: number; result?: ActionResult; departments: Option[]; people: Option[] }) {
  const { t } = useT();
  const own = mine(result, 'editAction', action.id);
  const form = useZodForm(editActionSchema, errorsFor(own, 'editAction'));
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return (
    <details className="ir-details" open={own?.errors || own?.refusals ? true : undefined}>
      <summary>{t('improvement:ui.action.edit')}</summary>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        <Refusals result={own} intent="editAction" />
        <Hidden form={form} name="version" value={version} />
        <Hidden form={form} name="actionId" value={action.id} />
        <TextAreaField form={form} name="description" id={`ir-edit-description-${action.id}`} label={t('improvement:ui.field.actionDescription')} required
          defaultValue={action.description} rows={2} />
        <SelectField form={form} name="ownerDepartmentId" id={`ir-edit-department-${action.id}`} label={t('improvement:ui.field.ownerDepartment')}
          defaultValue={str(action.ownerDepartmentId)} options={idOptions(departments, t('improvement:ui.none'))} />
        <SelectField form={form} name="ownerUserId" id={`ir-edit-user-${action.id}`} label={t('improvement:ui.field.ownerUser')}
          defaultValue={str(action.ownerUserId)} options={idOptions(people, t('improvement:ui.none'))} />
        <TextField form={form} name="dueDate" id={`ir-edit-due-${action.id}`} type="date" label={t('improvement:ui.field.dueDate')} defaultValue={str(action.dueDate)} />
        <button type="submit" name="intent" value="editAction" className="button">{t('improvement:ui.save')}</button>
      </Form>
    </details>
  );
}

export function SpreadForm({ version, result, departments, ownerDepartmentId, taken }: { version: number; result?: ActionResult; departments: Option[]; ownerDepartmentId: number; taken: number[] }) {
  const { t } = useT();
  const form = useZodForm(spreadSchema, errorsFor(result, 'spread'));
  const error = form.errorFor('departmentIds');
  const choices = departments.filter((d) => d.id !== ownerDepartmentId && !taken.includes(d.id));
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="stack" aria-labelledby="ir-spread-title">
      <h3 id="ir-spread-title">{t('improvement:ui.spread.title')}</h3>
      <p className="muted">{t('improvement:ui.spread.lead')}</p>
      <Refusals result={result} intent="spread" />
      <Hidden form={form} name="version" value={version} />
      <fieldset className={`field ir-checkboxes${error ? ' field--invalid' : ''}`} aria-describedby={error ? 'ir-spread-error' : undefined}>
        <legend>{t('improvement:ui.field.spreadDepartments')}</legend>
        {error ? <p id="ir-spread-error" className="field__error">{t(error)}</p> : null}
        {choices.map((d) => (
          <div key={d.id} className="field field--checkbox">
            <input type="checkbox" id={`ir-spread-${d.id}`} value={String(d.id)} {...form.register('departmentIds')} />
            <label htmlFor={`ir-spread-${d.id}`}>{d.name}</label>
          </div>
        ))}
      </fieldset>
      <TextAreaField form={form} name="description" id="ir-spread-description" label={t('improvement:ui.field.spreadDescription')} required rows={2} />
      <TextField form={form} name="dueDate" id="ir-spread-due" type="date" label={t('improvement:ui.field.dueDate')} required />
      <button type="submit" name="intent" value="spread" className="button">{t('improvement:ui.spread.submit')}</button>
    </Form>
  );
}
