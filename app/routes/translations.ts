import type { LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { servedTranslationBody } from '~/i18n/resources.server';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

// A translation file the build does not hold (app/i18n/resources.server.ts): addressed by its
// content hash, so it is cached like the built ones and a changed file gets a new address.
export function loader({ params }: LoaderFunctionArgs) {
  const match = /^([a-z]+)\.([0-9a-f]{12})\.json$/.exec(params.file ?? '');
  const body = match && match[1] !== 'open311' ? servedTranslationBody(params.language ?? '', match[1]!, match[2]!) : null;
  if (body === null) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(body, {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' },
  });
}
