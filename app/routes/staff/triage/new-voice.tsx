import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { auditActor } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { isIdempotencyKey, newIdempotencyKey } from '~/domain/tracking-token.server';
import { enterVoiceOnBehalf } from '~/domain/voice-entry.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { categoryOptions } from '~/models/staff-triage.server';
import { cleanPhotos } from '~/domain/photo-intake.server';
import { fieldErrors } from '~/domain/voice-form';
import { photoStorageFor } from '~/storage/photo-storage.server';
import { readSendForm, RequestTooLargeError, type SendFormData } from '../../public/send-upload.server';
import { CheckboxField, FormMessage, PhotoField, SelectField, TextAreaField, TextField, useZodForm } from '../ui/form';
import { ENTRY_CHANNELS, entrySchema } from './schemas';

// Voices received by phone, fax, at a counter, by letter or e-mail, entered by staff on the
// resident's behalf with the channel recorded. The answer shows the receipt number and the
// tracking link to read out or print; a repeated post (reload) does not enter it twice.
// Photos the resident handed over go through the resident's own checks and cleaning.
export const handle = { access: { signedIn: true, permission: 'voice:enter' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

const KINDS = ['complaint', 'request', 'idea', 'question', 'praise'] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'voice:enter');
  const language = requestLanguage(request);
  return {
    title: serverT(language, 'triage')('entry.title'),
    categories: await categoryOptions(context.db, language),
    idempotencyKey: newIdempotencyKey(),
  };
}

type EntryResult = { errors: Record<string, string> | null; created: { receiptNumber: string; trackingUrl: string | null } | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'voice:enter');
  // Multipart with the resident's photos, read within the resident's form's limits.
  let form: SendFormData;
  try {
    form = await readSendForm(request);
  } catch (error) {
    if (error instanceof RequestTooLargeError) return data<EntryResult>({ errors: { photos: 'citizen:limits.tooLargeBody' }, created: null }, { status: 413 });
    throw error;
  }
  const parsed = entrySchema.safeParse({ ...form.fields, photos: form.photos });
  if (!parsed.success) return data<EntryResult>({ errors: fieldErrors(parsed.error.issues) as Record<string, string>, created: null }, { status: 400 });
  const cleaned = await cleanPhotos(form.photos.map((p) => p.bytes).filter((b): b is Uint8Array => b !== null));
  if (!cleaned.ok) return data<EntryResult>({ errors: { photos: cleaned.error }, created: null }, { status: 400 });
  const v = parsed.data;
  const key = form.fields.idempotencyKey ?? '';
  const named = v.contactMode === 'named';
  const created = await enterVoiceOnBehalf(context.db, { user, audit: auditActor(request, context, user) }, {
    channel: v.channel, kind: v.kind, categoryId: v.categoryId, title: v.title, body: v.body, language: 'ja',
    placeText: v.placeText || null, postcode: v.postcode,
    contact: named ? {
      familyName: v.familyName || null, givenName: v.givenName || null, familyNameKana: v.familyNameKana || null,
      givenNameKana: v.givenNameKana || null, email: v.email || null, phone: v.phone || null,
    } : null,
    replyWanted: v.replyWanted, consentToPublish: v.consentToPublish,
  }, isIdempotencyKey(key) ? key : undefined, { storage: photoStorageFor(context.config), photos: cleaned.photos });
  const trackingUrl = created.trackingToken ? `${context.config.APP_URL.replace(/\/$/, '')}/track/${created.trackingToken}` : null;
  return { errors: null, created: { receiptNumber: created.receiptNumber, trackingUrl } } satisfies EntryResult;
}

