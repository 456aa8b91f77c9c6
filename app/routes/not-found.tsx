import type { LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { redactPath } from '~/security/redact-path';

// Every URL no other route claims. Without this route Remix answers an unknown URL before any
// loader runs, so the root's language (cookie, Accept-Language) is unknown and the 404 page is
// always Japanese; thrown from here, the root loader has run and the page speaks the reader's
// language. The root route's ErrorBoundary draws it.
export const handle = { access: 'public' } satisfies { access: RouteAccess };

export function loader({ request, context }: LoaderFunctionArgs): never {
  // A thrown Response never reaches handleError: say here that nobody has this page, as
  // information (a probe for /wp-admin is not a fault of ours), with secret tokens hidden.
  context.logger?.info({ status: 404, method: request.method, path: redactPath(new URL(request.url).pathname) }, 'not found');
  throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
}

export default function NotFound() {
  return null;
}
