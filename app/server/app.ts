import { randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { type Request, type Response, type NextFunction } from 'express';
import compression from 'compression';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import type { ViteDevServer } from 'vite';
import type { DatabaseHandle } from '#db/client';
import type { Config } from '~/config.server';
import type { Logger } from '~/logger.server';
import type { AppContext } from '~/context';
import { allowedOrigins, csrfRefusalPage, isAcceptableOrigin, judgeOriginHeaders } from '~/security/csrf.server';
import { newCspNonce, securityHeaders } from '~/security/headers.server';
import { mapImageOrigins } from '~/domain/map-settings';
import { withDatabaseUnavailablePages } from './database-unavailable.server';

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

function isStaffPath(path: string): boolean {
  return path === '/staff' || path.startsWith('/staff/') || path.startsWith('/staff.');
}

/** Secret link tokens never reach the logs. */
export function redactPath(path: string): string {
  return path.replace(/^(\/staff\/(?:reset-password|invitation)\/|\/track\/)[^/]+/, '$1[token]');
}

/** The HTTP application: static files, request ids and logs, then Remix with the app context. */
export function createApp({ database, config, logger, getBuild, viteDevServer }: AppOptions) {
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
    if (isStaffPath(req.path)) res.setHeader('Cache-Control', 'no-store');
    next();
  });

  // CSRF: a backoffice POST must come from our own origin (app/security/csrf.server.ts).
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isStaffPath(req.path)) return next();
    const verdict = judgeOriginHeaders(
      { origin: req.get('origin') ?? null, secFetchSite: req.get('sec-fetch-site') ?? null },
      allowedOrigins(config, req.get('host') ? `${req.protocol}://${req.get('host')}` : null),
    );
    if (isAcceptableOrigin(req.method, verdict)) return next();
    logger.warn({ requestId: res.locals.requestId, path: req.path, origin: req.get('origin'), site: req.get('sec-fetch-site') }, 'cross-origin backoffice request refused');
    res.status(403).type('html').send(csrfRefusalPage(req.get('cookie') ?? null));
  });

  if (viteDevServer) {
    app.use(viteDevServer.middlewares);
  } else {
    const client = path.resolve(config.BUILD_DIR, 'client');
    app.use('/assets', express.static(path.join(client, 'assets'), { immutable: true, maxAge: '1y' }));
    app.use(express.static(client, { maxAge: '1h' }));
  }

  app.all(
    '*',
    createRequestHandler({
      build: typeof getBuild === 'function' ? async () => withDatabaseUnavailablePages(await getBuild()) : withDatabaseUnavailablePages(getBuild),
      mode: config.NODE_ENV === 'production' ? 'production' : 'development',
      getLoadContext: (req, res): AppContext => ({
        db: database.db,
        dbDriver: database.driver,
        pingDatabase: database.ping,
        config,
        logger: logger.child({ requestId: res.locals.requestId as string }),
        requestId: res.locals.requestId as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        cspNonce: res.locals.cspNonce as string,
      }),
    }),
  );
  return app;
}
