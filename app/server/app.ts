import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import path from 'node:path';
import { createRequestHandler } from '@remix-run/node';
import express, { type Request, type Response, type NextFunction } from 'express';
import compression from 'compression';
import type { ServerBuild } from '@remix-run/node';
import type { ViteDevServer } from 'vite';
import type { DatabaseHandle } from '#db/client';
import type { Config } from '~/config.server';
import type { Logger } from '~/logger.server';
import type { AppContext } from '~/context';
import { bodyLimitFor, declaredTooLarge, tooLargeAnswer } from '~/security/body-limit.server';
import { allowedOrigins, crossSiteRefusalPage, csrfDecision, judgeOriginHeaders } from '~/security/csrf.server';
import { newCspNonce, securityHeaders } from '~/security/headers.server';
import { isStaffPath, routerPath } from '~/security/request-paths';
import { mapImageOrigins } from '~/domain/map-settings';
import { withDatabaseUnavailablePages } from './database-unavailable.server';
import { redactPath } from '~/security/redact-path';
import { createRemixHandler, requestOrigin } from './remix-handler';
import { createDocumentCache } from './document-cache.server';

export interface AppOptions {
  database: DatabaseHandle;
  config: Config;
  logger: Logger;
  /**
   * The Remix server build: the object imported from build/ in production (Remix prepares it once),
   * a function asking Vite in development (it changes as files are saved).
   */
  getBuild: ServerBuild | (() => Promise<ServerBuild>);
  viteDevServer?: ViteDevServer;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A staff photo sets its own `private` caching (app/routes/staff/voice-photo.ts). */
function isStaffPhotoPath(path: string): boolean {
  return /^\/staff\/voices\/[^/]+\/photos\/[^/]+$/.test(routerPath(path));
}

/** Secret link tokens never reach the logs. */
export { redactPath };

/** An answer given in front of Remix to a request whose body is not read: the connection closes. */
function refuse(req: Request, res: Response, status: number, type: string, body: string) {
  req.pause();
  lingerBeforeClosing(req.socket);
  res.status(status).set('Connection', 'close').type(type).send(body);
}

/** How long a refused connection stays half-open for its client to read the answer. */
const LINGER_MS = 2000;

/**
 * Node closes a `Connection: close` socket as soon as the answer is written. With the client's
 * unread body still arriving, the kernel then answers with a reset, and a client that is busy
 * uploading (a phone sending photos) loses the 413 page it has not read yet and shows a
 * connection error instead. So the answer is followed by a FIN only, and the socket is destroyed
 * when the client closes or after LINGER_MS. The body stays unread (the request is paused), so
 * the client is held by TCP flow control meanwhile, not given a faster path to send more.
 */
function lingerBeforeClosing(socket: Request['socket']) {
  const closing = socket as typeof socket & { destroySoon?: () => void };
  closing.destroySoon = () => {
    if (socket.destroyed) return;
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
}

/**
 * The HTTP application: the send page from its template (app/server/document-cache.server.ts),
 * else Express: static files, request ids and logs, then Remix with the app context.
 */
export function createApp(options: AppOptions): RequestListener {
  const app = createExpressApp(options);
  if (options.viteDevServer) return app;
  const { database, config, logger } = options;
  const build = typeof options.getBuild === 'function' ? async () => withDatabaseUnavailablePages(await (options.getBuild as () => Promise<ServerBuild>)()) : withDatabaseUnavailablePages(options.getBuild);
  const remix = createRequestHandler(build, config.NODE_ENV === 'production' ? 'production' : 'development');
  const imageOrigins = mapImageOrigins(config);
  const serveCachedDocument = createDocumentCache({
    db: database.db,
    async render(url, cookie, nonce, requestId) {
      const headers = new Headers();
      if (cookie) headers.set('cookie', cookie);
      const response = await remix(new Request(url, { headers }), loadContext(options, { requestId, clientIp: 'document-cache', cspNonce: nonce }));
      return { status: response.status, headers: response.headers, html: await response.text() };
    },
    headersFor: (nonce) => securityHeaders({ nonce, production: config.NODE_ENV === 'production', devServer: false, imageOrigins }),
    origin: (req) => nodeRequestOrigin(req, config.TRUST_PROXY),
    log: (entry) => logger.info({ ...entry, method: 'GET', ms: Math.round(entry.ms * 10) / 10 }, 'request'),
  });
  return (req: IncomingMessage, res: ServerResponse) => serveCachedDocument(req, res, () => app(req, res));
}

/** The origin a plain node request addressed (as requestOrigin does for Express's). */
function nodeRequestOrigin(req: IncomingMessage, trustProxy: boolean): string | null {
  const header = (name: string) => {
    const value = req.headers[name];
    return (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  };
  const host = (trustProxy ? header('x-forwarded-host') : undefined) || header('host');
  const scheme = (trustProxy ? header('x-forwarded-proto') : undefined) || ('encrypted' in req.socket ? 'https' : 'http');
  if (!host || !/^[A-Za-z0-9.:[\]-]+$/.test(host) || (scheme !== 'http' && scheme !== 'https')) return null;
  return `${scheme}://${host}`;
}

function loadContext({ database, config, logger }: AppOptions, request: { requestId: string; clientIp: string; cspNonce: string }): AppContext {
  return {
    db: database.db,
    dbDriver: database.driver,
    pingDatabase: database.ping,
    config,
    logger: logger.child({ requestId: request.requestId }),
    ...request,
  };
}

function createExpressApp(options: AppOptions) {
  const { config, logger, getBuild, viteDevServer } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(compression());

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ requestId, method: req.method, path: redactPath(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  });

  // Security headers on every response, static files included; a fresh CSP nonce per request.
  const imageOrigins = mapImageOrigins(config);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const nonce = newCspNonce();
    res.locals.cspNonce = nonce;
    const headers = securityHeaders({ nonce, production: config.NODE_ENV === 'production', devServer: !!viteDevServer, imageOrigins });
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // Backoffice pages show residents' personal data: never kept in a browser or proxy cache.
    // (Photos set their own `private` caching: app/routes/staff/voice-photo.ts.)
    if (isStaffPath(req.path) && !isStaffPhotoPath(req.path)) res.setHeader('Cache-Control', 'no-store');
    next();
  });

