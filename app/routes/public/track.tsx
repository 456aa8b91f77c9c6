import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { formatCalendarDate, formatInstant } from '~/components/public/dates';
import { pageTitle } from '~/components/public/meta';
import { RatingFormView } from '~/components/public/rating-form';
import { ratingFormSchema } from '~/domain/ratings';
import { rateReply } from '~/domain/ratings.server';
import { eraseContactFromTracking, hasContactDetails } from '~/domain/resident-requests.server';
import { fieldErrors } from '~/domain/voice-form';
import { useT } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/resources.server';
import { citizenLimits } from '~/models/public-limits.server';
import { findSubmissionByToken, getTrackingView } from '~/models/public-tracking.server';
import type { TrackingView } from '~/models/public-tracking.server';
import { RESIDENT_STEPS } from '~/domain/tracking-status';
import { consumeLimit } from '~/security/rate-limit.server';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ matches, data: view }) => [
  ...(view ? [{ title: pageTitle(matches, 'citizen:track.pageTitle', { receiptNumber: view.view.receiptNumber }) }] : []),
  // The address is a secret: keep it out of search engines, and out of Referer headers sent to
  // other sites (same-origin, not no-referrer: with no-referrer Chromium posts the rating form
  // with `Origin: null`; docs/decisions/security-csrf-origin-check.md).
  { name: 'referrer', content: 'same-origin' },
  { name: 'robots', content: 'noindex, nofollow' },
];

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers({ 'Cache-Control': 'no-store, private', 'Referrer-Policy': 'same-origin', 'X-Robots-Tag': 'noindex' });
  const retryAfter = actionHeaders.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};

function notFound(): never {
  // The same generic page as any unknown address: it says nothing about the token.
  throw data(null, { status: 404 });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = params.token ?? '';
  const view = await getTrackingView(context.db, token, requestLanguage(request));
  if (!view) notFound();
  const url = new URL(request.url);
  const { submissionId, ...visible } = view;
  return {
    view: visible,
    hasContact: await hasContactDetails(context.db, submissionId),
    justSent: url.searchParams.get('new') === '1',
    justRated: url.searchParams.get('rated') === '1',
    contactErased: url.searchParams.get('contactErased') === '1',
    trackingUrl: `${context.config.APP_URL.replace(/\/$/, '')}/track/${token}`,
  };
}

type RatingActionData =
  | { status: 'invalid'; errors: Partial<Record<string, string>>; values: Record<string, string> }
  | { status: 'rateLimited'; retryAfterSeconds: number };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? '';
  const submission = await findSubmissionByToken(context.db, token);
  if (!submission) notFound();
  const limit = await consumeLimit(context.db, citizenLimits().rating, context.clientIp);
  if (!limit.allowed) {
    return data<RatingActionData>({ status: 'rateLimited', retryAfterSeconds: limit.retryAfterSeconds },
      { status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } });
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of await request.formData()) if (typeof value === 'string') fields[name] ??= value;
  if (fields.intent === 'eraseContact') {
    // The secret link is the resident's proof of being the sender: their contact details go now.
    await eraseContactFromTracking(context.db, submission.id, new Date());
    return redirect(`/track/${token}?contactErased=1`);
  }
  const values = { resolved: fields.resolved ?? '', satisfaction: fields.satisfaction ?? '', comment: fields.comment ?? '' };
  const parsed = ratingFormSchema.safeParse(fields);
  if (!parsed.success) return data<RatingActionData>({ status: 'invalid', errors: fieldErrors(parsed.error.issues), values }, { status: 400 });
  const result = await rateReply(context.db, submission.id, parsed.data);
  if (!result.ok && result.reason === 'notOpen') {
    return data<RatingActionData>({ status: 'invalid', errors: { form: 'citizen:rating.errors.notOpen' }, values }, { status: 400 });
  }
  // Rated now or already (a second tab): either way, show the rating.
  return redirect(`/track/${token}?rated=1`);
}

