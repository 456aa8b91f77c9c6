import type { ServerBuild } from '@remix-run/node';

// When the database cannot be reached (server stopped, restarting, connection dropped or
// refused), a page answers 503 with the "try again in a moment" message of the root error
// boundary, instead of a 500. Every loader and action of the build is wrapped once: a thrown
// database-unavailable error becomes a thrown 503 response with Retry-After, which Remix
// renders (and serialises for the browser) like any other route error response.

// postgres.js connection errors, Node socket errors, and SQLSTATEs that mean "not now":
// class 08 (connection exception), 57P01-57P03 (shutdown, crash, starting up), 53300 (too many connections).
const UNAVAILABLE_CODES = new Set([
  'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH',
  '57P01', '57P02', '57P03', '53300',
]);

const RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  }
  return false;
}

// The client's mistakes that only surface deep down: a body that cannot be read as a form, and
// text PostgreSQL cannot store (U+0000: SQLSTATE 22021, 22P05). They answer 400, not 500.
const FORM_PARSE_ERROR = /FormData|Content-Type was not one of|multipart|boundary/i;

function isUnreadableInput(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (code === '22021' || code === '22P05') return true;
    if (e instanceof TypeError && FORM_PARSE_ERROR.test(e.message)) return true;
  }
  return false;
}

type Handler = (...args: never[]) => unknown;

function wrap<T extends Handler | undefined>(handler: T): T {
  if (!handler) return handler;
  const wrapped = async (...args: Parameters<NonNullable<T>>) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        throw new Response('Service Unavailable', { status: 503, statusText: 'Service Unavailable', headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' } });
      }
      if (isUnreadableInput(error)) throw new Response('Bad Request', { status: 400, statusText: 'Bad Request' });
      throw error;
    }
  };
  return wrapped as unknown as T;
}

const wrappedBuilds = new WeakMap<ServerBuild, ServerBuild>();

/** The same build, with every loader and action answering 503 while the database is unreachable. */
export function withDatabaseUnavailablePages(build: ServerBuild): ServerBuild {
  let wrapped = wrappedBuilds.get(build);
  if (!wrapped) {
    const routes = Object.fromEntries(Object.entries(build.routes).map(([id, route]) => [id, {
      ...route,
      module: { ...route.module, loader: wrap(route.module.loader), action: wrap(route.module.action) },
    }])) as ServerBuild['routes'];
    wrapped = { ...build, routes };
    wrappedBuilds.set(build, wrapped);
  }
  return wrapped;
}
