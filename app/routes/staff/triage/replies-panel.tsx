import { useRef } from 'react';
import { useT } from '~/i18n/i18n';
import { SelectField, TextAreaField, TextField } from '../ui/form';
import { approveSchema, interimReplySchema, noFieldsSchema, replySchema, returnSchema, templateSchema } from './schemas';
import { Panel, TriageForm, type ActionState } from './ui';
import type { VoicePageData } from './voice-types';
import { japanDateFormat } from '~/japan-time';

// Replies: draft (from a template) → 決裁待ち → approved and sent, or returned with a comment;
// the interim reply (中間回答) once the target date has passed.

type Reply = VoicePageData['work']['replies'][number];
type Props = { data: VoicePageData; actionData: ActionState | null | undefined };

/** Sets a field the way typing would, so react-hook-form sees the new text too. */
function fillField(field: HTMLTextAreaElement | HTMLInputElement | null, value: string) {
  if (!field) return;
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
  setter?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

function ReplyItem({ reply, data, actionData }: { reply: Reply } & Props) {
  const { t, language } = useT();
  const { voice, work } = data;
  const dateTime = japanDateFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const common = { submissionId: voice.id, version: reply.version, replyId: reply.id, actionData };
  const editable = work.may.draft && (reply.status === 'draft' || reply.status === 'returned');
  const interim = reply.kind === 'interim';
  return (
    <li className={`reply reply--${reply.status}`}>
      <h3>
        {t(`triage:reply.kind.${reply.kind}`)} — <span className={`reply-status reply-status--${reply.status}`}>{t(`triage:reply.status.${reply.status}`)}</span>
      </h3>
      <p className="muted">
        {t('triage:reply.author', { name: reply.authorName ?? '—' })}
        {reply.sentAt ? ` · ${t('triage:reply.sentAt', { date: dateTime.format(new Date(reply.sentAt)) })}` : ''}
        {reply.approverName ? ` · ${t('triage:reply.approver', { name: reply.approverName })}` : ''}
      </p>
      {reply.status === 'returned' && reply.approvalComment ? (
        <div className="notice notice--info"><p><strong>{t('triage:reply.returnedComment')}</strong> {reply.approvalComment}</p></div>
      ) : null}
      {interim ? <p>{t('triage:reply.interimFacts', { reason: reply.interimReason ?? '', date: reply.newDueDate ?? '' })}</p> : null}
      {editable ? (
        <>
          <TriageForm {...common} intent="editReply" schema={interim ? interimReplySchema : replySchema} submitLabel={t('triage:reply.save')}>
            {(form) => (
              <>
                <TextAreaField form={form} name="body" rows={8} label={t('triage:reply.body')} required defaultValue={reply.body} />
                {interim ? (
                  <>
                    <TextAreaField form={form} name="interimReason" rows={2} label={t('triage:interim.reason')} required defaultValue={reply.interimReason ?? ''} />
                    <TextField form={form} name="newDueDate" type="date" label={t('triage:interim.newDueDate')} required defaultValue={reply.newDueDate ?? ''} />
                  </>
                ) : null}
              </>
            )}
          </TriageForm>
          <TriageForm {...common} intent="submitReply" schema={noFieldsSchema} primary submitLabel={t('triage:reply.submit')} />
        </>
      ) : (
        <div className="reply__body">{reply.body}</div>
      )}
      {reply.status === 'awaiting_approval' && work.may.approve ? (
        <div className="triage-grid">
          <TriageForm {...common} intent="approve" schema={approveSchema} primary submitLabel={t('triage:reply.approve')}>
            {(form) => <TextAreaField form={form} name="comment" rows={2} label={t('triage:reply.approveComment')} hint={t('triage:reply.approveHint')} />}
          </TriageForm>
          <TriageForm {...common} intent="returnReply" schema={returnSchema} submitLabel={t('triage:reply.return')}>
            {(form) => <TextAreaField form={form} name="comment" rows={2} label={t('triage:reply.returnComment')} required />}
          </TriageForm>
        </div>
      ) : reply.status === 'awaiting_approval' ? <p className="muted">{t('triage:reply.awaitingNote')}</p> : null}
    </li>
  );
}

function NewReply({ data, actionData }: Props) {
  const { t } = useT();
  const { voice, work } = data;
  const draftForm = useRef<HTMLFormElement>(null);
  const chosen = actionData?.intent === 'useTemplate' ? actionData.template ?? null : null;
  const templates = work.templates;
  const onTemplate = (event: React.FormEvent<HTMLFormElement>) => {
    const select = event.target as HTMLSelectElement;
    if (select.name !== 'templateId') return;
    const template = templates.find((tpl) => String(tpl.id) === select.value);
    const form = draftForm.current;
    if (!template || !form) return;
    fillField(form.elements.namedItem('body') as HTMLTextAreaElement | null, template.body);
    const hidden = form.elements.namedItem('templateId') as HTMLInputElement | null;
    if (hidden) hidden.value = String(template.id);
  };
  return (
    <div className="panel panel--inner">
      <h3 id="new-reply-title">{t('triage:reply.newTitle')}</h3>
      {templates.length > 0 ? (
        <TriageForm submissionId={voice.id} actionData={actionData} intent="useTemplate" schema={templateSchema} submitLabel={t('triage:reply.useTemplate')}
          onFieldChange={onTemplate}>
          {(form) => (
            <SelectField form={form} name="templateId" label={t('triage:reply.template')} hint={t('triage:reply.templateHint')}
              defaultValue={chosen ? String(chosen.id) : ''}
              options={[{ value: '', label: t('triage:form.choose') }, ...templates.map((tpl) => ({ value: String(tpl.id), label: tpl.title }))]} />
          )}
        </TriageForm>
      ) : null}
      <TriageForm key={chosen?.id ?? 'blank'} submissionId={voice.id} actionData={actionData} intent="draft" schema={replySchema} formRef={draftForm}
        hidden={{ templateId: chosen ? String(chosen.id) : '' }} submitLabel={t('triage:reply.saveDraft')} primary>
        {(form) => <TextAreaField form={form} name="body" rows={10} label={t('triage:reply.body')} required defaultValue={chosen?.body ?? ''} />}
      </TriageForm>
    </div>
  );
}

function InterimReply({ data, actionData }: Props) {
  const { t } = useT();
  const { voice, work } = data;
  return (
    <div className="panel panel--inner panel--alert" id="interim-form">
      <h3>{t('triage:interim.formTitle')}</h3>
      <p>{t('triage:interim.formLead', { date: work.dueDate ?? '' })}</p>
      <TriageForm submissionId={voice.id} actionData={actionData} intent="interim" schema={interimReplySchema} submitLabel={t('triage:interim.saveDraft')} primary>
        {(form) => (
          <>
            <TextAreaField form={form} name="body" rows={6} label={t('triage:reply.body')} required />
            <TextAreaField form={form} name="interimReason" rows={2} label={t('triage:interim.reason')} required />
            <TextField form={form} name="newDueDate" type="date" label={t('triage:interim.newDueDate')} required min={work.today} />
          </>
        )}
      </TriageForm>
    </div>
  );
}

export function RepliesPanel({ data, actionData }: Props) {
  const { t } = useT();
  const { work } = data;
  const openFinal = work.replies.some((r) => r.kind === 'final' && r.status !== 'sent');
  const openInterim = work.replies.some((r) => r.kind === 'interim' && r.status !== 'sent');
  if (work.replies.length === 0 && !work.may.draft) return null;
  // Unfolded when it is this person's next step: a reply to write, or one awaiting their 決裁.
  const repliesOpen = (work.may.draft && !work.finalReplySent)
    || (work.may.approve && work.replies.some((r) => r.status === 'awaiting_approval'))
    || (!!actionData && /^(draft|useTemplate|interim|editReply|submitReply|approve|returnReply)\b/.test(actionData.intent));
  return (
    <Panel id="replies" title={t('triage:panel.replies')} collapsible open={repliesOpen}
      summary={work.replies.length === 0 ? t('triage:reply.none') : t('triage:workspace.repliesSummary', {
        count: work.replies.length, status: t(`triage:reply.status.${work.replies[work.replies.length - 1]!.status}`),
      })}>
      {work.replies.length === 0 ? <p>{t('triage:reply.none')}</p> : (
        <ol className="reply-list">
          {work.replies.map((r) => <ReplyItem key={r.id} reply={r} data={data} actionData={actionData} />)}
        </ol>
      )}
      {work.may.draft && work.interimRequired && !openInterim ? <InterimReply data={data} actionData={actionData} /> : null}
      {work.may.draft && !work.finalReplySent && !openFinal ? <NewReply data={data} actionData={actionData} /> : null}
    </Panel>
  );
}
