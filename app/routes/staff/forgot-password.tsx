import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { z } from 'zod';
import { requestPasswordReset } from '~/auth/accounts.server';
import type { RouteAccess } from '~/auth/route-access';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { assertSameOrigin } from '~/security/csrf.server';
import { FormMessage, TextField, useZodForm } from './ui/form';
import { emailField, parseForm } from './ui/form-schema';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const forgotSchema = z.object({ email: emailField });

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export function loader({ request }: LoaderFunctionArgs) {
  return { title: serverT(requestLanguage(request), 'staff')('forgot.title') };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context.config);
  const parsed = parseForm(forgotSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, sent: false }, { status: 400 });
  await requestPasswordReset(context.db, {
    email: parsed.data.email,
    appUrl: context.config.APP_URL,
    actor: { userId: null, ip: context.clientIp, userAgent: request.headers.get('user-agent'), requestId: context.requestId },
  });
  // The same answer whether or not the address has an account.
  return { errors: null, sent: true };
}

export default function ForgotPassword() {
  const { t } = useT();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(forgotSchema, actionData?.errors);
  return (
    <>
      <h1>{t('staff:forgot.title')}</h1>
      {actionData?.sent ? (
        <FormMessage kind="success">{t('staff:forgot.sent')}</FormMessage>
      ) : (
        <>
          <p>{t('staff:forgot.lead')}</p>
          <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
            <TextField form={form} name="email" type="email" label={t('staff:login.email')} autoComplete="username" required spellCheck={false} />
            <button type="submit" className="button button--primary">{t('staff:forgot.submit')}</button>
          </Form>
        </>
      )}
      <p><Link to="/staff/login">{t('staff:forgot.back')}</Link></p>
    </>
  );
}
