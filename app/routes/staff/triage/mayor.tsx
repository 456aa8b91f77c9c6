import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigate } from '@remix-run/react';
import { z } from 'zod';
import { auditActor } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { photosOfVoice } from '~/domain/voice-photos.server';
import { giveMayorInstruction, markReviewedByMayor, mayorQueueItem, mayorQueueSummary } from '~/domain/mayor-review.server';
import { useT } from '~/i18n/i18n';
import { localText } from '~/i18n/city-text';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { TextAreaField } from '../ui/form';
import { KeyboardShortcuts, type Shortcut } from '../ui/shortcuts';
import { parseForm } from '../ui/form-schema';
import { MayorSummary } from './mayor-summary';
import { instructionSchema, noFieldsSchema } from './schemas';
import { invalid, runTriage } from './triage-errors.server';
import { PhotoThumbnails } from './voice-photos';
import { DoneMessage } from './voice-summary';
import { TriageForm, type ActionState } from './ui';
import { idText } from '~/utils/ids';
import { japanDateFormat } from '~/japan-time';

// The mayor's calm reading queue: the oldest unread voice first, one at a time, next and
// previous, "reviewed", and an instruction (市長指示) that lands in the timeline and tells
// the 課. How many wait and how old the oldest is stays in sight.
export const handle = { access: { signedIn: true, permission: 'mayor:review' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

const positionParam = z.coerce.number().int().min(1).max(1_000_000).catch(1);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'mayor:review');
  const language = requestLanguage(request);
  const url = new URL(request.url);
  const position = positionParam.parse(url.searchParams.get('position') ?? 1);
  const [summary, item] = await Promise.all([mayorQueueSummary(context.db), mayorQueueItem(context.db, position - 1)]);
  return {
    title: serverT(language, 'triage')('mayor.title'),
    summary,
    position: item.position + 1,
    total: item.total,
    done: url.searchParams.get('done'),
    photos: item.voice ? await photosOfVoice(context.db, item.voice.id) : [],
    voice: item.voice && {
      id: item.voice.id, receiptNumber: item.voice.receiptNumber, kind: item.voice.kind, channel: item.voice.channel, status: item.voice.status,
      title: item.voice.title, body: item.voice.body, receivedAt: item.voice.receivedAt.toISOString(),
      category: localText(language, item.voice.categoryJa, item.voice.categoryTranslations),
      department: localText(language, item.voice.departmentJa, item.voice.departmentTranslations),
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'mayor:review');
  const form = await request.formData();
  const intent = z.enum(['review', 'instruct']).safeParse(form.get('intent'));
  const submissionId = idText.safeParse(form.get('submissionId'));
  if (!intent.success || !submissionId.success) return invalid(String(form.get('intent') ?? ''), { _form: 'staff:validation.badRequest' });
  const position = positionParam.parse(new URL(request.url).searchParams.get('position') ?? 1);
  const actor = { user, audit: auditActor(request, context, user) };
  if (intent.data === 'review') {
    await markReviewedByMayor(context.db, actor, [submissionId.data]);
    // The voice leaves the queue: the same position now shows the next one.
    throw redirect(`/staff/mayor?position=${position}&done=reviewed`);
  }
  const parsed = parseForm(instructionSchema, form);
  if (!parsed.ok) return invalid('instruct', parsed.errors);
  const result = await runTriage(request, 'instruct', () => giveMayorInstruction(context.db, actor, { submissionId: submissionId.data, text: parsed.data.text }));
  if (!result.ok) return result.response;
  throw redirect(`/staff/mayor?position=${position}&done=instructed`);
}

export default function MayorQueue() {
  const { t, language } = useT();
  const { summary, voice, position, total, done, photos } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionState | undefined;
  const dateTime = japanDateFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const here = `/staff/mayor?position=${position}`;
  const navigate = useNavigate();
  // The reading loop by keyboard: r marks this voice reviewed (the next one takes its place), j and k walk the queue.
  const shortcuts: Shortcut[] = voice ? [
    { key: 'r', label: t('staff:shortcuts.reviewAndNext'), run: () => document.querySelector<HTMLButtonElement>('.mayor-queue button[value="review"]')?.click() },
    { key: 'j', label: t('staff:shortcuts.nextVoice'), run: () => position < total && navigate(`/staff/mayor?position=${position + 1}`) },
    { key: 'k', label: t('staff:shortcuts.previousVoice'), run: () => position > 1 && navigate(`/staff/mayor?position=${position - 1}`) },
    { key: 'i', label: t('staff:shortcuts.instruction'), run: () => document.querySelector<HTMLTextAreaElement>('.mayor-queue textarea[name="text"]')?.focus() },
    { key: 'o', label: t('staff:shortcuts.open'), run: () => navigate(`/staff/voices/${voice.receiptNumber}`) },
  ] : [];
  return (
    <div className="mayor-queue">
      <div className="inbox-head">
        <h1>{t('triage:mayor.title')}</h1>
        <KeyboardShortcuts shortcuts={shortcuts} />
      </div>
      <MayorSummary summary={summary} />
      <DoneMessage done={actionData ? null : done} />
      {!voice ? <p>{t('triage:mayor.allRead')}</p> : (
        <>
          <nav aria-label={t('triage:mayor.navLabel')} className="pager">
            {position > 1 ? <Link to={`/staff/mayor?position=${position - 1}`} rel="prev">{t('triage:mayor.previous')}</Link> : null}
            <span>{t('triage:mayor.position', { page: position, pages: total })}</span>
            {position < total ? <Link to={`/staff/mayor?position=${position + 1}`} rel="next">{t('triage:mayor.next')}</Link> : null}
          </nav>
          <article className="mayor-reading" aria-labelledby="mayor-voice-title">
            <p className="eyebrow">{voice.receiptNumber} · {t(`domain:kind.${voice.kind}`)} · {t(`domain:channel.${voice.channel}`)}</p>
            <h2 id="mayor-voice-title">{voice.title}</h2>
            <dl className="facts">
              <dt>{t('staff:voice.received')}</dt><dd>{dateTime.format(new Date(voice.receivedAt))}</dd>
              <dt>{t('staff:voice.status')}</dt><dd>{t(`domain:status.${voice.status}`)}</dd>
              <dt>{t('staff:voice.category')}</dt><dd>{voice.category ?? '—'}</dd>
              <dt>{t('staff:voice.department')}</dt><dd>{voice.department ?? t('staff:voice.unassigned')}</dd>
            </dl>
            <div className="voice__body">{voice.body}</div>
            <PhotoThumbnails receiptNumber={voice.receiptNumber} title={voice.title} photos={photos} />
            <p><Link to={`/staff/voices/${voice.receiptNumber}`}>{t('triage:mayor.openVoice')}</Link></p>
          </article>
          <div className="triage-grid">
            <TriageForm action={here} submissionId={voice.id} actionData={actionData} intent="review" schema={noFieldsSchema} primary
              submitLabel={t('triage:mayor.markReviewed')} />
            <TriageForm action={here} submissionId={voice.id} actionData={actionData} intent="instruct" schema={instructionSchema}
              submitLabel={t('triage:mayor.giveInstruction')} key={`instruct-${voice.id}`}>
              {(form) => <TextAreaField form={form} name="text" rows={4} label={t('triage:mayor.instruction')} hint={t('triage:mayor.instructionHint')} required />}
            </TriageForm>
          </div>
        </>
      )}
    </div>
  );
}
