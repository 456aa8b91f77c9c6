import type { LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

// A load balancer must hear "down" quickly: a ping that has not answered within this is a 503.
const PING_DEADLINE_MS = 800;

/** Liveness and database reachability for load balancers: 200 when both answer, else 503 (within a second). */
export async function loader({ context }: LoaderFunctionArgs) {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      context.pingDatabase(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${PING_DEADLINE_MS} ms`)), PING_DEADLINE_MS); }),
    ]);
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
  } finally {
    clearTimeout(timer);
  }
}
