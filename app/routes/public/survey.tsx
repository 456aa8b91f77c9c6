import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { pageTitle } from '~/components/public/meta';
import { SurveyFormView } from '~/components/public/survey-form';
import { counterSurveySchema } from '~/domain/counter-survey';
import { recordCounterSurvey } from '~/domain/counter-survey.server';
import { fieldErrors } from '~/domain/voice-form';
import { useT } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/resources.server';
import { findCounter } from '~/models/public-catalog.server';
import { citizenLimits } from '~/security/public-limits.server';
import { consumeLimit } from '~/security/rate-limit.server';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaded }) => [
  { title: pageTitle(matches, 'citizen:survey.pageTitle', { counter: loaded?.counter.name ?? '' }) },
];

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const counter = await findCounter(context.db, params.slug ?? '', requestLanguage(request));
  if (!counter) throw data(null, { status: 404 });
  const thanks = new URL(request.url).searchParams.get('thanks') === '1';
  return { counter: { slug: counter.slug, name: counter.name, location: counter.location }, thanks };
}

type SurveyActionData =
  | { status: 'invalid'; errors: Partial<Record<string, string>>; values: Record<string, string> }
  | { status: 'rateLimited'; retryAfterSeconds: number };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requestLanguage(request);
  const counter = await findCounter(context.db, params.slug ?? '', language);
  if (!counter) throw data(null, { status: 404 });
  const limit = await consumeLimit(context.db, citizenLimits().survey, context.clientIp);
  if (!limit.allowed) {
    return data<SurveyActionData>({ status: 'rateLimited', retryAfterSeconds: limit.retryAfterSeconds },
      { status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } });
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of await request.formData()) if (typeof value === 'string') fields[name] ??= value;
  const parsed = counterSurveySchema.safeParse(fields);
  if (!parsed.success) {
    const values = Object.fromEntries(['speed', 'courtesy', 'clarity', 'overall', 'comment'].map((k) => [k, fields[k] ?? '']));
    return data<SurveyActionData>({ status: 'invalid', errors: fieldErrors(parsed.error.issues), values }, { status: 400 });
  }
  await recordCounterSurvey(context.db, counter.id, parsed.data, language);
  return redirect(`/survey/${counter.slug}?thanks=1`);
}

export default function SurveyPage() {
  const { t } = useT();
  const { counter, thanks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <h1>{t('citizen:survey.pageTitle', { counter: counter.name })}</h1>
      {counter.location ? <p className="muted">{t('citizen:survey.location', { location: counter.location })}</p> : null}
      {thanks ? (
        <section className="notice notice--ok" aria-labelledby="thanks-title">
          <h2 id="thanks-title">{t('citizen:survey.thanksTitle')}</h2>
          <p>{t('citizen:survey.thanksBody')}</p>
          <p><Link to="/survey">{t('citizen:survey.backToList')}</Link></p>
        </section>
      ) : (
        <>
          {result?.status === 'rateLimited' ? (
            <div className="notice notice--warning" role="alert">
              <h2>{t('citizen:limits.tooManyTitle')}</h2>
              <p>{t('citizen:limits.tooManyBody', { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) })}</p>
            </div>
          ) : null}
          <p>{t('citizen:survey.lead')}</p>
          <SurveyFormView values={result?.status === 'invalid' ? result.values : {}} serverErrors={result?.status === 'invalid' ? result.errors : undefined} />
        </>
      )}
    </div>
  );
}
