import { data, redirect } from '@remix-run/node';
import type { Database } from '#db/client';
import { setPasswordWithToken } from '~/auth/accounts.server';
import { parseForm } from './form-schema';
import { setPasswordSchema } from './set-password-schema';

export async function setPasswordAction(
  request: Request,
  context: { db: Database; clientIp: string; requestId: string },
  token: string,
  purpose: 'invite' | 'password_reset',
) {
  const parsed = parseForm(setPasswordSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null }, { status: 400 });
  const outcome = await setPasswordWithToken(context.db, {
    token, purpose, password: parsed.data.password,
    actor: { ip: context.clientIp, userAgent: request.headers.get('user-agent'), requestId: context.requestId },
  });
  if (outcome.ok) throw redirect('/staff/login?notice=passwordSet');
  if (outcome.reason === 'invalidLink') return data({ errors: null, formError: 'staff:setPassword.invalidLink' }, { status: 410 });
  return data({ errors: { password: `staff:password.${outcome.reason}` }, formError: null }, { status: 400 });
}

