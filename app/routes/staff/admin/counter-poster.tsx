import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { localText } from '~/i18n/city-text';
import { Link, useLoaderData } from '@remix-run/react';
import QRCode from 'qrcode';
import type { RouteAccess } from '~/auth/route-access';
import { notFound } from '~/auth/session.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/resources.server';
import { getCounter } from '~/domain/admin/organisation.server';
import { getCityInfo } from '~/domain/city.server';
import { idParam, requireAdmin } from './admin.server';

// A printable A4 poster for a service counter: a QR code to its survey page (窓口アンケート).
export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.name ?? 'Meyasu' }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const language = requestLanguage(request);
  const counter = await getCounter(context.db, idParam(request, params.counterId));
  if (!counter) throw notFound(request);
  const surveyUrl = new URL(`/survey/${encodeURIComponent(counter.slug)}`, context.config.APP_URL).toString();
  const svg = await QRCode.toString(surveyUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return {
    id: counter.id,
    name: localText(language, counter.nameJa, counter.nameTranslations),
    location: counter.locationJa ? localText(language, counter.locationJa, counter.locationTranslations) : null,
    city: (await getCityInfo(context.db, language)).name,
    surveyUrl,
    qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  };
}

export default function CounterPoster() {
  const { t } = useT();
  const poster = useLoaderData<typeof loader>();
  return (
    <>
      <p className="no-print actions-row">
        <Link to={`/staff/admin/counters/${poster.id}`}>{t('admin:counters.back')}</Link>
        <span>{t('admin:counters.printHint')}</span>
      </p>
      <article className="poster">
        <p>{poster.city}</p>
        <h1>{t('admin:counters.posterHeading', { name: poster.name })}</h1>
        {poster.location ? <p>{poster.location}</p> : null}
        <p>{t('admin:counters.posterLead')}</p>
        <img className="poster__qr" src={poster.qr} alt={t('admin:counters.qrAlt', { name: poster.name })} width={400} height={400} />
        <p className="poster__url">{poster.surveyUrl}</p>
      </article>
    </>
  );
}
