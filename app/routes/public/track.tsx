import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { CityContactFacts, EmergencyNotice } from '~/components/public/city-contact';
import { formatCalendarDate, formatInstant } from '~/components/public/dates';
import { pageTitle } from '~/components/public/meta';
import { RatingFormView } from '~/components/public/rating-form';
import { CopyLinkButton, MailLinkForm, ResidentNoteForm } from '~/components/public/tracking-tools';
import { ratingFormSchema } from '~/domain/ratings';
import { rateReply } from '~/domain/ratings.server';
import { eraseContactFromTracking, hasContactDetails } from '~/domain/resident-requests.server';
import { addResidentNote, mailTrackingLink } from '~/domain/resident-notes.server';
import { contentLanguage } from '~/domain/text-language';
import { placeCheckOfVoice } from '~/domain/place/voice-place.server';
import { residentNoteSchema, trackingMailSchema } from '~/domain/tracking-forms';
import { isIdempotencyKey, newIdempotencyKey } from '~/domain/tracking-token.server';
import { fieldErrors } from '~/domain/voice-form';
import { useT } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/resources.server';
import { citizenLimits } from '~/security/public-limits.server';
import { findSubmissionByToken, getTrackingView } from '~/models/public-tracking.server';
import type { TrackingView } from '~/models/public-tracking.server';
import { RESIDENT_STEPS } from '~/domain/tracking-status';
import { consumeLimit } from '~/security/rate-limit.server';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ matches, data: view }) => [
  view && 'view' in view
    ? { title: pageTitle(matches, 'citizen:track.pageTitle', { receiptNumber: view.view.receiptNumber }) }
    : { title: pageTitle(matches, 'citizen:track.unknownTitle') },
  // The address is a secret: keep it out of other sites' Referer headers and search engines.
  // same-origin, not no-referrer: with no-referrer the browser sends `Origin: null` on this
  // page's own form posts, which Remix refuses as a possible CSRF (the rating, the note and
  // the link mail failed with a 500 in a real browser).
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

/** A tracking token is 43 characters of base64url: a shorter one was probably cut off. */
const TOKEN_LENGTH = 43;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = params.token ?? '';
  const view = await getTrackingView(context.db, token, requestLanguage(request));
  if (!view) {
    // A helpful page, not a bare 404. It says nothing about whether such a voice exists; only
    // whether the address looks cut short, which the resident can see for themselves.
    return data({ unknown: true as const, looksCut: token.length < TOKEN_LENGTH }, { status: 404 });
  }
  const url = new URL(request.url);
  const { submissionId, ...visible } = view;
  const justSent = url.searchParams.get('new') === '1';
  return {
    view: visible,
    // Right after sending (with or without JavaScript): a pin outside the city is said here too.
    outsideHint: justSent ? (await placeCheckOfVoice(context.db, submissionId, requestLanguage(request))).hint : null,
    hasContact: await hasContactDetails(context.db, submissionId),
    justSent,
    justRated: url.searchParams.get('rated') === '1',
    contactErased: url.searchParams.get('contactErased') === '1',
    mailed: url.searchParams.get('mailed') === '1',
    added: url.searchParams.get('added') === '1',
    trackingUrl: `${context.config.APP_URL.replace(/\/$/, '')}/track/${token}`,
    // One-time key of this page's forms: a double submit adds (or mails) once.
    formKey: newIdempotencyKey(),
  };
}

type TrackForm = 'rate' | 'mailLink' | 'note';

