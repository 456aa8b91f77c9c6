import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { HotSpotsMap } from '~/components/map/hot-spots-map';
import { analyticsScopeFor } from '~/domain/analytics/scope';
import { mapSettingsFrom } from '~/domain/map-settings';
import { HOT_SPOT_METERS, placeHotSpots } from '~/domain/place/hot-spots.server';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import reportStylesHref from '~/styles/report.css?url';
import { readPeriodFilter, scopeName, todayInJapan } from './analytics.server';
import { useFigures } from './ui/format';
import { PeriodForm, PeriodLabel } from './ui/period-form';

// "Where" for the management review: the period's voices counted per ~500 m cell, busiest
// first. The table is the view (it prints and reads aloud); the map beside it is a picture of it.
export const handle = { access: { signedIn: true, permission: 'report:read' } } satisfies { access: RouteAccess };

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'report:read');
  const filter = readPeriodFilter(request, todayInJapan());
  const scope = analyticsScopeFor(user);
  const page = {
    title: serverT(requestLanguage(request), 'place')('where.title'),
    filter,
    scope: await scopeName(context.db, scope),
    map: mapSettingsFrom(context.config),
    meters: HOT_SPOT_METERS,
  };
  if (!filter.period) return data({ ...page, spots: null }, { status: 400 });
  return { ...page, spots: await placeHotSpots(context.db, scope, filter.period) };
}

export default function WhereView() {
  const { filter, scope, spots, map, meters } = useLoaderData<typeof loader>();
  const f = useFigures();
  const { t } = f;
  const scopeLabel = scope === null ? t('scope.city') : scope === 'none' ? t('scope.none') : f.name(scope);
  return (
    <div className="analytics">
      <p className="no-print"><Link to="/staff/analytics">{t('dashboard.title')}</Link></p>
      <h1>{t('place:where.title')}</h1>
      <p className="analytics-scope">{t('scope.label', { name: scopeLabel })}</p>
      <p>{t('place:where.lead', { meters: String(meters) })}</p>
      <PeriodForm filter={filter} action="/staff/analytics/where" />
      {spots ? (
        <section className="report-section" aria-labelledby="where-title">
          <h2 id="where-title"><PeriodLabel filter={filter} /></h2>
          <p>{t('place:where.placed', { count: f.num(spots.placed) })}</p>
          {spots.cells.length > 0 ? (
            <>
              {map ? <HotSpotsMap settings={map} cells={spots.cells} /> : null}
              <table className="data-table hot-spots">
                <caption>{t('place:where.caption', { meters: String(meters) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('place:where.rank')}</th><th scope="col">{t('place:where.cell')}</th>
                    <th scope="col">{t('place:where.count')}</th><th scope="col">{t('place:where.open')}</th>
                  </tr>
                </thead>
                <tbody>
                  {spots.cells.map((c, i) => (
                    <tr key={`${c.row}:${c.col}`}>
                      <td>{i + 1}</td>
                      <th scope="row">{t('place:where.cellAt', { lat: c.centerLat.toFixed(4), lon: c.centerLng.toFixed(4) })}</th>
                      <td>{f.num(c.count)}</td>
                      <td>{f.num(c.open)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : <p className="muted">{t('place:where.none')}</p>}
        </section>
      ) : null}
    </div>
  );
}
