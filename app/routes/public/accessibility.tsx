import type { MetaFunction } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { pageTitle } from '~/components/public/meta';
import { CityContactFacts } from '~/components/public/city-contact';
import { StaticPage } from '~/components/public/static-page';
import { useT } from '~/i18n/i18n';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'citizen:accessibility.title') }];

/** アクセシビリティ方針: the target (JIS X 8341-3:2016 AA) and what we do for it. */
export default function Accessibility() {
  const { t } = useT();
  return (
    <StaticPage
      after={(
        <section aria-labelledby="accessibility-otherWays">
          <h2 id="accessibility-otherWays">{t('citizen:contact.otherWaysTitle')}</h2>
          <p>{t('citizen:contact.otherWaysBody')}</p>
          <CityContactFacts />
        </section>
      )}
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
