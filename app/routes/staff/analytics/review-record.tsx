import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { auditActor } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { notFound, requireUserWithPermission } from '~/auth/session.server';
import { addReviewDecision } from '~/domain/reports/management-review.server';
import { runWrite } from '../write-answer.server';
import { listManagementReviews } from '~/domain/reports/review-list.server';
import { periodQuery } from './analytics.server';
import reportStylesHref from '~/styles/report.css?url';
import { FormMessage, TextAreaField, useZodForm } from '../ui/form';
import { parseForm } from '../ui/form-schema';
import { decisionFormSchema } from './review-forms';
import { useFigures } from './ui/format';
import { DecisionItem } from './ui/review-sections';
import { parseId } from '~/utils/ids';

// /staff/analytics/reviews/:reviewId: a recorded review — its minutes and decisions; the reform
// team adds decisions and opens an improvement record for each (on the improvement screens).

export const handle = { access: { signedIn: true, permission: 'improvement:manage' } } satisfies { access: RouteAccess };

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.review.title ?? 'Meyasu' }];

function reviewId(request: Request, value: string | undefined): number {
  const id = parseId(value);
  if (id === null) throw notFound(request);
  return id;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'improvement:manage');
  const [review] = await listManagementReviews(context.db, { id: reviewId(request, params.reviewId) });
  if (!review) throw notFound(request);
  const saved = new URL(request.url).searchParams.get('saved');
  return { review, reportQuery: periodQuery(review.period), saved: saved === '1' || saved === 'decision' ? saved : null };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'improvement:manage');
  const id = reviewId(request, params.reviewId);
  const parsed = parseForm(decisionFormSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const written = await runWrite(request, () => addReviewDecision(context.db, { user, audit: auditActor(request, context, user) }, { reviewId: id, decision: parsed.data.decision }),
    (error) => data({ errors: { _form: error.messageKey } as Record<string, string> }, { status: error.status }), [404]);
  if (!written.ok) return written.response;
  throw redirect(`/staff/analytics/reviews/${id}?saved=decision`);
}

export default function RecordedReview() {
  const { review, reportQuery, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(decisionFormSchema, actionData?.errors);
  const { t } = useFigures();
  return (
    <div className="analytics">
      <p><Link to={`/staff/analytics/review?${reportQuery}`}>{t('review.backToReport')}</Link></p>
      <h1>{review.title}</h1>
      {saved ? <FormMessage kind="success">{t(saved === '1' ? 'review.saved' : 'review.decisionSaved')}</FormMessage> : null}
      <dl className="facts">
        <dt>{t('summary.period')}</dt><dd>{t('format.span', { start: review.period.from, end: review.period.to })}</dd>
        <dt>{t('review.heldOn')}</dt><dd>{review.heldOn ?? '–'}</dd>
      </dl>
      {review.notes ? <section aria-labelledby="notes-title"><h2 id="notes-title">{t('review.fields.notes')}</h2><p className="review-notes">{review.notes}</p></section> : null}
      <section aria-labelledby="decisions-title">
        <h2 id="decisions-title">{t('review.decisions')}</h2>
        {review.decisions.length === 0 ? <p>{t('review.noDecisions')}</p> : (
          <ul className="decision-list">
            {review.decisions.map((d) => <DecisionItem key={d.id} decision={d} canManage />)}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="decide-title">
        <h2 id="decide-title">{t('review.addDecision')}</h2>
        {actionData?.errors._form ? <FormMessage kind="error">{t(actionData.errors._form)}</FormMessage> : null}
        <Form method="post" noValidate onSubmit={form.onSubmit} className="stack" key={review.decisions.length}>
          <TextAreaField form={form} name="decision" label={t('review.decision')} hint={t('review.decisionHint')} required rows={4} />
          <button type="submit" className="button button--primary">{t('review.addDecision')}</button>
        </Form>
      </section>
    </div>
  );
}