type TrackActionData =
  | { status: 'invalid'; form: TrackForm; errors: Partial<Record<string, string>>; values: Record<string, string> }
  | { status: 'rateLimited'; retryAfterSeconds: number };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? '';
  const submission = await findSubmissionByToken(context.db, token);
  if (!submission) notFound();
  const fields: Record<string, string> = {};
  for (const [name, value] of await request.formData()) if (typeof value === 'string') fields[name] ??= value;
  if (fields.intent === 'eraseContact') {
    // The secret link is the resident's proof of being the sender: their contact details go now.
    const limit = await consumeLimit(context.db, citizenLimits().rating, context.clientIp);
    if (!limit.allowed) {
      return data<TrackActionData>({ status: 'rateLimited', retryAfterSeconds: limit.retryAfterSeconds },
        { status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } });
    }
    await eraseContactFromTracking(context.db, submission.id, new Date());
    return redirect(`/track/${token}?contactErased=1`);
  }
  const form: TrackForm = fields.intent === 'mailLink' || fields.intent === 'note' ? fields.intent : 'rate';
  const limits = citizenLimits();
  const limit = await consumeLimit(context.db, form === 'rate' ? limits.rating : form === 'note' ? limits.note : limits.linkMail, context.clientIp);
  if (!limit.allowed) {
    return data<TrackActionData>({ status: 'rateLimited', retryAfterSeconds: limit.retryAfterSeconds },
      { status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } });
  }
  const formKey = isIdempotencyKey(fields.formKey) ? fields.formKey : newIdempotencyKey();
  const invalid = (errors: Partial<Record<string, string>>, values: Record<string, string>) =>
    data<TrackActionData>({ status: 'invalid', form, errors, values }, { status: 400 });

  if (form === 'mailLink') {
    const values = { email: fields.email ?? '' };
    const parsed = trackingMailSchema.safeParse(fields);
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues), values);
    await mailTrackingLink(context.db, { token, email: parsed.data.email, language: requestLanguage(request), formKey });
    return redirect(`/track/${token}?mailed=1#link-tools`);
  }
  if (form === 'note') {
    const values = { note: fields.note ?? '' };
    const parsed = residentNoteSchema.safeParse(fields);
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues), values);
    await addResidentNote(context.db, { submissionId: submission.id, text: parsed.data.note, formKey });
    return redirect(`/track/${token}?added=1#add-title`);
  }

  const values = { resolved: fields.resolved ?? '', satisfaction: fields.satisfaction ?? '', comment: fields.comment ?? '' };
  const parsed = ratingFormSchema.safeParse(fields);
  if (!parsed.success) return invalid(fieldErrors(parsed.error.issues), values);
  const result = await rateReply(context.db, submission.id, parsed.data);
  if (!result.ok && result.reason === 'notOpen') return invalid({ form: 'citizen:rating.errors.notOpen' }, values);
  // Rated now or already (a second tab): either way, show the rating.
  return redirect(`/track/${token}?rated=1`);
}

export default function TrackPage() {
  const loaded = useLoaderData<typeof loader>();
  if ('unknown' in loaded) return <UnknownLink looksCut={loaded.looksCut} />;
  return <Tracking data={loaded} />;
}

type TrackingData = Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { unknown: true }>;

