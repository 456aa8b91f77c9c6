import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { VoicesMap } from '~/components/map/voices-map';
import { parseInboxFilters } from '~/domain/inbox.server';
import { mapSettingsFrom } from '~/domain/map-settings';
import { inboxMapPoints, MAP_POINT_LIMIT } from '~/domain/place/voice-map.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { triageCalendar } from '~/models/staff-triage.server';

// The inbox as a map: the same query string (view, filters, search) as the list, so the
// switch between the two keeps what was chosen; only voices with a pin, inside the user's
// scope. The list under the map is the accessible alternative and works without JavaScript.
export const handle = { access: { signedIn: true, permission: 'voice:read' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'voice:read');
  const filters = parseInboxFilters(new URL(request.url).searchParams);
  const calendar = await triageCalendar(context.db);
  return {
    title: serverT(requestLanguage(request), 'place')('inboxMap.title'),
    map: mapSettingsFrom(context.config),
    limit: MAP_POINT_LIMIT,
    ...(await inboxMapPoints(context.db, user, filters, calendar)),
  };
}

const LISTED = 200;

export default function InboxMap() {
  const { t } = useT();
  const { map, points, truncated, unplaced, limit } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <div className="inbox inbox-map">
      <h1>{t('place:inboxMap.title')}</h1>
      <nav aria-label={t('place:inboxMap.display')} className="view-tabs">
        <ul>
          <li><Link to={`/staff/inbox${search}`}>{t('place:inboxMap.asList')}</Link></li>
          <li><Link to={`/staff/inbox/map${search}`} aria-current="page">{t('place:inboxMap.asMap')}</Link></li>
        </ul>
      </nav>
      <p role="status" className="inbox-count">
        {t('place:inboxMap.count', { count: String(points.length) })}
        {truncated ? ` ${t('place:inboxMap.truncated', { limit: String(limit) })}` : ''}
        {unplaced > 0 ? ` ${t('place:inboxMap.unplaced', { count: String(unplaced) })}` : ''}
      </p>
      {map && points.length > 0 ? <VoicesMap settings={map} voices={points} /> : null}
      {points.length > 0 ? (
        <section aria-labelledby="inbox-map-list">
          <h2 id="inbox-map-list">{t('place:inboxMap.listTitle')}</h2>
          <table className="inbox-map__list">
            <thead><tr><th scope="col">{t('place:inboxMap.receipt')}</th><th scope="col">{t('place:inboxMap.voiceTitle')}</th><th scope="col">{t('staff:voice.status')}</th><th scope="col">{t('place:inboxMap.position')}</th></tr></thead>
            <tbody>
              {points.slice(0, LISTED).map((p) => (
                <tr key={p.receiptNumber}>
                  <td><Link to={`/staff/voices/${p.receiptNumber}`}>{p.receiptNumber}</Link></td>
                  <td>{p.title}</td>
                  <td>{t(`domain:status.${p.status}`)}</td>
                  <td>{`${p.lat.toFixed(5)}, ${p.lng.toFixed(5)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {points.length > LISTED ? <p className="muted">{t('place:inboxMap.listCut', { count: String(LISTED) })}</p> : null}
        </section>
      ) : null}
    </div>
  );
}
