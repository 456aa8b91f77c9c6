import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { openImprovementRecord, type OpenImprovementRecordInput } from '~/domain/improvements/records.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import {
  improvementActor, invalidForm, ownerChoices, parseImprovementForm, runDomain, sourcePrefill, sourceRefOf, voicesByReceipt, type ImprovementActionData,
} from '~/routes/staff/improvements/screens.server';
import { SelectField, TextAreaField, TextField, useZodForm } from '../ui/form';
import { Hidden } from './record-forms';
import { FINDING_CLASSES, LEVELS, openSchema, SOURCES, TYPES } from './schemas';
import { errorsFor, idOptions, Refusals, useLabelOptions, type ActionResult } from './ui';
import { parseId } from '~/utils/ids';

// Opening a record: from one voice (?voice=<receipt>), several (?voice=…&voice=…, the inbox's
// bulk open) or another source (?source=internal_audit&ref=<id>). Reform team only.

export const handle = { access: { signedIn: true, permission: 'improvement:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'improvement:manage');
  const language = requestLanguage(request);
  const params = new URL(request.url).searchParams;
  const voices = await voicesByReceipt(context.db, user, params.getAll('voice').map((v) => v.trim()).filter(Boolean), language);
  const requestedSource = params.get('source') ?? '';
  const source = voices.length > 0 ? 'voice' : (SOURCES as readonly string[]).includes(requestedSource) ? requestedSource : 'voice';
  const ref = parseId(params.get('ref'));
  const prefill = source !== 'voice' && ref !== null ? await sourcePrefill(context.db, user, source, ref) : null;
  const first = voices[0];
  return {
    title: serverT(language, 'improvement')('ui.new.title'),
    choices: await ownerChoices(context.db, language),
    voices: voices.map((v) => ({ receiptNumber: v.receiptNumber, title: v.title, category: v.category })),
    source,
    ref: prefill ? ref : null,
    values: {
      title: prefill?.title ?? (voices.length === 1 ? first!.title.slice(0, 200) : ''),
      problemStatement: prefill?.problemStatement ?? voices.map((v) => `${v.receiptNumber} ${v.title}`).join('\n'),
      ownerDepartmentId: prefill?.ownerDepartmentId ?? first?.departmentId ?? null,
      findingClass: prefill?.findingClass ?? (voices.length > 0 ? 'request' : ''),
      type: prefill?.type ?? 'corrective',
      sourceText: prefill?.sourceText ?? null,
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'improvement:manage');
  const form = await request.formData();
  const parsed = parseImprovementForm(openSchema, form);
  if (!parsed.ok) return invalidForm('open', parsed.errors);
  const { source, sourceRefId, ...details } = parsed.data;
  const receipts = form.getAll('voice').filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  const voices = await voicesByReceipt(context.db, user, receipts, 'ja');
  if (voices.length < new Set(receipts).size) return data<ImprovementActionData>({ intent: 'open', refusals: ['voices_not_found'] }, { status: 400 });
  const submissionIds = voices.map((v) => v.id);
  if (source !== 'voice' && sourceRefId === null) return invalidForm('open', { sourceRefId: 'staff:validation.required' });
  const input = (source === 'voice'
    ? { ...details, source, submissionIds }
    : { ...details, source, sourceRef: sourceRefOf(source, sourceRefId!), submissionIds }) as OpenImprovementRecordInput;
  const result = await runDomain(request, 'open', () => openImprovementRecord(context.db, improvementActor(request, context, user), input));
  if (!result.ok) return result.response;
  throw redirect(`/staff/improvements/${result.value.number}?done=open`);
}

export default function NewImprovementRecord() {
  const { t } = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const form = useZodForm(openSchema, errorsFor(result, 'open'));
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const fromVoices = d.source === 'voice';
  const sourceOptions = useLabelOptions('source', SOURCES);
  return (
    <>
      <p><Link to="/staff/improvements">{t('improvement:ui.record.back')}</Link></p>
      <h1>{t('improvement:ui.new.title')}</h1>
      <p>{t('improvement:ui.new.lead')}</p>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        <Refusals result={result} intent="open" />
        {fromVoices ? (
          <section className="panel" aria-labelledby="ir-new-voices">
            <h2 id="ir-new-voices">{t('improvement:ui.new.voicesTitle', { count: d.voices.length })}</h2>
            {d.voices.length === 0 ? <p>{t('improvement:ui.new.noVoices')}</p> : (
              <ul className="voice-list">
                {d.voices.map((v) => (
                  <li key={v.receiptNumber}>
                    <input type="hidden" name="voice" value={v.receiptNumber} />
                    <span className="voice-list__title">{v.receiptNumber} {v.title}</span>
                    {v.category ? <span className="voice-list__meta"> {v.category}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
        {fromVoices && d.voices.length > 0 ? <Hidden form={form} name="source" value="voice" /> : (
          <>
            <SelectField form={form} name="source" label={t('improvement:ui.field.source')} required defaultValue={d.source}
              options={sourceOptions} hint={t('improvement:ui.hint.source')} />
            <TextField form={form} name="sourceRefId" label={t('improvement:ui.field.sourceRefId')} inputMode="numeric" defaultValue={str(d.ref)}
              hint={t('improvement:ui.hint.sourceRefId')} />
            {d.values.sourceText ? <p className="ir-text panel">{d.values.sourceText}</p> : null}
          </>
        )}
        <TextField form={form} name="title" label={t('improvement:ui.field.title')} required defaultValue={d.values.title} />
        <SelectField form={form} name="type" label={t('improvement:ui.field.type')} required defaultValue={d.values.type} options={useLabelOptions('type', TYPES)} />
        <SelectField form={form} name="findingClass" label={t('improvement:ui.field.findingClass')} required defaultValue={d.values.findingClass}
          options={useLabelOptions('findingClass', FINDING_CLASSES, t('improvement:ui.choose'))} />
        <SelectField form={form} name="level" label={t('improvement:ui.field.level')} required options={useLabelOptions('level', LEVELS, t('improvement:ui.choose'))} />
        <SelectField form={form} name="ownerDepartmentId" label={t('improvement:ui.field.ownerDepartment')} required defaultValue={str(d.values.ownerDepartmentId)}
          options={idOptions(d.choices.departments, t('improvement:ui.choose'))} />
        <SelectField form={form} name="ownerUserId" label={t('improvement:ui.field.ownerUser')} options={idOptions(d.choices.people, t('improvement:ui.none'))}
          hint={t('improvement:ui.hint.ownerUser')} />
        <TextField form={form} name="dueDate" type="date" label={t('improvement:ui.field.dueDate')} />
        <TextField form={form} name="checkDueDate" type="date" label={t('improvement:ui.field.checkDueDate')} hint={t('improvement:ui.hint.checkDueDate')} />
        <TextAreaField form={form} name="problemStatement" label={t('improvement:ui.field.problemStatement')} required defaultValue={d.values.problemStatement} />
        <button type="submit" name="intent" value="open" className="button button--primary">{t('improvement:ui.new.submit')}</button>
      </Form>
    </>
  );
}
