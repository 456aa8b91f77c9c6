import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { LANGUAGE_COOKIE } from '~/i18n/i18n';
import { supportedLanguages } from '~/i18n/resources.server';
import { safeRedirectPath } from '~/utils/safe-redirect';
import type { RouteAccess } from '~/auth/route-access';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

const languageForm = z.object({ language: z.string(), redirectTo: z.string().optional() });

/** Switches the display language and remembers it for a year; works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = languageForm.safeParse(Object.fromEntries(await request.formData()));
  const language = parsed.success && supportedLanguages().includes(parsed.data.language) ? parsed.data.language : 'ja';
  const to = safeRedirectPath(parsed.success ? parsed.data.redirectTo : undefined, '/');
  return redirect(to, {
    headers: { 'Set-Cookie': `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}

export function loader() {
  return redirect('/');
}
