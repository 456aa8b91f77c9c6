import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { EmergencyNotice } from '~/components/public/city-contact';
import { pageTitle } from '~/components/public/meta';
import { VoiceFormView, type VoiceFormValues } from '~/components/public/voice-form';
import { mapSettingsFrom } from '~/domain/map-settings';
import { isIdempotencyKey, newIdempotencyKey } from '~/domain/tracking-token.server';
import { fieldErrors, voiceFormSchema } from '~/domain/voice-form';
import { useT } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/resources.server';
import { listCategories } from '~/models/public-catalog.server';
import { citizenLimits } from '~/security/public-limits.server';
import { cachedRead } from '~/utils/read-cache.server';
import { receiveWebVoice } from '~/domain/web-voice.server';
import { consumeLimit } from '~/security/rate-limit.server';
import { photoStorageFor } from '~/storage/photo-storage.server';
import { readSendForm, RequestTooLargeError, type SendFormData } from './send-upload.server';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ matches }) => [{ title: pageTitle(matches, 'citizen:send.title') }];

// The page carries a fresh idempotency key: never cache it, and pass Retry-After on.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  const retryAfter = actionHeaders.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = requestLanguage(request);
  return {
    idempotencyKey: newIdempotencyKey(),
    map: mapSettingsFrom(context.config),
    // Changes only when an administrator edits a category (which forgets it at once).
    categories: await cachedRead(context.db, `categories:${language}`, () => listCategories(context.db, language)),
  };
}

// Text fields a resident typed, sent back so that a refused form (without JavaScript) keeps them.
const ECHOED = ['kind', 'categoryId', 'title', 'body', 'placeText', 'postcode', 'latitude', 'longitude', 'contactMode', 'familyName', 'givenName',
  'familyNameKana', 'givenNameKana', 'email', 'phone', 'replyWanted', 'consentToPublish'];

function echo(fields: Record<string, string>): VoiceFormValues {
  return Object.fromEntries(ECHOED.filter((k) => typeof fields[k] === 'string').map((k) => [k, fields[k]]));
}

type SendActionData =
  | { status: 'invalid'; errors: Partial<Record<string, string>>; values: VoiceFormValues }
  | { status: 'rateLimited'; retryAfterSeconds: number; values: VoiceFormValues }
  | { status: 'tooLarge' };

export async function action({ request, context }: ActionFunctionArgs) {
  const { db, config, clientIp, logger } = context;
  let form: SendFormData;
  try {
    form = await readSendForm(request);
  } catch (error) {
    if (error instanceof RequestTooLargeError) return data<SendActionData>({ status: 'tooLarge' }, { status: 413 });
    logger.warn({ err: error }, 'unreadable send form');
    return data<SendActionData>({ status: 'invalid', errors: { form: 'citizen:send.errors.rejected' }, values: {} }, { status: 400 });
  }
  const values = echo(form.fields);
  if (form.fields.website) {
    logger.warn({ clientIp }, 'send form honeypot filled');
    return data<SendActionData>({ status: 'invalid', errors: { form: 'citizen:send.errors.rejected' }, values }, { status: 400 });
  }

  const limit = await consumeLimit(db, citizenLimits().submit, clientIp);
  if (!limit.allowed) {
    return data<SendActionData>(
      { status: 'rateLimited', retryAfterSeconds: limit.retryAfterSeconds, values },
      { status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } },
    );
  }

  const parsed = voiceFormSchema.safeParse({ ...form.fields, photos: form.photos });
  if (!parsed.success) {
    return data<SendActionData>({ status: 'invalid', errors: fieldErrors(parsed.error.issues), values }, { status: 400 });
  }
  const idempotencyKey = isIdempotencyKey(form.fields.idempotencyKey) ? form.fields.idempotencyKey : newIdempotencyKey();
  const result = await receiveWebVoice(db, photoStorageFor(config), {
    form: parsed.data,
    photos: form.photos.map((p) => p.bytes).filter((b): b is Uint8Array => b !== null),
    idempotencyKey,
    keys: config.keys,
    language: requestLanguage(request),
  });
  if (!result.ok) return data<SendActionData>({ status: 'invalid', errors: result.errors, values }, { status: 400 });
  if (result.replayed) logger.info({ receiptNumber: result.receiptNumber }, 'send form replayed');
  // Post/redirect/get to the tracking page itself: the address the resident bookmarks.
  return redirect(`/track/${result.trackingToken}?new=1`);
}

export default function SendPage() {
  const { t } = useT();
  const { idempotencyKey, categories, map } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result && 'values' in result ? result.values : {};
  return (
    <div className="send-page">
      <h1>{t('citizen:send.title')}</h1>
      <p>{t('citizen:send.lead')}</p>
      <EmergencyNotice />
      {result?.status === 'rateLimited' ? (
        <div className="notice notice--warning" role="alert">
          <h2>{t('citizen:limits.tooManyTitle')}</h2>
          <p>{t('citizen:limits.tooManyBody', { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) })}</p>
        </div>
      ) : null}
      {result?.status === 'tooLarge' ? (
        <div className="notice notice--warning" role="alert">
          <h2>{t('citizen:limits.tooLargeTitle')}</h2>
          <p>{t('citizen:limits.tooLargeBody')}</p>
        </div>
      ) : null}
      <VoiceFormView
        idempotencyKey={idempotencyKey}
        categories={categories}
        map={map}
        values={values}
        serverErrors={result?.status === 'invalid' ? result.errors : undefined}
      />
    </div>
  );
}
