import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { forbidden, requireUserWithPermission, userHasPermission } from '~/auth/session.server';
import { listStaffSuggestions, submitStaffSuggestion, turnSuggestionIntoRecord } from '~/domain/staff-suggestions.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { improvementActor, invalidForm, ownerChoices, parseImprovementForm, runDomain } from '~/routes/staff/improvements/screens.server';
import { CheckboxField, FormMessage, SelectField, TextAreaField, TextField, useZodForm } from '../ui/form';
import { Hidden } from './record-forms';
import { LEVELS, suggestionSchema, turnSuggestionSchema } from './schemas';
import { errorsFor, formatDate, idOptions, Refusals, useLabelOptions, type ActionResult } from './ui';

// 職員目安箱: any member of staff sends an idea (and may hide their name from managers);
// the reform team turns good ones into improvement records.

export const handle = { access: { signedIn: true, permission: 'staff_box:submit' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'staff_box:submit');
  const language = requestLanguage(request);
  const canManage = userHasPermission(user, 'improvement:manage');
  const suggestions = await listStaffSuggestions(context.db, user);
  return {
    title: serverT(language, 'improvement')('ui.staffBox.title'),
    sent: new URL(request.url).searchParams.get('sent') === '1',
    canManage,
    departments: canManage ? (await ownerChoices(context.db, language)).departments : [],
    suggestions: suggestions.map((s) => ({
      id: s.id, receiptNumber: s.receiptNumber, title: s.title, body: s.body, receivedAt: s.receivedAt.toISOString(),
      author: s.author?.displayName ?? null, authorHidden: s.authorHidden, recordNumbers: s.recordNumbers,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'staff_box:submit');
  const form = await request.formData();
  const intent = String(form.get('intent') ?? 'suggest');
  const actor = improvementActor(request, context, user);
  if (intent === 'turn') {
    if (!userHasPermission(user, 'improvement:manage')) throw forbidden(request);
    const parsed = parseImprovementForm(turnSuggestionSchema, form);
    if (!parsed.ok) return invalidForm(`turn-${String(form.get('submissionId'))}`, parsed.errors);
    const result = await runDomain(request, `turn-${parsed.data.submissionId}`, () => turnSuggestionIntoRecord(context.db, actor, parsed.data));
    if (!result.ok) return result.response;
    throw redirect(`/staff/improvements/${result.value.number}?done=open`);
  }
  const parsed = parseImprovementForm(suggestionSchema, form);
  if (!parsed.ok) return invalidForm('suggest', parsed.errors);
  const result = await runDomain(request, 'suggest', () => submitStaffSuggestion(context.db, actor, parsed.data));
  if (!result.ok) return result.response;
  throw redirect('/staff/staff-box?sent=1');
}

export default function StaffBox() {
  const { t, language } = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  return (
    <>
      <h1>{t('improvement:ui.staffBox.title')}</h1>
      <p>{t('improvement:ui.staffBox.lead')}</p>
      {d.sent ? <FormMessage kind="success">{t('improvement:ui.staffBox.sent')}</FormMessage> : null}
      {result?.intent?.startsWith('turn-') ? <Refusals result={result} intent={result.intent} /> : null}
      <SuggestionForm key={d.suggestions.length} result={result} />
      <h2>{t('improvement:ui.staffBox.listTitle', { count: d.suggestions.length })}</h2>
      {d.suggestions.length === 0 ? <p>{t('improvement:ui.staffBox.none')}</p> : (
        <ul className="voice-list">
          {d.suggestions.map((s) => (
            <li key={s.id}>
              <p className="voice-list__title">{s.title}</p>
              <p className="voice-list__meta">
                <span>{s.receiptNumber}</span>
                <span>{formatDate(s.receivedAt, language)}</span>
                <span>{s.author ?? t('improvement:ui.staffBox.anonymous')}</span>
                {s.authorHidden && s.author ? <span>{t('improvement:ui.staffBox.hiddenFromManagers')}</span> : null}
              </p>
              <p className="ir-text">{s.body}</p>
              {s.recordNumbers.length > 0 ? (
                <p>{t('improvement:ui.turnedInto')} {s.recordNumbers.map((n) => <Link key={n} to={`/staff/improvements/${n}`}>{n} </Link>)}</p>
              ) : d.canManage ? <TurnForm id={s.id} departments={d.departments} result={result} /> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function SuggestionForm({ result }: { result?: ActionResult }) {
  const { t } = useT();
  const form = useZodForm(suggestionSchema, errorsFor(result, 'suggest'));
  return (
    <section className="panel" aria-labelledby="ir-suggest-title">
      <h2 id="ir-suggest-title">{t('improvement:ui.staffBox.formTitle')}</h2>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        <Refusals result={result} intent="suggest" />
        <TextField form={form} name="title" label={t('improvement:ui.field.title')} required />
        <TextAreaField form={form} name="body" label={t('improvement:ui.field.suggestionBody')} required hint={t('improvement:ui.hint.suggestionBody')} />
        <CheckboxField form={form} name="hideName" label={t('improvement:ui.field.hideName')} hint={t('improvement:ui.hint.hideName')} />
        <button type="submit" name="intent" value="suggest" className="button button--primary">{t('improvement:ui.staffBox.submit')}</button>
      </Form>
    </section>
  );
}

function TurnForm({ id, departments, result }: { id: number; departments: { id: number; name: string }[]; result?: ActionResult }) {
  const { t } = useT();
  const intent = `turn-${id}`;
  const form = useZodForm(turnSuggestionSchema, errorsFor(result, intent));
  return (
    <details className="ir-details" open={result?.intent === intent ? true : undefined}>
      <summary>{t('improvement:ui.turn.title')}</summary>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        <Hidden form={form} name="submissionId" value={id} />
        <SelectField form={form} name="level" id={`ir-turn-level-${id}`} label={t('improvement:ui.field.level')} required
          options={useLabelOptions('level', LEVELS, t('improvement:ui.choose'))} />
        <SelectField form={form} name="ownerDepartmentId" id={`ir-turn-dep-${id}`} label={t('improvement:ui.field.ownerDepartment')} required
          options={idOptions(departments, t('improvement:ui.choose'))} />
        <div className="actions-row">
          <button type="submit" name="intent" value="turn" className="button button--primary">{t('improvement:ui.turn.submit')}</button>
          <Link to={`/staff/improvements/new?source=staff_suggestion&ref=${id}`}>{t('improvement:ui.turn.detailed')}</Link>
        </div>
      </Form>
    </details>
  );
}