function Tracking({ data: loaded }: { data: TrackingData }) {
  const { t, language } = useT();
  const { view, justSent, justRated, mailed, added, trackingUrl, formKey, hasContact, contactErased, outsideHint } = loaded;
  const result = useActionData<typeof action>();
  const invalid = (form: TrackForm) => (result?.status === 'invalid' && result.form === form ? result : undefined);
  const rating = invalid('rate');
  const textLang = (text: string | null | undefined) => {
    const lang = contentLanguage(text);
    return lang && lang !== language ? lang : undefined;
  };
  return (
    <div className="track-page">
      {justSent ? <SentNotice view={view} /> : <h1>{t('citizen:track.title')}</h1>}
      {justSent ? <EmergencyNotice /> : null}
      {outsideHint ? (
        <section className="notice notice--warning place-outside" aria-labelledby="place-outside-title">
          <h2 id="place-outside-title">{t('citizen:placeOutside.title')}</h2>
          <p>{outsideHint}</p>
        </section>
      ) : null}
      {result?.status === 'rateLimited' ? (
        <div className="notice notice--warning" role="alert">
          <h2>{t('citizen:limits.tooManyTitle')}</h2>
          <p>{t('citizen:limits.tooManyBody', { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) })}</p>
        </div>
      ) : null}
      <LinkTools trackingUrl={trackingUrl} formKey={formKey} mailed={mailed} open={justSent || mailed || !!invalid('mailLink')} invalid={invalid('mailLink')} />

      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title">{t('citizen:track.summaryTitle')}</h2>
        <dl className="facts">
          <dt>{t('citizen:track.receiptLabel')}</dt><dd className="receipt-number">{view.receiptNumber}</dd>
          <dt>{t('citizen:track.statusLabel')}</dt><dd className="status-now" data-status={view.status}>{t(`domain:status.${view.status}`)}</dd>
          <dt>{t('citizen:track.kindLabel')}</dt><dd>{t(`domain:kind.${view.kind}`)}</dd>
          <dt>{t('citizen:track.receivedLabel')}</dt><dd>{formatInstant(view.receivedAt, language)}</dd>
          <dt>{t('citizen:track.departmentLabel')}</dt>
          <dd className="department" lang={textLang(view.department)}>{view.department ?? t('citizen:track.departmentPending')}</dd>
          {view.dueDate ? (<><dt>{t('citizen:track.dueLabel')}</dt><dd>{formatCalendarDate(view.dueDate, language)}<br /><span className="muted">{t('citizen:track.dueNote')}</span></dd></>) : null}
        </dl>
        <h3 className="voice-title" lang={textLang(view.title)}>{view.title}</h3>
        <p className="voice-body" lang={textLang(view.body)}>{view.body}</p>
      </section>

      <Progress view={view} />

      <section aria-labelledby="replies-title">
        <h2 id="replies-title">{t('citizen:track.repliesTitle')}</h2>
        {view.replies.length === 0 ? <p>{t('citizen:track.noReplyYet')}</p> : (
          <ol className="reply-list">
            {view.replies.map((reply) => (
              <li key={reply.id} className="panel">
                <h3>{t(reply.kind === 'final' ? 'citizen:track.replyFinal' : 'citizen:track.replyInterim')} <span className="muted">{formatInstant(reply.sentAt, language)}</span></h3>
                {view.department ? <p className="reply-from">{t('citizen:track.replyFrom')} <span lang={textLang(view.department)}>{view.department}</span></p> : null}
                <p className="reply-body" lang={textLang(reply.body)}>{reply.body}</p>
                {reply.interimReason ? (
                  textLang(reply.interimReason)
                    ? <p>{t('citizen:track.interimReason', { reason: '' })}<span lang={textLang(reply.interimReason)}>{reply.interimReason}</span></p>
                    : <p>{t('citizen:track.interimReason', { reason: reply.interimReason })}</p>
                ) : null}
                {reply.newDueDate ? <p>{t('citizen:track.interimNewDate', { date: formatCalendarDate(reply.newDueDate, language) })}</p> : null}
              </li>
            ))}
          </ol>
        )}
        {view.department ? <DepartmentContact department={view.department} receiptNumber={view.receiptNumber} lang={textLang(view.department)} /> : null}
      </section>

      {view.rating ? (
        <section className="notice notice--ok" aria-labelledby="rated-title" role={justRated ? 'status' : undefined}>
          <h2 id="rated-title">{t('citizen:rating.thanks')}</h2>
          <p>{t('citizen:rating.yourRating', { resolved: t(`citizen:rating.resolved.${view.rating.resolved}`), satisfaction: view.rating.satisfaction })}</p>
          {view.rating.resolved === 'no' ? <p>{t('citizen:rating.flagged')}</p> : null}
        </section>
      ) : null}
      {view.canRate ? (
        <RatingFormView values={rating?.values ?? {}} serverErrors={rating?.errors} />
      ) : rating?.errors.form ? (
        // A rating sent before any reply (an old tab): there is no form to show the message in.
        <p className="notice notice--warning" role="alert">{t(rating.errors.form)}</p>
      ) : null}

      <section className="panel" aria-labelledby="add-title">
        <h2 id="add-title">{t('citizen:track.addTitle')}</h2>
        {added ? <p className="notice notice--ok" role="status">{t('citizen:track.added')}</p> : null}
        <p>{t(view.status === 'answered' || view.status === 'closed' ? 'citizen:track.addLeadReopens' : 'citizen:track.addLead')}</p>
        <ResidentNoteForm formKey={formKey} serverErrors={invalid('note')?.errors} values={invalid('note')?.values} />
      </section>

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
              {entry.text ? <p className="timeline__text" lang={textLang(entry.text)}>{entry.text}</p> : null}
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

/** Keep the link: copy it, or have it mailed (the address is not added to the voice). */
function LinkTools({ trackingUrl, formKey, mailed, open, invalid }: {
  trackingUrl: string; formKey: string; mailed: boolean; open: boolean;
  invalid?: { errors: Partial<Record<string, string>>; values: Record<string, string> };
}) {
  const { t } = useT();
  return (
    <details className="panel link-tools" id="link-tools" open={open}>
      <summary><h2 className="link-tools__title">{t('citizen:track.keepLinkTitle')}</h2></summary>
      {mailed ? <p className="notice notice--ok" role="status">{t('citizen:track.mailed')}</p> : null}
      <p>
        <span className="muted">{t('citizen:track.linkLabel')}:</span><br />
        <a className="tracking-link" href={trackingUrl}>{trackingUrl}</a>
      </p>
      <CopyLinkButton url={trackingUrl} />
      <MailLinkForm formKey={formKey} serverErrors={invalid?.errors} values={invalid?.values} />
      <p className="muted">{t('citizen:track.secretNote')}</p>
    </details>
  );
}

/** Who answers, and how to reach them other than here: the city hall's number, naming the 課. */
function DepartmentContact({ department, receiptNumber, lang }: { department: string; receiptNumber: string; lang?: string }) {
  const { t } = useT();
  return (
    <div className="department-contact">
      <p>
        {t('citizen:track.departmentContactBefore')}<strong lang={lang}>{department}</strong>{t('citizen:track.departmentContactAfter', { receiptNumber })}
      </p>
      <CityContactFacts />
    </div>
  );
}

/** A tracking address that leads nowhere: most often cut short when copied from a mail. */
function UnknownLink({ looksCut }: { looksCut: boolean }) {
  const { t } = useT();
  return (
    <div className="track-page">
      <h1>{t('citizen:track.unknownTitle')}</h1>
      {looksCut ? <p className="notice notice--warning">{t('citizen:track.unknownCut')}</p> : null}
      <ul>
        <li>{t('citizen:track.unknownCheck1')}</li>
        <li>{t('citizen:track.unknownCheck2')}</li>
        <li>{t('citizen:track.unknownCheck3')}</li>
      </ul>
      <h2>{t('citizen:track.unknownAskTitle')}</h2>
      <p>{t('citizen:track.unknownAsk')}</p>
      <CityContactFacts />
      <p><Link to="/send">{t('citizen:track.unknownSend')}</Link> · <Link to="/">{t('errors:backHome')}</Link></p>
    </div>
  );
}

function SentNotice({ view }: { view: Omit<TrackingView, 'submissionId'> }) {
  const { t } = useT();
  return (
    // Focused on arrival (autofocus without JavaScript, the page-change focus with it): a screen
    // reader announces "sent" as a status instead of staying silent on the page body.
    <section className="notice notice--ok sent-notice" aria-labelledby="sent-title" role="status" tabIndex={-1}
      data-page-focus="" autoFocus>
      <h1 id="sent-title">{t('citizen:track.sentTitle')}</h1>
      <p className="receipt">
        {t('citizen:track.receiptLabel')}: <strong className="receipt-number">{view.receiptNumber}</strong>
      </p>
      <p>{t('citizen:track.bookmark')}</p>
      {view.emailGiven ? <p>{t('citizen:track.emailQueued')}</p> : null}
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
          <h3 lang={contentLanguage(item.title)}><a href={`/improvements/${item.number}`}>{item.title}</a></h3>
          {item.summary ? <p className="improvement-summary" lang={contentLanguage(item.summary)}>{item.summary}</p> : null}
          <p className="muted">{t('improvement:public.closedOn', { date: formatInstant(item.closedAt, language) })}</p>
        </div>
      ))}
    </section>
  );
}
