import { Link } from '@remix-run/react';
import type { RecordedReview } from '~/domain/reports/review-list.server';
import type { ManagementReview } from '~/domain/reports/management-review.server';
import { DataTable } from './data-table';
import { useFigures } from './format';

// The parts of the management review that only it has: the status of earlier decisions,
// audit findings, opportunities for improvement, and the reviews recorded so far.

export function EarlierDecisionsSection({ decisions }: { decisions: ManagementReview['earlierDecisions'] }) {
  const f = useFigures();
  const { t } = f;
  return (
    <section className="report-section" aria-labelledby="earlier-title">
      <h2 id="earlier-title">{t('review.earlierDecisions')}</h2>
      <DataTable
        caption={t('review.earlierDecisions')}
        hideCaption
        text
        empty={t('review.noEarlierDecisions')}
        columns={[t('review.decision'), t('review.reviewTitle'), t('figures.recordNumber'), t('review.recordStage'), t('figures.dueDate')]}
        rows={decisions.map((d) => ({
          key: d.decisionId,
          head: d.decision,
          cells: [
            t('review.reviewOf', { title: d.reviewTitle, date: d.heldOn ?? d.reviewPeriod.to }),
            d.record ? <Link to={`/staff/improvements/${d.record.number}`}>{d.record.number}</Link> : t('review.noRecord'),
            d.record ? t(`stage.${d.record.stage}`) + (d.record.effectiveness ? `（${t(`effectiveness.${d.record.effectiveness}`)}）` : '') : '',
            d.record?.dueDate ?? '',
          ],
        }))}
      />
    </section>
  );
}

export function AuditFindingsSection({ audits }: { audits: ManagementReview['auditFindings'] }) {
  const f = useFigures();
  const { t } = f;
  return (
    <section className="report-section" aria-labelledby="audits-title">
      <h2 id="audits-title">{t('review.auditFindings')}</h2>
      <p>{t('review.auditLead', { count: audits.total, internal: audits.internal, external: audits.external })}</p>
      <DataTable
        caption={t('review.auditFindings')}
        hideCaption
        text
        empty={t('review.noAuditFindings')}
        columns={[t('review.foundOn'), t('figures.department'), t('review.findingClass'), t('review.auditBody'), t('review.description'), t('figures.recordNumber')]}
        rows={audits.items.map((a) => ({
          key: a.id,
          head: a.foundOn,
          cells: [
            f.name(a), t(`findingClass.${a.findingClass}`), a.externalBody ?? t('review.internalAudit'), a.description,
            a.record ? <Link to={`/staff/improvements/${a.record.number}`}>{a.record.number}</Link> : t('review.noRecord'),
          ],
        }))}
      />
    </section>
  );
}

export function OpportunitiesSection({ opportunities: o }: { opportunities: ManagementReview['opportunities'] }) {
  const f = useFigures();
  const { t } = f;
  return (
    <section className="report-section" aria-labelledby="opportunities-title">
      <h2 id="opportunities-title">{t('review.opportunities')}</h2>
      <DataTable
        caption={t('review.negativeRatings')}
        empty={t('review.noNegativeRatings')}
        columns={[t('figures.category'), t('figures.ratingCount'), t('review.negativeRatingsCount'), t('review.negativeShare')]}
        rows={o.negativeRatingCategories.map((c) => ({ key: c.categoryId ?? 'none', head: f.name(c, 'figures.unclassified'), cells: [f.num(c.ratings), f.num(c.negative), f.pct(c.share)] }))}
      />
      <DataTable
        caption={t('review.lowestCounters')}
        empty={t('counters.none')}
        columns={[t('figures.counter'), t('figures.surveyCount'), t('figures.overall')]}
        rows={o.lowestCounters.map((c) => ({ key: c.counterId, head: f.name(c), cells: [f.num(c.surveys), f.avg(c.overall)] }))}
      />
    </section>
  );
}

/** A decision: its text and the improvement record carrying it out, or a link to open one. */
export function DecisionItem({ decision, canManage }: { decision: RecordedReview['decisions'][number]; canManage: boolean }) {
  const { t } = useFigures();
  return (
    <li>
      <span className="decision-text">{decision.decision}</span>{' — '}
      {decision.record ? (
        <Link to={`/staff/improvements/${decision.record.number}`}>
          {t('review.recordLink', { number: decision.record.number, phase: t(`stage.${decision.record.stage}`) })}
        </Link>
      ) : canManage ? (
        <Link to={`/staff/improvements/new?${new URLSearchParams({ source: 'management_review', decision: String(decision.id) })}`}>
          {t('review.openRecord')}<span className="visually-hidden">{t('review.forDecision', { id: decision.id })}</span>
        </Link>
      ) : t('review.noRecord')}
    </li>
  );
}

export function RecordedReviews({ reviews, canManage }: { reviews: RecordedReview[]; canManage: boolean }) {
  const { t } = useFigures();
  return (
    <section className="report-section no-print" aria-labelledby="recorded-title">
      <h2 id="recorded-title">{t('review.recorded')}</h2>
      {canManage ? <p><Link to="/staff/analytics/reviews/new" className="button">{t('review.recordNew')}</Link></p> : null}
      {reviews.length === 0 ? <p className="analytics-empty">{t('review.noneRecorded')}</p> : reviews.map((r) => (
        <article key={r.id} className="review-record" aria-labelledby={`review-${r.id}`}>
          <h3 id={`review-${r.id}`}>{canManage ? <Link to={`/staff/analytics/reviews/${r.id}`}>{r.title}</Link> : r.title}</h3>
          <p className="muted">{t('review.recordedMeta', { start: r.period.from, end: r.period.to, date: r.heldOn ?? '–' })}</p>
          {r.decisions.length === 0 ? <p>{t('review.noDecisions')}</p> : (
            <ul className="decision-list">
              {r.decisions.map((d) => <DecisionItem key={d.id} decision={d} canManage={canManage} />)}
            </ul>
          )}
        </article>
      ))}
    </section>
  );
}
