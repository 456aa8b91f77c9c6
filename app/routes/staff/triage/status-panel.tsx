import { useT } from '~/i18n/i18n';
import { TextAreaField, TextField } from '../ui/form';
import { mergeSchema, noFieldsSchema, reasonSchema, referSchema, SIMPLE_STATUSES } from './schemas';
import { intentIn, Panel, TriageForm, type ActionState } from './ui';
import type { VoicePageData } from './voice-types';

// Status changes: only the next statuses the rules allow from here, each side exit with what
// it must record (the voice merged into, the destination outside the city, the reason).

const STATUS_INTENTS = ['status', 'merge', 'refer', 'notActionable', 'hide'];

export function StatusPanel({ data, actionData }: { data: VoicePageData; actionData: ActionState | null | undefined }) {
  const { t } = useT();
  const { voice, work } = data;
  if (work.statusChoices.length === 0) return null;
  const common = { submissionId: voice.id, version: voice.version, actionData };
  const choices = new Set<string>(work.statusChoices);
  const simple = SIMPLE_STATUSES.filter((s) => choices.has(s));
  return (
    <Panel id="status" title={t('triage:panel.status')} collapsible open={intentIn(actionData, STATUS_INTENTS)}
      summary={t('triage:status.current', { status: t(`domain:status.${voice.status}`) })}>
      <div className="triage-grid">
        {simple.map((to) => (
          <TriageForm key={to} {...common} intent="status" schema={noFieldsSchema} hidden={{ to }}
            submitLabel={t(`triage:status.to.${to}`)} />
        ))}
        {choices.has('merged') ? (
          <TriageForm {...common} intent="merge" schema={mergeSchema} submitLabel={t('triage:status.to.merged')}>
            {(form) => <TextField form={form} name="mergedInto" label={t('triage:status.mergedInto')} hint={t('triage:status.mergedIntoHint')} required
              inputMode="numeric" autoComplete="off" placeholder="2026-000123" />}
          </TriageForm>
        ) : null}
        {choices.has('referred') ? (
          <TriageForm {...common} intent="refer" schema={referSchema} submitLabel={t('triage:status.to.referred')}>
            {(form) => <TextField form={form} name="referredTo" label={t('triage:status.referredTo')} hint={t('triage:status.referredToHint')} required />}
          </TriageForm>
        ) : null}
        {choices.has('not_actionable') ? (
          <TriageForm {...common} intent="notActionable" schema={reasonSchema} submitLabel={t('triage:status.to.not_actionable')}>
            {(form) => <TextAreaField form={form} name="reason" rows={3} label={t('triage:status.notActionableReason')} hint={t('triage:status.notActionableHint')} required />}
          </TriageForm>
        ) : null}
        {choices.has('hidden') ? (
          <TriageForm {...common} intent="hide" schema={reasonSchema} submitLabel={t('triage:status.to.hidden')}>
            {(form) => <TextAreaField form={form} name="reason" rows={3} label={t('triage:status.hiddenReason')} hint={t('triage:status.hiddenHint')} required />}
          </TriageForm>
        ) : null}
      </div>
    </Panel>
  );
}
