import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { LANGUAGE_COOKIE } from '~/i18n/i18n';
import { newCspNonce } from '~/security/headers.server';
import { newIdempotencyKey } from '~/domain/tracking-token.server';
import { readCacheGeneration } from '~/utils/read-cache.server';

// The send form is the page residents open most, and its HTML differs between two views only by
// the CSP nonce and the form's idempotency key. So it is rendered by Remix once per language (and
// host), then answered from that template with a fresh nonce and key per view, in front of Express
// and Remix (no route matching, no React render, no static-file lookup). The template lives as
// long as the read cache it was rendered from (TTL_MS; an edit through this process forgets it
// at once) and never outlives the process, so a deployment always renders its own.
// docs/decisions/document-cache.md.

const DOCUMENT_CACHE_PATHS: ReadonlySet<string> = new Set(['/send']);
const TTL_MS = 10_000;

type Slot = 'nonce' | 'idempotencyKey';

export interface DocumentTemplate {
  parts: string[];
  slots: Slot[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Splits a rendered page at every occurrence of its nonce and idempotency key. Null when the
 * page does not carry exactly the values it was rendered with (it could not be refilled safely).
 */
function documentTemplate(html: string, nonce: string): DocumentTemplate | null {
  const key = html.match(/name="idempotencyKey" value="([A-Za-z0-9_-]{43})"/)?.[1];
  if (!key || !html.includes(`nonce="${nonce}"`)) return null;
  const parts: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  for (const match of html.matchAll(new RegExp(`${escapeRegExp(nonce)}|${escapeRegExp(key)}`, 'g'))) {
    parts.push(html.slice(last, match.index));
    slots.push(match[0] === nonce ? 'nonce' : 'idempotencyKey');
    last = match.index! + match[0].length;
  }
  parts.push(html.slice(last));
  return { parts, slots };
}

function fillTemplate(template: DocumentTemplate, values: Record<Slot, string>): string {
  let html = template.parts[0]!;
  for (let i = 0; i < template.slots.length; i += 1) html += values[template.slots[i]!] + template.parts[i + 1]!;
  return html;
}

/** Only the language cookie (or none): any other cookie (a staff session) may change the page. */
function cacheableCookies(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return true;
  return cookieHeader.split(';').every((pair) => {
    const name = pair.slice(0, pair.indexOf('=')).trim();
    return name === LANGUAGE_COOKIE || name === '';
  });
}

export interface RenderedDocument {
  status: number;
  headers: Headers;
  html: string;
}

export interface DocumentCacheOptions {
  db: object;
  /** Renders `path` through Remix for a request with these cookies, with the given nonce. */
  render(url: string, cookie: string | undefined, nonce: string, requestId: string): Promise<RenderedDocument>;
  /** The security headers of a response with this nonce (the same as every other response). */
  headersFor(nonce: string): Record<string, string>;
  origin(req: IncomingMessage): string | null;
  log(entry: { requestId: string; path: string; status: number; ms: number; cache: 'hit' | 'miss' }): void;
}

interface Entry {
  template: DocumentTemplate;
  headers: [string, string][];
  expires: number;
  generation: number;
}

const languageOf = (cookie: string | undefined) => cookie?.match(new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=([a-zA-Z-]{2,10})`))?.[1] ?? '';

/** Returns a handler that answers a request (true) or leaves it to the app (false). */
export function createDocumentCache(options: DocumentCacheOptions) {
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry | RenderedDocument>>();

  async function renderEntry(url: string, cookie: string | undefined, requestId: string): Promise<Entry | RenderedDocument> {
    const nonce = newCspNonce();
    const generation = readCacheGeneration(options.db);
    const rendered = await options.render(url, cookie, nonce, requestId);
    const template = rendered.status === 200 && !rendered.headers.has('set-cookie') ? documentTemplate(rendered.html, nonce) : null;
    if (!template) return { ...rendered, headers: new Headers([...rendered.headers, ...Object.entries(options.headersFor(nonce))]) };
    const headers = [...rendered.headers].filter(([name]) => name !== 'content-length' && name !== 'content-encoding');
    return { template, headers, expires: Date.now() + TTL_MS, generation };
  }

  function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Iterable<[string, string]>, html: string) {
    const body = Buffer.from(html);
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    for (const [name, value] of headers) res.setHeader(name, value);
    res.setHeader('Vary', 'Accept-Encoding');
    const sent = gzip ? gzipSync(body, { level: 4 }) : body;
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', sent.length);
    res.writeHead(status);
    res.end(sent);
  }

  /** Answers from the template, or hands the request to `next` (the app) when it cannot. */
  return function serveCachedDocument(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const path = req.url;
    const origin = req.method === 'GET' && path && DOCUMENT_CACHE_PATHS.has(path) && cacheableCookies(req.headers.cookie) ? options.origin(req) : null;
    if (!path || !origin) return next();
    const started = performance.now();
    const requestId = randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const cacheKey = `${origin}${path}|${languageOf(req.headers.cookie)}`;
    const hit = entries.get(cacheKey);
    const fresh = hit && hit.expires > Date.now() && hit.generation === readCacheGeneration(options.db) ? hit : undefined;
    const answer = (entry: Entry, cache: 'hit' | 'miss') => {
      const nonce = newCspNonce();
      const html = fillTemplate(entry.template, { nonce, idempotencyKey: newIdempotencyKey() });
      res.setHeader('Server-Timing', `doc;desc=${cache}`);
      send(req, res, 200, [...entry.headers, ...Object.entries(options.headersFor(nonce))], html);
      options.log({ requestId, path, status: 200, ms: performance.now() - started, cache });
    };
    if (fresh) return answer(fresh, 'hit');
    let render = pending.get(cacheKey);
    const renders = !render;
    if (!render) {
      render = renderEntry(`${origin}${path}`, req.headers.cookie, requestId).finally(() => pending.delete(cacheKey));
      pending.set(cacheKey, render);
    }
    render.then((result) => {
      if ('template' in result) {
        entries.set(cacheKey, result);
        answer(result, 'miss');
      } else if (renders) {
        // Not a page to keep (the database is away: the 503 page): the answer of this request only;
        // the requests that waited for it get their own render from the app.
        send(req, res, result.status, result.headers, result.html);
        options.log({ requestId, path, status: result.status, ms: performance.now() - started, cache: 'miss' });
      } else next();
    }, () => next());
  };
}
