import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { addServerTranslations } from '~/i18n/resources.server';
import { NonceProvider } from '~/security/nonce';
import { redactPath } from '~/security/redact-path';
import { isStaffPath } from '~/security/request-paths';
import { deferEnhancement } from '~/document/defer-enhancement';

// The server renders pages (and their meta titles) from every translation file; the browser
// fetches only the files a page links (app/root.tsx).
addServerTranslations();

const ABORT_DELAY = 5_000;

export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The CSP nonce of this response (app/server/app.ts): on Remix's and React's inline scripts.
  const nonce = loadContext.cspNonce ?? '';
  // The whole document is rendered, then sent in one piece. No page defers data (every
  // loader's data is there before rendering starts), so streaming the shell first would
  // gain no time, and the complete document is cheaper to send than a stream of small
  // chunks. Bots, no-JS clients and browsers get the same bytes.
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const document = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      final(callback) {
        clearTimeout(timer);
        const drawn = withoutNulBytes(Buffer.concat(chunks));
        // Resident pages paint before their JavaScript is fetched (app/document/defer-enhancement.ts).
        const body = isStaffPath(new URL(request.url).pathname) ? drawn : Buffer.from(deferEnhancement(drawn.toString('utf8')));
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
        responseHeaders.set('Content-Length', String(body.length));
        resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
        callback();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(document);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) loadContext.logger?.error({ err: error }, 'render error');
        },
      },
    );
    // (React calls back only after this line: it starts rendering on the next turn.)
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }) {
  if (request.signal.aborted) return;
  const path = redactPath(new URL(request.url).pathname);
  // A page nobody has (404) or a request the app refused (4xx) is the client's doing, not a
  // fault of ours: logged as information, so errors in the log stay worth waking up for.
  if (isRouteErrorResponse(error) && error.status < 500) {
    context.logger?.info({ status: error.status, method: request.method, path }, error.status === 404 ? 'not found' : 'request refused');
    return;
  }
  context.logger?.error({ err: error, method: request.method, path }, 'unhandled error');
}

/**
 * React 18's streaming renderer can leave NUL bytes in its output around multi-byte text
 * (facebook/react#24985-style buffer reuse; Japanese pages hit it). A NUL byte never belongs
 * in HTML, and a UTF-8 character never contains one, so they are dropped on the way out.
 */
export function withoutNulBytes(html: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  let nul = html.indexOf(0);
  if (nul < 0) return html;
  const parts: Buffer<ArrayBuffer>[] = [];
  let start = 0;
  while (nul >= 0) {
    parts.push(html.subarray(start, nul));
    start = nul + 1;
    nul = html.indexOf(0, start);
  }
  parts.push(html.subarray(start));
  return Buffer.concat(parts);
}
