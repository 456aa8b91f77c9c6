import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { rememberDevice } from '~/auth/device-cookie.server';
import type { RouteAccess } from '~/auth/route-access';
import { unlockLinkIsValid, spendUnlockLink } from '~/auth/sign-in-unlock.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { assertSameOrigin } from '~/security/csrf.server';
import { FormMessage } from './ui/form';

// /staff/unlock/<token>: the link mailed when someone keeps guessing at an account. A button
// (a POST, so that mail scanners that open links do not spend it) lifts the wait for this
// browser and remembers it as a known device.

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const valid = await unlockLinkIsValid(context.db, params.token ?? '');
  return data({ valid, title: serverT(requestLanguage(request), 'staff')('unlock.title') }, { status: valid ? 200 : 410 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context.config);
  const userId = await spendUnlockLink(context.db, params.token ?? '', { ip: context.clientIp, userAgent: request.headers.get('user-agent'), requestId: context.requestId });
  if (userId === null) return data({ valid: false, title: serverT(requestLanguage(request), 'staff')('unlock.title') }, { status: 410 });
  throw redirect('/staff/login?notice=unlocked', { headers: { 'Set-Cookie': rememberDevice(request, context.config, userId) } });
}

export default function Unlock() {
  const { t } = useT();
  const { valid } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t('staff:unlock.title')}</h1>
      {valid ? (
        <>
          <p>{t('staff:unlock.lead')}</p>
          <Form method="post">
            <button type="submit" className="button button--primary">{t('staff:unlock.submit')}</button>
          </Form>
        </>
      ) : <FormMessage kind="error">{t('staff:setPassword.invalidLink')}</FormMessage>}
      <p><Link to="/staff/login">{t('staff:forgot.back')}</Link></p>
    </>
  );
}
