import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { pageTitle } from '~/components/public/meta';
import { useT } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/resources.server';
import { listCounters } from '~/models/public-catalog.server';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ matches }) => [{ title: pageTitle(matches, 'citizen:survey.listTitle') }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { counters: await listCounters(context.db, requestLanguage(request)) };
}

export default function SurveyList() {
  const { t } = useT();
  const { counters } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>{t('citizen:survey.listTitle')}</h1>
      <p>{t('citizen:survey.listLead')}</p>
      {counters.length === 0 ? <p>{t('citizen:survey.noCounters')}</p> : (
        <ul className="card-list">
          {counters.map((counter) => (
            <li key={counter.slug}>
              <Link to={`/survey/${counter.slug}`} className="card-link">{counter.name}</Link>
              {counter.location ? <p className="muted">{counter.location}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
