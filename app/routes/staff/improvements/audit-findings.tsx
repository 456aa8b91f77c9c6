import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { forbidden, requireUserWithPermission, userHasPermission } from '~/auth/session.server';
import { listAuditFindings, recordAuditFinding, turnFindingIntoRecord } from '~/domain/internal-audit-findings.server';
import { useT } from '~/i18n/i18n';
import { localText } from '~/i18n/city-text';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { improvementActor, invalidForm, ownerChoices, parseImprovementForm, runDomain } from '~/routes/staff/improvements/screens.server';
import { FormMessage, SelectField, TextAreaField, TextField, useZodForm } from '../ui/form';
import { Hidden } from './record-forms';
import { FINDING_CLASSES, findingSchema, LEVELS, turnFindingSchema } from './schemas';
import { errorsFor, formatDate, idOptions, Refusals, useLabelOptions, type ActionResult } from './ui';

// 内部監査: auditors record findings (with Naha's finding classes); the reform team turns
// each into an improvement record. Everyone else reads their own 課's findings.

export const handle = { access: { signedIn: true, permission: 'improvement:read' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'improvement:read');
  const language = requestLanguage(request);
  const findings = await listAuditFindings(context.db, user);
  return {
    title: serverT(language, 'improvement')('ui.audit.title'),
    recorded: new URL(request.url).searchParams.get('recorded') === '1',
    canRecord: userHasPermission(user, 'audit_finding:record'),
    canManage: userHasPermission(user, 'improvement:manage'),
    departments: (await ownerChoices(context.db, language)).departments,
    findings: findings.map((f) => ({
      id: f.id, findingClass: f.findingClass, description: f.description, foundOn: f.foundOn, externalBody: f.externalBody,
      auditor: f.auditorName, department: localText(language, f.department.nameJa, f.department.nameTranslations), recordNumber: f.recordNumber,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'improvement:read');
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const actor = improvementActor(request, context, user);
  if (intent === 'turn') {
    if (!userHasPermission(user, 'improvement:manage')) throw forbidden(request);
    const parsed = parseImprovementForm(turnFindingSchema, form);
    if (!parsed.ok) return invalidForm(`turn-${String(form.get('findingId'))}`, parsed.errors);
    const result = await runDomain(request, `turn-${parsed.data.findingId}`, () => turnFindingIntoRecord(context.db, actor, parsed.data));
    if (!result.ok) return result.response;
    throw redirect(`/staff/improvements/${result.value.number}?done=open`);
  }
  if (intent === 'record' && !userHasPermission(user, 'audit_finding:record')) throw forbidden(request);
  const parsed = parseImprovementForm(findingSchema, form);
  if (!parsed.ok || intent !== 'record') return invalidForm('record', parsed.ok ? {} : parsed.errors);
  const result = await runDomain(request, 'record', () => recordAuditFinding(context.db, actor, { ...parsed.data, externalBody: parsed.data.externalBody || null }));
  if (!result.ok) return result.response;
  throw redirect('/staff/audit-findings?recorded=1');
}

export default function AuditFindings() {
  const { t, language } = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  return (
    <>
      <h1>{t('improvement:ui.audit.title')}</h1>
      <p>{t('improvement:ui.audit.lead')}</p>
      {d.recorded ? <FormMessage kind="success">{t('improvement:ui.audit.recorded')}</FormMessage> : null}
      {result?.intent?.startsWith('turn-') ? <Refusals result={result} intent={result.intent} /> : null}
      {d.canRecord ? <FindingForm key={d.findings.length} departments={d.departments} result={result} /> : null}
      <h2>{t('improvement:ui.audit.listTitle', { count: d.findings.length })}</h2>
      {d.findings.length === 0 ? <p>{t('improvement:ui.audit.none')}</p> : (
        <ul className="voice-list">
          {d.findings.map((f) => (
            <li key={f.id}>
              <p className="voice-list__title">
                <span className="badge">{t(`improvement:findingClass.${f.findingClass}`)}</span> {f.department}
              </p>
              <p className="voice-list__meta">
                <span>{t('improvement:ui.audit.foundOn', { date: formatDate(f.foundOn, language) })}</span>
                <span>{f.externalBody ? t('improvement:ui.audit.external', { name: f.externalBody }) : t('improvement:ui.audit.internal')}</span>
                <span>{f.auditor}</span>
              </p>
              <p className="ir-text">{f.description}</p>
              {f.recordNumber ? (
                <p>{t('improvement:ui.turnedInto')} <Link to={`/staff/improvements/${f.recordNumber}`}>{f.recordNumber}</Link></p>
              ) : d.canManage ? <TurnForm id={f.id} external={f.externalBody !== null} result={result} /> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function FindingForm({ departments, result }: { departments: { id: number; name: string }[]; result?: ActionResult }) {
  const { t } = useT();
  const form = useZodForm(findingSchema, errorsFor(result, 'record'));
  return (
    <section className="panel" aria-labelledby="ir-finding-title">
      <h2 id="ir-finding-title">{t('improvement:ui.audit.formTitle')}</h2>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        <Refusals result={result} intent="record" />
        <SelectField form={form} name="departmentId" label={t('improvement:ui.field.auditedDepartment')} required options={idOptions(departments, t('improvement:ui.choose'))} />
        <SelectField form={form} name="findingClass" label={t('improvement:ui.field.findingClass')} required
          options={useLabelOptions('findingClass', FINDING_CLASSES, t('improvement:ui.choose'))} />
        <TextAreaField form={form} name="description" label={t('improvement:ui.field.findingDescription')} required />
        <TextField form={form} name="foundOn" type="date" label={t('improvement:ui.field.foundOn')} required />
        <TextField form={form} name="externalBody" label={t('improvement:ui.field.externalBody')} hint={t('improvement:ui.hint.externalBody')} />
        <button type="submit" name="intent" value="record" className="button button--primary">{t('improvement:ui.audit.submit')}</button>
      </Form>
    </section>
  );
}

function TurnForm({ id, external, result }: { id: number; external: boolean; result?: ActionResult }) {
  const { t } = useT();
  const intent = `turn-${id}`;
  const form = useZodForm(turnFindingSchema, errorsFor(result, intent));
  return (
    <details className="ir-details" open={result?.intent === intent ? true : undefined}>
      <summary>{t('improvement:ui.turn.title')}</summary>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        <Hidden form={form} name="findingId" value={id} />
        <TextField form={form} name="title" id={`ir-turn-title-${id}`} label={t('improvement:ui.field.title')} required />
        <SelectField form={form} name="level" id={`ir-turn-level-${id}`} label={t('improvement:ui.field.level')} required
          options={useLabelOptions('level', LEVELS, t('improvement:ui.choose'))} />
        <div className="actions-row">
          <button type="submit" name="intent" value="turn" className="button button--primary">{t('improvement:ui.turn.submit')}</button>
          <Link to={`/staff/improvements/new?source=${external ? 'external_audit' : 'internal_audit'}&ref=${id}`}>{t('improvement:ui.turn.detailed')}</Link>
        </div>
      </Form>
    </details>
  );
}
