import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { pageTitle } from '~/components/public/meta';
import { StaticPage } from '~/components/public/static-page';
import { loadRetentionSettings } from '~/domain/retention.server';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'citizen:privacy.title') }];

/** The retention periods come from the same settings the erasure job runs on. */
export async function loader({ context }: LoaderFunctionArgs) {
  return { retention: await loadRetentionSettings(context.db) };
}

/** 個人情報の取り扱い: purposes of use (利用目的) and retention, as the send form promises. */
export default function Privacy() {
  const { retention } = useLoaderData<typeof loader>();
  return (
    <StaticPage
      ns="privacy"
      values={{ ...retention }}
      sections={[
        { title: 'purposeTitle', items: ['purpose1', 'purpose2', 'purpose3'] },
        { title: 'collectedTitle', body: 'collectedBody' },
        { title: 'accessTitle', body: 'accessBody' },
        { title: 'publishTitle', body: 'publishBody' },
        { title: 'thirdPartyTitle', body: 'thirdPartyBody' },
        { title: 'retentionTitle', body: 'retentionBody' },
        { title: 'contactTitle', body: 'contactBody' },
      ]}
    />
  );
}
