import type { LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';

// Every URL no other route claims. Without this route Remix answers an unknown URL before any
// loader runs, so the root's language (cookie, Accept-Language) is unknown and the 404 page is
// always Japanese; thrown from here, the root loader has run and the page speaks the reader's
// language. The root route's ErrorBoundary draws it.
export const handle = { access: 'public' } satisfies { access: RouteAccess };

export function loader(_: LoaderFunctionArgs): never {
  throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
}

export default function NotFound() {
  return null;
}
