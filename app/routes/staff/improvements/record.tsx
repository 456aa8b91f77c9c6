import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useTranslationLanguages } from '~/components/language-switch';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { Fragment } from 'react';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { useT } from '~/i18n/i18n';
import { FormMessage } from '../ui/form';
import { ActionList, SpreadForm, type ActionView } from './action-forms';
import { loadRecordPage, recordAction } from './record.server';
import { ActForm, AddActionForm, ArchiveForm, DetailsForm, LinkVoicesForm, PlanForm, ReviewForm } from './record-forms';
import { RecordPhotos } from './record-photos';
import { History, Satisfaction, StagePanel, Summary, Text, VoiceList } from './record-sections';
import { formatDate, Section, type ActionResult } from './ui';

// One improvement record: SEE / PLAN / DO / CHECK / ACT, with the forms the current stage
// allows, what is still missing for the next stage, linked voices, satisfaction, history.

export const handle = { access: { signedIn: true, permission: 'improvement:read' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `${d.record.number} ${d.record.title}` : 'Meyasu' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'improvement:read');
  return loadRecordPage(request, context, user, params.number ?? '');
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'improvement:read');
  return recordAction(request, context, user, params.number ?? '');
}

export default function ImprovementRecordPage() {
  const { t, language } = useT();
  const { record, canManage, canAddPhotos, photos, choices, satisfaction, done } = useLoaderData<typeof loader>();
  const translationLanguages = useTranslationLanguages();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const open = record.stage !== 'closed' && !record.archivedAt;
  const manage = canManage && open;
  const planning = record.stage === 'plan' || record.stage === 'do';
  const canEdit = (a: ActionView) => manage && (a.kind === 'spread' || planning);
  const spreadTaken = record.actions.filter((a) => a.kind === 'spread' && a.ownerDepartmentId !== null).map((a) => a.ownerDepartmentId!);
  return (
    <div key={record.version} className="ir-record">
      <p><Link to="/staff/improvements">{t('improvement:ui.record.back')}</Link></p>
      <p className="eyebrow">{record.number}</p>
      <h1>{record.title}</h1>
      {done ? <FormMessage kind="success">{t(`improvement:ui.done.${done}`)}</FormMessage> : null}
      {result?.conflict ? <FormMessage kind="error">{t('improvement:errors.version_conflict')}</FormMessage> : null}
      {record.archivedAt ? (
        <FormMessage kind="info">{t('improvement:ui.record.archivedNotice', { date: formatDate(record.archivedAt, language), reason: record.archiveReason ?? '' })}</FormMessage>
      ) : null}
      <Summary record={record} />

      <StagePanel record={record} canManage={canManage} result={result} />

      <Section id="ir-see" title={t('improvement:ui.record.see')}>
        <h3>{t('improvement:ui.field.problemStatement')}</h3>
        <Text value={record.problemStatement} />
        <h3>{t('improvement:ui.voices.title', { count: record.voices.length })}</h3>
        <VoiceList voices={record.voices} />
        {manage ? <LinkVoicesForm version={record.version} result={result} /> : null}
        <Satisfaction satisfaction={satisfaction} />
      </Section>

      <Section id="ir-plan" title={t('improvement:ui.record.plan')}>
        {manage && record.stage === 'plan' ? (
          <PlanForm version={record.version} values={record} result={result} />
        ) : (
          <>
            <h3>{t('improvement:ui.field.immediateCorrection')}</h3><Text value={record.immediateCorrection} />
            <h3>{t('improvement:ui.field.correctionConsequences')}</h3><Text value={record.correctionConsequences} />
            <h3>{t('improvement:ui.field.causeAnalysis')}</h3><Text value={record.causeAnalysis} />
            <h3>{t('improvement:ui.field.similarProblems')}</h3><Text value={record.similarProblems} />
          </>
        )}
        {manage ? (
          <details className="ir-details" open={result?.intent === 'details' ? true : undefined}>
            <summary>{t('improvement:ui.record.editDetails')}</summary>
            <DetailsForm version={record.version} values={record} result={result} departments={choices.departments} people={choices.people} />
          </details>
        ) : null}
      </Section>

      <Section id="ir-do" title={t('improvement:ui.record.do')}>
        <ActionList actions={record.actions} version={record.version} result={result} closed={!open} canEdit={canEdit}
          departments={choices.departments} people={choices.people} />
        {manage && planning ? (
          <AddActionForm version={record.version} result={result} departments={choices.departments} people={choices.people} defaultDepartmentId={record.ownerDepartmentId} />
        ) : null}
        {manage ? (
          <SpreadForm version={record.version} result={result} departments={choices.departments} ownerDepartmentId={record.ownerDepartmentId} taken={spreadTaken} />
        ) : null}
      </Section>

      <Section id="ir-check" title={t('improvement:ui.record.check')}>
        {record.effectiveness ? (
          <dl className="facts">
            <dt>{t('improvement:ui.field.effectiveness')}</dt><dd>{t(`improvement:effectiveness.${record.effectiveness}`)}</dd>
            <dt>{t('improvement:ui.field.reviewEvidence')}</dt><dd className="ir-text">{record.effectivenessEvidence}</dd>
            <dt>{t('improvement:ui.field.checkedBy')}</dt><dd>{[record.checkedByName, formatDate(record.checkedAt, language)].filter(Boolean).join(' · ')}</dd>
          </dl>
        ) : <p className="muted">{t('improvement:ui.review.none')}</p>}
        {manage && record.stage === 'check' ? <ReviewForm version={record.version} result={result} /> : null}
      </Section>

      <RecordPhotos number={record.number} photos={photos} canAdd={canAddPhotos} canPublish={canManage && !record.archivedAt} result={result} />

      <Section id="ir-act" title={t('improvement:ui.record.act')}>
        {manage && record.stage === 'act' ? (
          <ActForm version={record.version} values={record} result={result} />
        ) : (
          <>
            <h3>{t('improvement:ui.field.standardisation')}</h3><Text value={record.standardisation} />
            <h3>{t('improvement:ui.field.risksUpdated')}</h3><Text value={record.risksUpdated} />
            <h3>{t('improvement:ui.field.publicSummaryJa')}</h3><Text value={record.publicSummaryJa} />
            {translationLanguages.map(({ code, name }) => (
              <Fragment key={code}>
                <h3>{t('staff:form.translation', { label: t('improvement:ui.field.publicSummary'), language: name })}</h3>
                <Text value={record.publicSummaryTranslations[code]} />
              </Fragment>
            ))}
          </>
        )}
      </Section>

      {canManage && !record.archivedAt ? <ArchiveForm version={record.version} result={result} /> : null}
      <History history={record.history} />
    </div>
  );
}
