import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from 'express';
import {
  createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild,
} from '@remix-run/node';
import { limitedBody } from '~/security/body-limit.server';
import { isSafeMethod } from '~/security/csrf.server';

// Hands a request to Remix (in place of @remix-run/express's adapter, which it follows), for
// three things the adapter cannot do:
// - the body Remix reads is counted as it arrives and cut off at the path's limit, which answers
//   413 at once (app/security/body-limit.server.ts);
// - the request's address is the one the browser used: the forwarded host only with TRUST_PROXY,
//   and a post our CSRF policy accepted reaches Remix with that origin, so Remix's own origin
//   check (a bare 500 when Origin is `null` or Host was rewritten by a proxy) agrees with ours;
// - an answer sent before the whole body arrived closes the connection, so the rest is never read.

export interface RemixHandlerOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  trustProxy: boolean;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
  bodyLimit: (req: ExpressRequest) => number;
  /** Answers 413 (the body passed `limit`); called at most once, before Remix has answered. */
  onBodyTooLarge: (req: ExpressRequest, res: ExpressResponse, limit: number) => void;
}

/** The host the browser addressed: X-Forwarded-Host only behind a trusted proxy, else Host. */
function requestHost(req: ExpressRequest, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? req.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  return forwarded || req.get('host') || undefined;
}

/** The origin the browser addressed (scheme from X-Forwarded-Proto only behind a trusted proxy). */
export function requestOrigin(req: ExpressRequest, trustProxy: boolean): string | null {
  const host = requestHost(req, trustProxy);
  if (!host) return null;
  try {
    return new URL(`${req.protocol}://${host}`).origin;
  } catch {
    return null;
  }
}

function remixHeaders(req: ExpressRequest, url: URL, originChecked: boolean): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headers)) {
    if (values === undefined || name === 'x-forwarded-host') continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(name, value);
  }
  headers.set('host', url.host);
  // Our policy judged this post (csrfDecision in app/security/csrf.server.ts): Remix sees the
  // request's own origin, instead of comparing a `null` or proxied Origin with Host and failing.
  if (originChecked && !isSafeMethod(req.method)) headers.set('origin', url.origin);
  return headers;
}

export function createRemixHandler(options: RemixHandlerOptions) {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const host = requestHost(req, options.trustProxy);
    let url: URL;
    try {
      url = new URL(`${req.protocol}://${host}${req.originalUrl}`);
    } catch {
      res.status(400).type('text').send('Bad Request');
      return;
    }
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const init: RequestInit & { duplex?: 'half' } = {
      method: req.method,
      headers: remixHeaders(req, url, res.locals.originChecked === true),
      signal: controller.signal,
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const limit = options.bodyLimit(req);
      init.body = createReadableStreamFromReadable(limitedBody(req, limit, () => {
        controller.abort();
        if (!res.headersSent) options.onBodyTooLarge(req, res, limit);
      }));
      init.duplex = 'half';
    }
    try {
      const response = await handle(new Request(url.href, init), options.getLoadContext(req, res));
      if (res.headersSent) {
        // Already answered (413): Remix's answer to the cut-off body is dropped.
        await response.body?.cancel().catch(() => {});
        return;
      }
      await sendRemixResponse(req, res, response);
    } catch (error) {
      if (res.headersSent) return;
      next(error);
    }
  };
}

async function sendRemixResponse(req: ExpressRequest, res: ExpressResponse, response: globalThis.Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) {
    // A route's own header replaces the Express layer's default (Referrer-Policy); cookies and
    // cache directives add up (a backoffice page stays no-store whatever the route adds).
    if (name === 'set-cookie' || name === 'cache-control') res.append(name, value);
    else res.setHeader(name, value);
  }
  // Answered before the whole body arrived (an early refusal): close rather than read the rest.
  if (!req.complete) res.setHeader('Connection', 'close');
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
