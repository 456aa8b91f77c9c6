import { Link } from '@remix-run/react';
import { useT } from '~/i18n/i18n';
import type { loadRecordPage } from './record.server';
import { AdvanceForm } from './record-forms';
import { STAGES } from './schemas';
import { formatDate, Refusals, Section, type ActionResult } from './ui';

// The read-only parts of the record page: summary, stage and what is still missing,
// linked voices, satisfaction before and after, history.

type Page = Awaited<ReturnType<typeof loadRecordPage>>;
type RecordView = Page['record'];

export function Text({ value }: { value: string | null | undefined }) {
  const { t } = useT();
  return value ? <p className="ir-text">{value}</p> : <p className="muted">{t('improvement:ui.notRecorded')}</p>;
}

export function Summary({ record }: { record: RecordView }) {
  const { t, language } = useT();
  return (
    <dl className="facts" id="ir-summary">
      <dt>{t('improvement:ui.field.stage')}</dt><dd><strong className="ir-stage" data-stage={record.stage}>{t(`improvement:stage.${record.stage}`)}</strong></dd>
      <dt>{t('improvement:ui.field.type')}</dt><dd>{t(`improvement:type.${record.type}`)}</dd>
      <dt>{t('improvement:ui.field.findingClass')}</dt><dd>{t(`improvement:findingClass.${record.findingClass}`)}</dd>
      <dt>{t('improvement:ui.field.level')}</dt><dd>{t(`improvement:level.${record.level}`)}</dd>
      <dt>{t('improvement:ui.field.source')}</dt><dd>{t(`improvement:source.${record.source}`)}</dd>
      <dt>{t('improvement:ui.field.owner')}</dt><dd>{[record.ownerDepartment, record.ownerUserName].filter(Boolean).join(' · ')}</dd>
      <dt>{t('improvement:ui.field.dueDate')}</dt><dd>{formatDate(record.dueDate, language)}</dd>
      <dt>{t('improvement:ui.field.checkDueDate')}</dt><dd>{formatDate(record.checkDueDate, language)}</dd>
      <dt>{t('improvement:ui.field.openedAt')}</dt><dd>{formatDate(record.createdAt, language)}</dd>
      {record.closedAt ? <><dt>{t('improvement:ui.field.closedAt')}</dt><dd>{formatDate(record.closedAt, language)}</dd></> : null}
      {record.auditFinding ? <><dt>{t('improvement:ui.field.auditFinding')}</dt><dd>{record.auditFinding.description}</dd></> : null}
    </dl>
  );
}

export function StagePanel({ record, canManage, result }: { record: RecordView; canManage: boolean; result?: ActionResult }) {
  const { t } = useT();
  const current = STAGES.indexOf(record.stage);
  return (
    <Section id="ir-stage" title={t('improvement:ui.stagePanel.title')}>
      <ol className="ir-steps">
        {STAGES.map((s, i) => (
          <li key={s} className={i < current ? 'ir-steps__done' : i === current ? 'ir-steps__current' : undefined} aria-current={i === current ? 'step' : undefined}>
            {t(`improvement:stage.${s}`)}
          </li>
        ))}
      </ol>
      <Refusals result={result} intent="advance" />
      {record.archivedAt ? null : record.readiness.map((r) => (
        <div key={r.to} className="ir-readiness">
          <h3>{t('improvement:ui.stagePanel.nextTitle', { stage: t(`improvement:stage.${r.to}`) })}</h3>
          {r.violations.length === 0
            ? <p className="ir-ready">{t('improvement:ui.stagePanel.ready')}</p>
            : (
              <>
                <p>{t('improvement:ui.stagePanel.missing')}</p>
                <ul className="ir-checklist">{r.violations.map((v) => <li key={v}>{t(`improvement:errors.${v}`)}</li>)}</ul>
              </>
            )}
          {canManage ? (
            <AdvanceForm version={record.version} to={r.to}
              label={t(r.to === 'closed' ? 'improvement:ui.stagePanel.close' : 'improvement:ui.stagePanel.advance', { stage: t(`improvement:stage.${r.to}`) })} />
          ) : null}
        </div>
      ))}
      {record.stage === 'check' && !record.archivedAt ? <p className="muted">{t('improvement:ui.stagePanel.checkNote')}</p> : null}
    </Section>
  );
}

