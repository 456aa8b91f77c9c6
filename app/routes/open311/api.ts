import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { DEFAULT_LANGUAGE } from '~/i18n/i18n';
import { serverT, supportedLanguages } from '~/i18n/resources.server';
import { getCityInfo } from '~/domain/city.server';
import { authenticateApiKey } from '~/open311/api-keys.server';
import { isoJapan, open311Errors, open311Response, toXml, type Open311Format, type XmlValue } from '~/open311/format';
import { createRequest, listRequests, listServices, resolveToken, serviceDefinition } from '~/open311/georeport.server';
import { describeIssues, listRequestParams, postRequestParams } from '~/open311/params';
import { consumeLimit } from '~/security/rate-limit.server';
import { cleanPhotos } from '~/domain/photo-intake.server';
import type { CleanPhoto } from '~/domain/photos.server';
import { photosField } from '~/domain/voice-form';
import { photoStorageFor } from '~/storage/photo-storage.server';
import { readSendForm, RequestTooLargeError, type UploadedPhoto } from '../public/send-upload.server';

// Open311 GeoReport v2 at /open311/v2/…{.json|.xml}. Reading is open to all; sending needs an
// api_key. Each client (or, for anonymous reads, each IP) has its own rate limit.
export const handle = { access: 'public' } satisfies { access: RouteAccess };

const READ_LIMIT = { keyPrefix: 'open311-read', points: 120, durationSeconds: 60 };
const WRITE_LIMIT = { keyPrefix: 'open311-write', points: 30, durationSeconds: 60 };
const XML_LISTS = { services: 'service', attributes: 'attribute', values: 'value', service_requests: 'request', endpoints: 'endpoint', formats: 'format' };

function parsePath(splat: string | undefined): { parts: string[]; format: Open311Format } | null {
  const match = splat?.match(/^(.+)\.(json|xml)$/);
  if (!match) return null;
  // Remix has already decoded the path: decoding again would throw on a literal '%'.
  return { parts: match[1]!.split('/'), format: match[2] as Open311Format };
}

/** The answer's language: `locale` when it names an installed language, else Japanese. */
function language(url: URL): string {
  const locale = url.searchParams.get('locale') ?? '';
  return supportedLanguages().includes(locale) ? locale : DEFAULT_LANGUAGE;
}

async function limited(context: LoaderFunctionArgs['context'], rule: typeof READ_LIMIT, key: string, format: Open311Format) {
  const result = await consumeLimit(context.db, rule, key);
  return result.allowed ? null : open311Errors(format, 429, [{ code: 429, description: 'rate limit exceeded; try again later' }], { 'Retry-After': String(result.retryAfterSeconds) });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const path = parsePath(params['*']);
  if (!path) return open311Errors('xml', 404, [{ code: 404, description: 'unknown endpoint; add .json or .xml' }]);
  const { parts, format } = path;
  const url = new URL(request.url);
  const lang = language(url);
  const t = serverT(lang, 'open311');
  const apiKey = url.searchParams.get('api_key');
  const client = apiKey ? await authenticateApiKey(context.db, apiKey) : null;
  if (apiKey && !client) return open311Errors(format, 403, [{ code: 403, description: 'api_key is invalid or revoked' }]);
  const tooMany = await limited(context, READ_LIMIT, client ? `client:${client.id}` : `ip:${context.clientIp}`, format);
  if (tooMany) return tooMany;

  const [head, id, ...rest] = parts;
  if (rest.length > 0) return open311Errors(format, 404, [{ code: 404, description: 'unknown endpoint' }]);
  if (head === 'discovery' && !id) {
    const base = `${context.config.APP_URL}/open311/v2`;
    const body = {
      changeset: isoJapan(new Date('2026-11-21T00:00:00Z')),
      contact: t('contact', { city: (await getCityInfo(context.db, lang)).name }),
      key_service: t('keyService'),
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: base, changeset: isoJapan(new Date('2026-11-21T00:00:00Z')), type: 'production', formats: ['text/xml', 'application/json'] }],
    };
    return open311Response(format, body, () => toXml('discovery', body as unknown as XmlValue, XML_LISTS));
  }
  if (head === 'services') {
    if (!id) {
      const services = await listServices(context.db, t, lang);
      return open311Response(format, services, () => toXml('services', services as unknown as XmlValue, XML_LISTS));
    }
    const definition = await serviceDefinition(context.db, id, t);
    if (!definition) return open311Errors(format, 404, [{ code: 404, description: `service_code ${id} not found` }]);
    return open311Response(format, definition, () => toXml('service_definition', definition as unknown as XmlValue, XML_LISTS));
  }
  if (head === 'requests') {
    const query = Object.fromEntries(url.searchParams);
    const parsed = listRequestParams.safeParse(id ? { service_request_id: id } : query);
    if (!parsed.success) return open311Errors(format, 400, describeIssues(parsed.error).map((description) => ({ code: 400, description })));
    const requests = await listRequests(context.db, parsed.data, client, lang, context.config.APP_URL);
    if (id && requests.length === 0) return open311Errors(format, 404, [{ code: 404, description: `service_request_id ${id} not found` }]);
    return open311Response(format, requests, () => toXml('service_requests', requests as unknown as XmlValue, XML_LISTS));
  }
  if (head === 'tokens' && id) {
    const found = await resolveToken(context.db, id);
    if (!found) return open311Errors(format, 404, [{ code: 404, description: 'token not found' }]);
    return open311Response(format, found, () => toXml('service_requests', found as unknown as XmlValue, XML_LISTS));
  }
  return open311Errors(format, 404, [{ code: 404, description: 'unknown endpoint' }]);
}

