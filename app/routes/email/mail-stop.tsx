import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import type { RouteAccess } from '~/auth/route-access';
import { residentNoticeState, setResidentNotices } from '~/email/notifications.server';
import { verifyStopToken } from '~/email/stop-link.server';
import { rootTranslator, useT } from '~/i18n/i18n';
import type { RootData } from '~/root';

// /mail/stop/<signed>: the link in every resident mail. GET shows what will happen and a
// button (works without JavaScript); POST stops notices. Mail clients' one-click
// "unsubscribe" (RFC 8058) posts here too, from outside our origin: the signed token is the
// only authority needed, and all it can do is stop or resume notices for its own address.

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ matches, data: d }) => {
  const root = matches.find((m) => m.id === 'root')?.data as RootData | undefined;
  const t = rootTranslator(root, 'citizen');
  // A link that no longer works says so in the title too, with the page it is.
  const title = d && !d.valid ? `${t('mailStop.invalidTitle')} – ${t('mailStop.pageTitle')}` : t('mailStop.pageTitle');
  return [{ title }, { name: 'robots', content: 'noindex, nofollow' }, { name: 'referrer', content: 'same-origin' }];
};

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store, private', 'Referrer-Policy': 'same-origin', 'X-Robots-Tag': 'noindex' });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const submissionId = verifyStopToken(params.token ?? '', context.config.keys);
  const state = submissionId === null ? null : await residentNoticeState(context.db, submissionId);
  if (!state) return data({ valid: false as const }, { status: 404 });
  return { valid: true as const, ...state, resumed: new URL(request.url).searchParams.get('resumed') === '1' };
}

const stopForm = z.object({ intent: z.enum(['stop', 'resume']).default('stop') });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? '';
  const submissionId = verifyStopToken(token, context.config.keys);
  if (submissionId === null) return data({ valid: false as const }, { status: 404 });
  // A one-click unsubscribe sends "List-Unsubscribe=One-Click" and no intent: that means stop.
  const parsed = stopForm.safeParse(Object.fromEntries(await request.formData()));
  const intent = parsed.success ? parsed.data.intent : 'stop';
  const changed = await setResidentNotices(context.db, submissionId, intent === 'stop');
  if (changed === null) return data({ valid: false as const }, { status: 404 });
  context.logger.info({ submissionId, intent, changed }, 'resident notices changed from the mail link');
  return redirect(`/mail/stop/${token}${intent === 'resume' ? '?resumed=1' : ''}`, 303);
}

export default function MailStop() {
  const state = useLoaderData<typeof loader>();
  const { t } = useT('citizen');
  if (!state.valid) {
    return (
      <article className="static-page" aria-labelledby="stop-title">
        <h1 id="stop-title">{t('mailStop.invalidTitle')}</h1>
        <p>{t('mailStop.invalidBody')}</p>
      </article>
    );
  }
  if (state.stopped) {
    return (
      <article className="static-page" aria-labelledby="stop-title">
        <h1 id="stop-title">{t('mailStop.stoppedTitle')}</h1>
        <p className="notice notice--ok" role="status">{t('mailStop.stoppedBody', { receiptNumber: state.receiptNumber })}</p>
        <p>{t('mailStop.essentialNote')}</p>
        <p>{t('mailStop.resumeLead')}</p>
        <Form method="post" replace>
          <input type="hidden" name="intent" value="resume" />
          <button type="submit" className="button">{t('mailStop.resumeButton')}</button>
        </Form>
      </article>
    );
  }
  return (
    <article className="static-page" aria-labelledby="stop-title">
      <h1 id="stop-title">{t('mailStop.pageTitle')}</h1>
      {state.resumed ? <p className="notice notice--ok" role="status">{t('mailStop.resumed')}</p> : null}
      <p>{t('mailStop.lead', { receiptNumber: state.receiptNumber })}</p>
      <p>{t('mailStop.essentialNote')}</p>
      <Form method="post" replace>
        <input type="hidden" name="intent" value="stop" />
        <button type="submit" className="button button--primary">{t('mailStop.stopButton')}</button>
      </Form>
    </article>
  );
}
