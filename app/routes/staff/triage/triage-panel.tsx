import { useT } from '~/i18n/i18n';
import { SelectField, TextField } from '../ui/form';
import { assignSchema, classifySchema, dueDateSchema, prioritySchema, routeSchema } from './schemas';
import { intentIn, Panel, TriageForm, type ActionState } from './ui';
import type { VoicePageData } from './voice-types';

// Classify (kind, category), route or re-route to a 課, assign a person, priority, due date.
// Each is its own small form carrying the version it was read at.

const KINDS = ['complaint', 'request', 'idea', 'question', 'praise'] as const;
const TRIAGE_INTENTS = ['classify', 'route', 'assign', 'priority', 'dueDate'];

export function TriagePanel({ data, actionData }: { data: VoicePageData; actionData: ActionState | null | undefined }) {
  const { t } = useT();
  const { voice, work } = data;
  if (!work.may.triage && !work.may.assign && !work.may.priority) return null;
  const common = { submissionId: voice.id, version: voice.version, actionData };
  const none = { value: '', label: t('triage:form.choose') };
  return (
    <Panel id="triage" title={t('triage:panel.triage')} collapsible
      open={voice.status === 'received' || (work.may.assign && !!voice.departmentId && !work.assigneeId) || intentIn(actionData, TRIAGE_INTENTS)}
      summary={t('triage:workspace.triageSummary', {
        department: voice.departmentName ?? t('staff:voice.unassigned'), assignee: work.assigneeName ?? t('triage:facts.noAssignee'),
      })}>
      <div className="triage-grid">
        {work.may.triage ? (
          <TriageForm {...common} intent="classify" schema={classifySchema} submitLabel={t('triage:form.classify')}>
            {(form) => (
              <>
                <SelectField form={form} name="kind" label={t('triage:form.kind')} required defaultValue={voice.kind}
                  options={KINDS.map((k) => ({ value: k, label: t(`domain:kind.${k}`) }))} />
                <SelectField form={form} name="categoryId" label={t('staff:voice.category')} required defaultValue={work.categoryId ? String(work.categoryId) : ''}
                  options={[none, ...work.options.categories]} />
              </>
            )}
          </TriageForm>
        ) : null}
        {work.may.triage ? (
          <TriageForm {...common} intent="route" schema={routeSchema} submitLabel={voice.departmentId ? t('triage:form.reroute') : t('triage:form.route')}>
            {(form) => (
              <SelectField form={form} name="departmentId" label={t('staff:voice.department')} required
                defaultValue={voice.departmentId ? String(voice.departmentId) : ''} options={[none, ...work.options.departments]}
                hint={voice.departmentId ? t('triage:form.rerouteHint') : undefined} />
            )}
          </TriageForm>
        ) : null}
        {work.may.assign && voice.departmentId ? (
          <TriageForm {...common} intent="assign" schema={assignSchema} submitLabel={t('triage:form.assign')}>
            {(form) => (
              <SelectField form={form} name="assigneeId" label={t('triage:facts.assignee')} required
                defaultValue={work.assigneeId ? String(work.assigneeId) : ''} options={[none, ...work.options.assignees]} />
            )}
          </TriageForm>
        ) : null}
        {work.may.priority ? (
          <TriageForm {...common} intent="priority" schema={prioritySchema} submitLabel={t('triage:form.setPriority')}>
            {(form) => (
              <SelectField form={form} name="priority" label={t('triage:facts.priority')} required defaultValue={String(work.priority)}
                options={[0, 1, 2, 3].map((p) => ({ value: String(p), label: t(`triage:priority.${p}`) }))} />
            )}
          </TriageForm>
        ) : null}
        {work.may.triage ? (
          <TriageForm {...common} intent="dueDate" schema={dueDateSchema} submitLabel={t('triage:form.setDueDate')}>
            {(form) => (
              <>
                <TextField form={form} name="dueDate" type="date" label={t('staff:voice.due')} min={work.today} defaultValue={voice.dueDate ?? ''} />
                <TextField form={form} name="businessDays" type="number" inputMode="numeric" min={1} max={60} label={t('triage:form.businessDays')}
                  hint={t('triage:form.businessDaysHint')} />
              </>
            )}
          </TriageForm>
        ) : null}
      </div>
    </Panel>
  );
}