  // CSRF, one policy for every path (app/security/csrf.server.ts, docs/decisions/security-csrf-origin-check.md):
  // refused here, before anything reads the body, with a page in the reader's language.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const verdict = judgeOriginHeaders(
      { origin: req.get('origin') ?? null, secFetchSite: req.get('sec-fetch-site') ?? null },
      allowedOrigins(config, requestOrigin(req, config.TRUST_PROXY)),
    );
    if (csrfDecision(req.method, req.path, verdict) === 'accept') {
      res.locals.originChecked = true;
      return next();
    }
    logger.warn({ requestId: res.locals.requestId, path: redactPath(req.path), origin: req.get('origin'), site: req.get('sec-fetch-site') }, 'cross-origin post refused');
    refuse(req, res, 403, 'html', crossSiteRefusalPage(req.path, req.get('cookie') ?? null));
  });

  // Request bodies: a declared length over the path's limit is refused unread; the bytes of
  // every other body are counted as Remix reads them (createRemixHandler).
  app.use((req: Request, res: Response, next: NextFunction) => {
    const limit = bodyLimitFor(req.path, req.get('content-type'));
    if (!declaredTooLarge(req.get('content-length'), limit)) return next();
    const answer = tooLargeAnswer(req.path, req.get('cookie') ?? null, limit);
    refuse(req, res, 413, answer.type, answer.body);
  });

  if (viteDevServer) {
    app.use(viteDevServer.middlewares);
  } else {
    const client = path.resolve(config.BUILD_DIR, 'client');
    app.use('/assets', express.static(path.join(client, 'assets'), { immutable: true, maxAge: '1y' }));
    // Every file at the top of the client build has an extension (favicon.ico, robots.txt…) and no
    // page's address has one: a page request skips the file lookup that would fail.
    const topLevelFiles = express.static(client, { maxAge: '1h' });
    app.use((req: Request, res: Response, next: NextFunction) => (path.extname(req.path) ? topLevelFiles(req, res, next) : next()));
  }

  app.all(
    '*',
    createRemixHandler({
      build: typeof getBuild === 'function' ? async () => withDatabaseUnavailablePages(await getBuild()) : withDatabaseUnavailablePages(getBuild),
      mode: config.NODE_ENV === 'production' ? 'production' : 'development',
      trustProxy: config.TRUST_PROXY,
      bodyLimit: (req) => bodyLimitFor(req.path, req.get('content-type')),
      onBodyTooLarge: (req, res, limit) => {
        const answer = tooLargeAnswer(req.path, req.get('cookie') ?? null, limit);
        logger.warn({ requestId: res.locals.requestId, path: redactPath(req.path), limit }, 'request body over its limit refused');
        refuse(req, res, 413, answer.type, answer.body);
      },
      getLoadContext: (req, res): AppContext => loadContext(options, {
        requestId: res.locals.requestId as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        cspNonce: res.locals.cspNonce as string,
      }),
    }),
  );
  return app;
}
