import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { auditActor } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { canViewContact } from '~/auth/scope.server';
import { notFound, requireUserWithPermission, userHasPermission } from '~/auth/session.server';
import { mapSettingsFrom } from '~/domain/map-settings';
import { publicationPreview } from '~/domain/publication.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/resources.server';
import { photosOfVoice } from '~/domain/voice-photos.server';
import { voiceWorkspace } from '~/models/staff-triage.server';
import { findVisibleVoice } from '~/models/staff-voices.server';
import { ContactPanel, NotePanel } from './triage/contact-note';
import { PublicationPanel } from './triage/publication-panel';
import { RepliesPanel } from './triage/replies-panel';
import { SimilarVoices } from './triage/similar-voices';
import { StatusPanel } from './triage/status-panel';
import { Timeline } from './triage/timeline';
import { TriagePanel } from './triage/triage-panel';
import type { ActionState } from './triage/ui';
import { voiceAction } from './triage/voice-actions.server';
import { VoicePhotos } from './triage/voice-photos';
import { DoneMessage, VoiceSummary } from './triage/voice-summary';
import { VoiceShortcuts } from './triage/voice-shortcuts';

// One voice as staff see it, and the work on it: classify, route, assign, status, replies
// with 決裁, publication. Another 課's voice is a 404, whether asked for by URL, by a
// tampered form field or found through search: nothing reveals that it exists.
export const handle = { access: { signedIn: true, permission: 'voice:read' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `${d.voice.receiptNumber} ${d.voice.title}` : 'Meyasu' }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'voice:read');
  const language = requestLanguage(request);
  const voice = await findVisibleVoice(context.db, user, params.receiptNumber ?? '', language);
  if (!voice) throw notFound(request);
  const work = await voiceWorkspace(context.db, user, voice.id, language);
  if (!work) throw notFound(request);
  const preview = work.may.publish ? await publicationPreview(context.db, { user, audit: auditActor(request, context, user) }, voice.id) : null;
  return {
    voice,
    photos: await photosOfVoice(context.db, voice.id),
    work,
    preview,
    done: new URL(request.url).searchParams.get('done'),
    canViewContact: !voice.anonymous && canViewContact(user, voice),
    canNote: userHasPermission(user, 'voice:note'),
    map: mapSettingsFrom(context.config),
  };
}

export const action = (args: ActionFunctionArgs) => voiceAction(args);

export default function StaffVoice() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionState | undefined;
  const { t } = useT();
  return (
    <article className="voice triage-voice" aria-labelledby="voice-title">
      <DoneMessage done={actionData ? null : data.done} />
      <div className="workspace">
        {/* What the voice says: stays in view (sticky) beside the work at 1024 px and wider.
            Further sections about the voice itself (photos, its place on a map) go in here. */}
        <div className="workspace__voice" role="region" aria-label={t('triage:workspace.voice')} tabIndex={0}>
          <VoiceSummary data={data} />
          <VoicePhotos receiptNumber={data.voice.receiptNumber} title={data.voice.title} photos={data.photos}
            publishFor={data.work.may.publish ? { submissionId: data.voice.id } : null} />
          <ContactPanel data={data} actionData={actionData} />
        </div>
        {/* The work on it: one folded group per kind of action, then the timeline. */}
        <div className="workspace__work">
          <VoiceShortcuts receiptNumber={data.voice.receiptNumber} />
          <TriagePanel data={data} actionData={actionData} />
          <StatusPanel data={data} actionData={actionData} />
          <RepliesPanel data={data} actionData={actionData} />
          <PublicationPanel data={data} actionData={actionData} />
          <SimilarVoices data={data} />
          <NotePanel data={data} actionData={actionData} />
          <Timeline events={data.voice.events} />
        </div>
      </div>
    </article>
  );
}
