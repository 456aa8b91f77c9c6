import type { MetaFunction } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { pageTitle } from '~/components/public/meta';
import { StaticPage } from '~/components/public/static-page';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'citizen:accessibility.title') }];

/** アクセシビリティ方針: the target (JIS X 8341-3:2016 AA) and what we do for it. */
export default function Accessibility() {
  return (
    <StaticPage
      ns="accessibility"
      sections={[
        { title: 'targetTitle', body: 'targetBody' },
        { title: 'scopeTitle', body: 'scopeBody' },
        { title: 'measuresTitle', items: ['measure1', 'measure2', 'measure3', 'measure4'] },
        { title: 'feedbackTitle', body: 'feedbackBody' },
      ]}
    />
  );
}
