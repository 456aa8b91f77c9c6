import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { findValidToken } from '~/auth/user-tokens.server';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { assertSameOrigin } from '~/security/csrf.server';
import { SetPasswordPage } from './ui/set-password';
import { setPasswordAction } from './ui/set-password.server';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const valid = await findValidToken(context.db, params.token ?? '', 'invite');
  return { valid: !!valid, email: valid?.email ?? null, title: serverT(requestLanguage(request), 'staff')('invitation.title') };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context.config);
  return setPasswordAction(request, context, params.token ?? '', 'invite');
}

export default function AcceptInvitation() {
  return <SetPasswordPage titleKey="staff:invitation.title" leadKey="staff:invitation.lead" />;
}