export default function TrackPage() {
  const { t, language } = useT();
  const { view, justSent, justRated, trackingUrl, hasContact, contactErased } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="track-page">
      {justSent ? <SentNotice view={view} trackingUrl={trackingUrl} /> : <h1>{t('citizen:track.title')}</h1>}
      {result?.status === 'rateLimited' ? (
        <div className="notice notice--warning" role="alert">
          <h2>{t('citizen:limits.tooManyTitle')}</h2>
          <p>{t('citizen:limits.tooManyBody', { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) })}</p>
        </div>
      ) : null}

      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title">{t('citizen:track.summaryTitle')}</h2>
        <dl className="facts">
          <dt>{t('citizen:track.receiptLabel')}</dt><dd className="receipt-number">{view.receiptNumber}</dd>
          <dt>{t('citizen:track.statusLabel')}</dt><dd className="status-now" data-status={view.status}>{t(`domain:status.${view.status}`)}</dd>
          <dt>{t('citizen:track.kindLabel')}</dt><dd>{t(`domain:kind.${view.kind}`)}</dd>
          <dt>{t('citizen:track.receivedLabel')}</dt><dd>{formatInstant(view.receivedAt, language)}</dd>
          <dt>{t('citizen:track.departmentLabel')}</dt><dd>{view.department ?? t('citizen:track.departmentPending')}</dd>
          {view.dueDate ? (<><dt>{t('citizen:track.dueLabel')}</dt><dd>{formatCalendarDate(view.dueDate, language)}<br /><span className="muted">{t('citizen:track.dueNote')}</span></dd></>) : null}
        </dl>
        <h3 className="voice-title">{view.title}</h3>
        <p className="voice-body">{view.body}</p>
      </section>

      <Progress view={view} />

      <section aria-labelledby="replies-title">
        <h2 id="replies-title">{t('citizen:track.repliesTitle')}</h2>
        {view.replies.length === 0 ? <p>{t('citizen:track.noReplyYet')}</p> : (
          <ol className="reply-list">
            {view.replies.map((reply) => (
              <li key={reply.id} className="panel">
                <h3>{t(reply.kind === 'final' ? 'citizen:track.replyFinal' : 'citizen:track.replyInterim')} <span className="muted">{formatInstant(reply.sentAt, language)}</span></h3>
                <p className="reply-body">{reply.body}</p>
                {reply.interimReason ? <p>{t('citizen:track.interimReason', { reason: reply.interimReason })}</p> : null}
                {reply.newDueDate ? <p>{t('citizen:track.interimNewDate', { date: formatCalendarDate(reply.newDueDate, language) })}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      {view.rating ? (
        <section className="notice notice--ok" aria-labelledby="rated-title" role={justRated ? 'status' : undefined}>
          <h2 id="rated-title">{t('citizen:rating.thanks')}</h2>
          <p>{t('citizen:rating.yourRating', { resolved: t(`citizen:rating.resolved.${view.rating.resolved}`), satisfaction: view.rating.satisfaction })}</p>
          {view.rating.resolved === 'no' ? <p>{t('citizen:rating.flagged')}</p> : null}
        </section>
      ) : null}
      {view.canRate ? (
        <RatingFormView values={result?.status === 'invalid' ? result.values : {}} serverErrors={result?.status === 'invalid' ? result.errors : undefined} />
      ) : result?.status === 'invalid' && result.errors.form ? (
        // A rating sent before any reply (an old tab): there is no form to show the message in.
        <p className="notice notice--warning" role="alert">{t(result.errors.form)}</p>
      ) : null}

      <Improvements view={view} />

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('citizen:track.timelineTitle')}</h2>
        <ol className="timeline">
          {view.timeline.map((entry, index) => (
            <li key={index}>
              <span className="timeline__date">{formatInstant(entry.at, language)}</span>{' '}
              <span className="timeline__what">
                {t(`citizen:track.event.${entry.type}`, { status: entry.status ? t(`domain:status.${entry.status}`) : '', to: entry.to ?? '' })}
              </span>
            </li>
          ))}
        </ol>
      </section>

      {contactErased ? (
        <p className="notice notice--ok" role="status">{t('citizen:track.contactErased')}</p>
      ) : hasContact ? (
        <section aria-labelledby="erase-contact-title">
          <h2 id="erase-contact-title">{t('citizen:track.eraseContactTitle')}</h2>
          <p>{t('citizen:track.eraseContactBody')}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="eraseContact" />
            <button type="submit" className="button">{t('citizen:track.eraseContactButton')}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function SentNotice({ view, trackingUrl }: { view: Omit<TrackingView, 'submissionId'>; trackingUrl: string }) {
  const { t } = useT();
  return (
    <section className="notice notice--ok sent-notice" aria-labelledby="sent-title">
      <h1 id="sent-title">{t('citizen:track.sentTitle')}</h1>
      <p className="receipt">
        {t('citizen:track.receiptLabel')}: <strong className="receipt-number">{view.receiptNumber}</strong>
      </p>
      <p>{t('citizen:track.bookmark')}</p>
      <p>
        <span className="muted">{t('citizen:track.linkLabel')}:</span><br />
        <a className="tracking-link" href={trackingUrl}>{trackingUrl}</a>
      </p>
      {view.emailGiven ? <p>{t('citizen:track.emailQueued')}</p> : null}
      <p className="muted">{t('citizen:track.secretNote')}</p>
    </section>
  );
}

function Progress({ view }: { view: Omit<TrackingView, 'submissionId'> }) {
  const { t } = useT();
  const current = RESIDENT_STEPS.indexOf(view.status as (typeof RESIDENT_STEPS)[number]);
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">{t('citizen:track.progressTitle')}</h2>
      {current >= 0 ? (
        <ol className="steps">
          {RESIDENT_STEPS.map((step, index) => (
            <li key={step} className={index < current ? 'steps__done' : index === current ? 'steps__current' : 'steps__todo'} aria-current={index === current ? 'step' : undefined}>
              {t(`domain:status.${step}`)}
            </li>
          ))}
        </ol>
      ) : (
        <p className="notice">
          <strong>{t(`domain:status.${view.status}`)}</strong>{' — '}
          {view.mergedIntoReceipt ? t('citizen:track.mergedNote', { receiptNumber: view.mergedIntoReceipt }) : null}
          {view.referredTo ? t('citizen:track.referredNote', { to: view.referredTo }) : null}
          {view.notActionableReason ? t('citizen:track.notActionableNote', { reason: view.notActionableReason }) : null}
        </p>
      )}
    </section>
  );
}

/** What changed because of this voice: closed improvement records it is linked to. */
function Improvements({ view }: { view: Omit<TrackingView, 'submissionId'> }) {
  const { t, language } = useT();
  if (view.improvements.length === 0) return null;
  return (
    <section className="notice notice--ok track-improvements" aria-labelledby="improvements-title">
      <h2 id="improvements-title">{t('improvement:public.fromThisVoice')}</h2>
      {view.improvements.map((item) => (
        <div key={item.number} className="track-improvement">
          <h3><a href={`/improvements/${item.number}`}>{item.title}</a></h3>
          {item.summary ? <p className="improvement-summary">{item.summary}</p> : null}
          <p className="muted">{t('improvement:public.closedOn', { date: formatInstant(item.closedAt, language) })}</p>
        </div>
      ))}
    </section>
  );
}
