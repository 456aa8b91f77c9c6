import type { Database } from '#db/client';
import type { Config } from '~/config.server';
import type { Logger } from '~/logger.server';

/** What the server hands every loader and action: routes never open their own connections. */
export type AppContext = {
  db: Database;
  dbDriver: 'postgres' | 'pglite';
  pingDatabase(): Promise<void>;
  config: Config;
  logger: Logger;
  requestId: string;
  clientIp: string;
  /** This response's Content-Security-Policy nonce, for the inline scripts Remix writes. */
  cspNonce: string;
};

declare module '@remix-run/server-runtime' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmenting Remix's context type
  interface AppLoadContext extends AppContext {}
}
