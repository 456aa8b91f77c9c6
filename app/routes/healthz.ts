import type { LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

/** Liveness and database reachability for load balancers: 200 when both answer, else 503. */
export async function loader({ context }: LoaderFunctionArgs) {
  const started = Date.now();
  try {
    await context.pingDatabase();
    return Response.json(
      { status: 'ok', database: { driver: context.dbDriver, status: 'ok', ms: Date.now() - started } },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    context.logger.warn({ err: error }, 'health check: database unreachable');
    return Response.json(
      { status: 'error', database: { driver: context.dbDriver, status: 'unreachable' } },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}
