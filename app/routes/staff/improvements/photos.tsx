import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { notFound, requireUserWithPermission } from '~/auth/session.server';
import { mayCarryOutAction } from '~/domain/improvements/access';
import { addImprovementPhotos } from '~/domain/improvements/photos.server';
import { recordIdByNumber } from '~/domain/improvements/records.server';
import { cleanPhotos } from '~/domain/photo-intake.server';
import { fieldErrors } from '~/domain/voice-form';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { improvementActor, runDomain, type ImprovementActionData } from '~/routes/staff/improvements/screens.server';
import { photoStorageFor } from '~/storage/photo-storage.server';
import { improvementRecords } from '#db/schema/index';
import { eq } from 'drizzle-orm';
import { readSendForm, RequestTooLargeError, type SendFormData } from '../../public/send-upload.server';
import { FormMessage } from '../ui/form';
import { PhotoEvidenceForm } from './photo-evidence-form';
import { photoEvidenceSchema } from './schemas';
import type { ActionResult } from './ui';

// Adding photo evidence (改善前/改善後) to a record at DO or CHECK: a multipart form that works
// without JavaScript. The record page carries the same form; a refused post lands here with
// its messages. Photos take the residents' path (photo-intake.server.ts).
export const handle = { access: { signedIn: true, permission: 'improvement:act' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

async function recordFacts(request: Request, context: LoaderFunctionArgs['context'], number: string) {
  const [record] = await context.db.select({
    id: improvementRecords.id, number: improvementRecords.number, title: improvementRecords.title, stage: improvementRecords.stage,
    archivedAt: improvementRecords.archivedAt, ownerDepartmentId: improvementRecords.ownerDepartmentId, ownerUserId: improvementRecords.ownerUserId,
  }).from(improvementRecords).where(eq(improvementRecords.number, number));
  if (!record) throw notFound(request);
  return record;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'improvement:act');
  const record = await recordFacts(request, context, params.number ?? '');
  return {
    title: serverT(requestLanguage(request), 'improvement')('ui.photos.pageTitle', { number: record.number }),
    record: { number: record.number, title: record.title },
    open: (record.stage === 'do' || record.stage === 'check') && !record.archivedAt,
    mayAdd: mayCarryOutAction(user, record),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'improvement:act');
  let form: SendFormData;
  try {
    form = await readSendForm(request);
  } catch (error) {
    if (error instanceof RequestTooLargeError) return data<ImprovementActionData>({ intent: 'photos', errors: { photos: 'citizen:limits.tooLargeBody' } }, { status: 413 });
    throw error;
  }
  const parsed = photoEvidenceSchema.safeParse({ ...form.fields, photos: form.photos });
  if (!parsed.success) return data<ImprovementActionData>({ intent: 'photos', errors: fieldErrors(parsed.error.issues) as Record<string, string> }, { status: 400 });
  const recordId = await recordIdByNumber(context.db, params.number ?? '');
  if (recordId === null) throw notFound(request);
  const cleaned = await cleanPhotos(form.photos.map((p) => p.bytes).filter((b): b is Uint8Array => b !== null));
  if (!cleaned.ok) return data<ImprovementActionData>({ intent: 'photos', errors: { photos: cleaned.error } }, { status: 400 });
  const storage = photoStorageFor(context.config);
  const result = await runDomain(request, 'photos', () => addImprovementPhotos(context.db, storage, improvementActor(request, context, user), {
    recordId, label: parsed.data.label, caption: parsed.data.caption, photos: cleaned.photos,
  }));
  if (!result.ok) return result.response;
  return redirect(`/staff/improvements/${encodeURIComponent(params.number ?? '')}?done=photosAdded#ir-photos`);
}

export default function ImprovementPhotosPage() {
  const { t } = useT();
  const { record, open, mayAdd } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  return (
    <div className="ir-record">
      <p><Link to={`/staff/improvements/${encodeURIComponent(record.number)}`}>{record.number} {record.title}</Link></p>
      <h1>{t('improvement:ui.photos.pageTitle', { number: record.number })}</h1>
      {result?.errors ? <FormMessage kind="error">{t('triage:entry.fixErrors')}</FormMessage> : null}
      {!open ? <FormMessage kind="info">{t('improvement:ui.photos.notNow')}</FormMessage> : null}
      {open && !mayAdd ? <FormMessage kind="info">{t('improvement:errors.forbidden')}</FormMessage> : null}
      {open && mayAdd ? <PhotoEvidenceForm number={record.number} result={result} /> : null}
    </div>
  );
}