function Created({ created }: { created: NonNullable<EntryResult['created']> }) {
  const { t } = useT();
  return (
    <div className="notice notice--success entry-created" role="status">
      <h2>{t('triage:entry.createdTitle')}</h2>
      <dl className="facts">
        <dt>{t('triage:inbox.receiptNumber')}</dt><dd className="entry-created__receipt">{created.receiptNumber}</dd>
        {created.trackingUrl ? <><dt>{t('triage:entry.trackingLink')}</dt><dd className="entry-created__link"><code>{created.trackingUrl}</code></dd></> : null}
      </dl>
      <p>{created.trackingUrl ? t('triage:entry.readOut') : t('triage:entry.alreadyEntered')}</p>
      <p>
        <Link to={`/staff/voices/${created.receiptNumber}`}>{t('triage:entry.openVoice')}</Link>
        {' · '}
        <Link to="/staff/voices/new" reloadDocument>{t('triage:entry.another')}</Link>
      </p>
    </div>
  );
}

export default function EnterVoice() {
  const { t } = useT();
  const { categories, idempotencyKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as EntryResult | undefined;
  const form = useZodForm(entrySchema, result?.errors);
  if (result?.created) {
    return (
      <>
        <h1>{t('triage:entry.title')}</h1>
        <Created created={result.created} />
      </>
    );
  }
  return (
    <>
      <h1>{t('triage:entry.title')}</h1>
      <p>{t('triage:entry.lead')}</p>
      {result?.errors ? <FormMessage kind="error">{t('triage:entry.fixErrors')}</FormMessage> : null}
      <Form method="post" encType="multipart/form-data" noValidate onSubmit={form.onSubmit} className="stack">
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <SelectField form={form} name="channel" label={t('triage:entry.channel')} required defaultValue=""
          options={[{ value: '', label: t('triage:form.choose') }, ...ENTRY_CHANNELS.map((c) => ({ value: c, label: t(`domain:channel.${c}`) }))]} />
        <SelectField form={form} name="kind" label={t('triage:form.kind')} required defaultValue=""
          options={[{ value: '', label: t('triage:form.choose') }, ...KINDS.map((k) => ({ value: k, label: t(`domain:kind.${k}`) }))]} />
        <SelectField form={form} name="categoryId" label={t('staff:voice.category')} defaultValue=""
          options={[{ value: '', label: t('triage:entry.categoryUnknown') }, ...categories]} />
        <TextField form={form} name="title" label={t('triage:entry.voiceTitle')} required maxLength={100} />
        <TextAreaField form={form} name="body" rows={8} label={t('triage:entry.body')} required hint={t('triage:entry.bodyHint')} />
        <TextField form={form} name="placeText" label={t('staff:voice.place')} />
        <TextField form={form} name="postcode" label={t('triage:entry.postcode')} inputMode="numeric" autoComplete="off" />
        <PhotoField form={form} label={t('triage:entry.photos')} hint={t('triage:entry.photosHint')} />
        <fieldset className="stack">
          <legend>{t('triage:entry.contactLegend')}</legend>
          <SelectField form={form} name="contactMode" label={t('triage:entry.contactMode')} defaultValue="anonymous"
            options={[{ value: 'anonymous', label: t('triage:entry.anonymous') }, { value: 'named', label: t('triage:entry.named') }]} />
          <TextField form={form} name="familyName" label={t('triage:entry.familyName')} autoComplete="off" />
          <TextField form={form} name="givenName" label={t('triage:entry.givenName')} autoComplete="off" />
          <TextField form={form} name="familyNameKana" label={t('triage:entry.familyNameKana')} autoComplete="off" />
          <TextField form={form} name="givenNameKana" label={t('triage:entry.givenNameKana')} autoComplete="off" />
          <TextField form={form} name="email" type="email" label={t('triage:entry.email')} autoComplete="off" spellCheck={false} />
          <TextField form={form} name="phone" type="tel" label={t('triage:entry.phone')} autoComplete="off" />
          <CheckboxField form={form} name="replyWanted" label={t('triage:entry.replyWanted')} />
          <CheckboxField form={form} name="consentToPublish" label={t('triage:entry.consent')} />
        </fieldset>
        <button type="submit" className="button button--primary">{t('triage:entry.submit')}</button>
      </Form>
    </>
  );
}