export function VoiceList({ voices }: { voices: RecordView['voices'] }) {
  const { t } = useT();
  if (voices.length === 0) return <p>{t('improvement:ui.voices.none')}</p>;
  return (
    <ul className="voice-list">
      {voices.map((v) => (
        <li key={v.receiptNumber}>
          <p className="voice-list__title">
            {v.readable ? <Link to={`/staff/voices/${v.receiptNumber}`}>{v.receiptNumber}</Link> : v.receiptNumber}
            {' '}{v.readable ? v.title : <span className="muted">{t('improvement:ui.voices.notReadable')}</span>}
          </p>
          <p className="voice-list__meta">
            {v.category ? <span>{v.category}</span> : null}
            {v.published ? <span>{t('improvement:ui.voices.published')}</span> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

type Score = { average: number | null; count: number } | null;

function ScoreCell({ score }: { score: Score }) {
  const { t } = useT();
  if (!score) return <td>{t('improvement:ui.satisfaction.notYet')}</td>;
  if (score.count === 0 || score.average === null) return <td>{t('improvement:ui.satisfaction.noAnswers')}</td>;
  return (
    <td>
      {t('improvement:ui.satisfaction.score', { average: score.average.toFixed(2), count: score.count })}
      {score.count < 5 ? <> <span className="muted">{t('improvement:ui.satisfaction.few')}</span></> : null}
    </td>
  );
}

export function Satisfaction({ satisfaction }: { satisfaction: Page['satisfaction'] }) {
  const { t, language } = useT();
  const rows = [
    ...satisfaction.categories.map((c) => ({ key: `c${c.id}`, kind: t('improvement:ui.satisfaction.category'), ...c })),
    ...satisfaction.counters.map((c) => ({ key: `w${c.id}`, kind: t('improvement:ui.satisfaction.counter'), ...c })),
  ];
  return (
    <div id="ir-satisfaction">
      <h3>{t('improvement:ui.satisfaction.title')}</h3>
      <p className="muted">
        {t('improvement:ui.satisfaction.lead', { days: satisfaction.windowDays })}
        {satisfaction.after && !satisfaction.after.complete ? ` ${t('improvement:ui.satisfaction.afterRunning', { date: formatDate(satisfaction.after.to, language) })}` : ''}
      </p>
      {rows.length === 0 ? <p>{t('improvement:ui.satisfaction.none')}</p> : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('improvement:ui.satisfaction.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('improvement:ui.satisfaction.subject')}</th>
                <th scope="col">{t('improvement:ui.satisfaction.before')}</th>
                <th scope="col">{t('improvement:ui.satisfaction.after')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.kind}: {r.name}</th>
                  <ScoreCell score={r.before} />
                  <ScoreCell score={r.after} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function History({ history }: { history: RecordView['history'] }) {
  const { t, language } = useT();
  return (
    <Section id="ir-history" title={t('improvement:ui.history.title')}>
      <ol className="timeline">
        {history.map((e) => (
          <li key={e.id} className="timeline__item">
            <span className="timeline__when">{formatDate(e.at, language)}</span>
            <span className="timeline__what">{t(`improvement:event.${e.type}`)}</span>
            {e.actorName ? <span>{e.actorName}</span> : null}
            {e.data.from && e.data.to ? <span>{t('improvement:ui.history.move', { from: t(`improvement:stage.${e.data.from}`), to: t(`improvement:stage.${e.data.to}`) })}</span> : null}
            {e.data.result ? <span>{t(`improvement:effectiveness.${e.data.result}`)}</span> : null}
            {e.type === 'archived' && e.data.reason ? <p className="timeline__text">{e.data.reason}</p> : null}
          </li>
        ))}
      </ol>
    </Section>
  );
}