/** The `media` part checked by the residents' photo rules and cleaned; messages in English, for developers. */
async function readMedia(media: UploadedPhoto[]): Promise<{ ok: true; photos: CleanPhoto[] } | { ok: false; description: string }> {
  if (media.length > 1) return { ok: false, description: 'media: send at most one file' };
  const t = serverT('en', 'citizen');
  const checked = photosField.safeParse(media);
  if (!checked.success) return { ok: false, description: `media: ${t(checked.error.issues[0]!.message)}` };
  const cleaned = await cleanPhotos(media.map((m) => m.bytes).filter((b): b is Uint8Array => b !== null));
  return cleaned.ok ? cleaned : { ok: false, description: `media: ${t(cleaned.error)}` };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const path = parsePath(params['*']);
  const format = path?.format ?? 'xml';
  if (!path || path.parts.join('/') !== 'requests') {
    return open311Errors(format, 405, [{ code: 405, description: 'only POST requests.{json|xml} accepts posts' }]);
  }
  let fields: Record<string, string>;
  let media: UploadedPhoto[] = [];
  try {
    const type = request.headers.get('content-type') ?? '';
    if (type.includes('multipart/form-data')) {
      // GeoReport v2 multipart: the fields, and at most one photo as the file part `media`.
      const form = await readSendForm(request, { photoField: 'media', maxPhotos: 1 });
      fields = form.fields;
      media = form.photos;
    } else {
      const form = type.includes('application/x-www-form-urlencoded') ? await request.formData() : new URLSearchParams(await request.text());
      fields = Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : '']));
    }
  } catch (error) {
    if (error instanceof RequestTooLargeError) return open311Errors(format, 413, [{ code: 413, description: 'the request body is too large (one media file of at most 10 MB)' }]);
    return open311Errors(format, 400, [{ code: 400, description: 'the request body could not be read as form fields' }]);
  }
  const client = await authenticateApiKey(context.db, fields.api_key);
  if (!client) return open311Errors(format, 403, [{ code: 403, description: 'api_key is invalid or missing' }]);
  const tooMany = await limited(context, WRITE_LIMIT, `client:${client.id}`, format);
  if (tooMany) return tooMany;
  const parsed = postRequestParams.safeParse(fields);
  if (!parsed.success) return open311Errors(format, 400, describeIssues(parsed.error).map((description) => ({ code: 400, description })));
  // The photo takes the residents' path: the same rules (type, size), the same cleaning.
  const photo = await readMedia(media);
  if (!photo.ok) return open311Errors(format, 400, [{ code: 400, description: photo.description }]);
  const t = serverT(parsed.data['attribute[language]'] ?? DEFAULT_LANGUAGE, 'open311');
  const idempotencyKey = request.headers.get('idempotency-key')?.slice(0, 200) || undefined;
  const result = await createRequest(context.db, parsed.data, client, t,
    idempotencyKey ? { idempotencyKey, keys: context.config.keys } : undefined,
    photo.photos.length > 0 ? { storage: photoStorageFor(context.config), photos: photo.photos } : undefined);
  if (!result.ok) return open311Errors(format, result.status, [{ code: result.status, description: result.description }]);
  const body = [{ service_request_id: result.serviceRequestId, token: result.token, service_notice: result.notice, account_id: parsed.data.account_id ?? null }];
  return open311Response(format, body, () => toXml('service_requests', body as unknown as XmlValue, XML_LISTS), 201);
}
