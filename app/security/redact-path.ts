import { routerPath } from './request-paths';

/**
 * A path fit for logs: secret tokens in links (reset, invitation, unlock, tracking, stop) are
 * replaced, in any spelling the router accepts (case, percent-encoding).
 */
export function redactPath(path: string): string {
  const seen = routerPath(path);
  const secret = /^(\/(?:track|staff\/(?:reset-password|invitation|unlock)|mail\/stop)\/)[^/?#]+/.exec(seen);
  return secret ? `${secret[1]}[token]${seen.slice(secret[0].length)}` : path;
}
