import { localText, type Translations } from '~/i18n/city-text';
import { serverT } from '~/i18n/resources.server';
import type { Translate } from '~/i18n/i18n';
import { FINDING_CLASSES, VOICE_KINDS, type FindingTable } from '../analytics/finding-table.server';
import type { PublicStatistics, PublicStatisticsRow } from '../analytics/public-statistics.server';
import type { DeadlineCompliance, ReplyTimes } from '../analytics/reply-times.server';
import type { CounterSurveyTrend, ReplyRatingTrend } from '../analytics/satisfaction.server';
import type { ImprovementSummary } from '../analytics/improvement-summary.server';
import type { OverdueFigures, VoicesPerMonth } from '../analytics/voices.server';
import type { ManagementReview } from './management-review.server';
import type { Cell, Sheet } from './sheet';

// The figures as tables with translated headers, for CSV and .xlsx downloads (and print).
// Rounding here is presentation only: every figure was computed in SQL.

interface Labels {
  t: Translate;
  name: (row: { nameJa: string | null; nameTranslations: Translations | null }, fallback: string) => string;
}

function labels(language: string): Labels {
  const t = serverT(language, 'analytics');
  return {
    t,
    name: (row, fallback) => localText(language, row.nameJa, row.nameTranslations) ?? fallback,
  };
}

const percent = (share: number | null): Cell => (share === null ? null : Math.round(share * 1000) / 10);
const round = (value: number | null, digits = 2): Cell => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

function volumesSheet(v: VoicesPerMonth, name: string, { t, name: label }: Labels): Sheet {
  const seriesLabel = (s: VoicesPerMonth['series'][number]) => {
    if (v.by === 'kind') return t(`domain:kind.${s.key}`);
    if (v.by === 'channel') return t(`domain:channel.${s.key}`);
    return label(s, t(v.by === 'category' ? 'figures.unclassified' : 'figures.unassigned'));
  };
  return {
    name,
    headers: [t(`figures.${v.by}`), ...v.months, t('figures.total')],
    rows: [
      ...v.series.map((s) => [seriesLabel(s), ...s.counts, s.total]),
      [t('figures.total'), ...v.monthTotals, v.total],
    ],
  };
}

function replyTimesSheet(r: ReplyTimes, l: Labels): Sheet {
  const { t } = l;
  const row = (label: string, f: ReplyTimes['overall']): Cell[] => [
    label, f.answered, round(f.businessDays.median, 1), round(f.businessDays.p90, 1), round(f.calendarDays.median, 1), round(f.calendarDays.p90, 1),
  ];
  return {
    name: t('sheets.replyTimes'),
    headers: [t('figures.department'), t('figures.answered'), t('figures.medianBusinessDays'), t('figures.p90BusinessDays'), t('figures.medianCalendarDays'), t('figures.p90CalendarDays')],
    rows: [...r.byDepartment.map((g) => row(l.name(g, t('figures.unassigned')), g)), row(t('figures.total'), r.overall)],
  };
}

function complianceSheet(c: DeadlineCompliance, l: Labels): Sheet {
  const { t } = l;
  const row = (label: string, f: Omit<DeadlineCompliance, 'byDepartment'>): Cell[] => [label, f.answered, f.withDueDate, f.onTime, f.late, percent(f.share), f.extendedByInterim];
  return {
    name: t('sheets.compliance'),
    headers: [t('figures.department'), t('figures.answered'), t('figures.withDueDate'), t('figures.onTime'), t('figures.late'), t('figures.onTimeShare'), t('figures.extendedByInterim')],
    rows: [...c.byDepartment.map((g) => row(l.name(g, t('figures.unassigned')), g)), row(t('figures.total'), c)],
  };
}

function overdueSheet(o: OverdueFigures, l: Labels): Sheet {
  const { t } = l;
  return {
    name: t('sheets.overdue'),
    headers: [t('figures.department'), t('figures.overdue'), t('figures.oldestDueDate'), t('figures.maxDaysOverdue')],
    rows: [
      ...o.byDepartment.map((g) => [l.name(g, t('figures.unassigned')), g.count, g.oldestDueDate, g.maxDaysOverdue]),
      [t('figures.total'), o.count, null, null],
    ],
  };
}

const ratingHeaders = (t: Translate) => [t('figures.ratingCount'), t('figures.averageSatisfaction'), t('figures.resolvedYes'), t('figures.resolvedPartly'), t('figures.resolvedNo')];
const ratingCells = (f: ReplyRatingTrend['total']): Cell[] => [f.count, round(f.average), percent(f.yesShare), percent(f.partlyShare), percent(f.noShare)];

function ratingSheets(r: ReplyRatingTrend, l: Labels): Sheet[] {
  const { t } = l;
  return [
    {
      name: t('sheets.ratings'),
      headers: [t('figures.month'), ...ratingHeaders(t)],
      rows: [...r.months.map((m) => [m.month, ...ratingCells(m)]), [t('figures.total'), ...ratingCells(r.total)]],
    },
    {
      name: t('sheets.ratingsByDepartment'),
      headers: [t('figures.department'), ...ratingHeaders(t)],
      rows: [...r.byDepartment.map((d) => [l.name(d, t('figures.unassigned')), ...ratingCells(d)]), [t('figures.total'), ...ratingCells(r.total)]],
    },
  ];
}

function surveySheet(s: CounterSurveyTrend, l: Labels): Sheet {
  const { t } = l;
  const cells = (f: CounterSurveyTrend['total']): Cell[] => [f.count, round(f.speed), round(f.courtesy), round(f.clarity), round(f.overall)];
  return {
    name: t('sheets.surveys'),
    headers: [t('figures.counter'), t('figures.month'), t('figures.surveyCount'), t('figures.speed'), t('figures.courtesy'), t('figures.clarity'), t('figures.overall')],
    rows: [
      ...s.byCounter.flatMap((c) => [
        ...c.months.map((m) => [l.name(c, ''), m.month, ...cells(m)]),
        [l.name(c, ''), t('figures.total'), ...cells(c)],
      ]),
      [t('figures.total'), null, ...cells(s.total)],
    ],
  };
}

function improvementSheet(i: ImprovementSummary, l: Labels): Sheet {
  const { t } = l;
  const rows: Cell[][] = [
    ...(['plan', 'do', 'check', 'act', 'closed'] as const).map((stage) => [t(`stage.${stage}`), i.byStage[stage]]),
    [t('figures.opened'), i.opened],
    [t('figures.closed'), i.closed],
    [t('figures.overdueRecords'), i.overdue],
    [t('figures.overdueActions'), i.overdueActions],
    [t('figures.checked'), i.checked],
    [t('figures.effective'), i.effective],
    [t('figures.partlyEffective'), i.partlyEffective],
    [t('figures.notEffective'), i.notEffective],
    [t('figures.effectiveShare'), percent(i.effectiveShare)],
  ];
  return { name: t('sheets.improvement'), headers: [t('summary.item'), t('summary.value')], rows };
}

/** 発生状況まとめ: 部, 課, the finding classes, audit counts, the kinds of voice, totals. */
export function findingTableSheet(table: FindingTable, language: string): Sheet {
  const l = labels(language);
  const { t } = l;
  const cells = (c: FindingTable['totals']): Cell[] => [
    ...FINDING_CLASSES.map((k) => c.findings[k]), c.findingsTotal, c.internalAudit, c.externalAudit,
    ...VOICE_KINDS.map((k) => c.voices[k]), c.voicesTotal,
  ];
  return {
    name: t('sheets.findingTable'),
    headers: [
      t('figures.bu'), t('figures.department'),
      ...FINDING_CLASSES.map((k) => t('findingTable.findingColumn', { name: t(`findingClass.${k}`) })), t('findingTable.findingsTotal'), t('findingTable.internalAudit'), t('findingTable.externalAudit'),
      ...VOICE_KINDS.map((k) => t('findingTable.voiceColumn', { name: t(`domain:kind.${k}`) })), t('findingTable.voicesTotal'),
    ],
    rows: [
      ...table.rows.map((r) => [l.name({ nameJa: r.buNameJa, nameTranslations: r.buNameTranslations }, ''), l.name(r, t('figures.unassigned')), ...cells(r)]),
      [t('figures.total'), null, ...cells(table.totals)],
    ],
  };
}

/** Every table of the management review, in the order of the printed report. */
export function managementReviewSheets(review: ManagementReview, language: string): Sheet[] {
  const l = labels(language);
  const { t } = l;
  const summary: Sheet = {
    name: t('sheets.summary'),
    headers: [t('summary.item'), t('summary.value')],
    rows: [
      [t('summary.period'), `${review.period.from} – ${review.period.to}`],
      [t('summary.generatedOn'), review.generatedOn],
      [t('figures.received'), review.volumes.kind.total],
      [t('figures.answered'), review.replyTimes.overall.answered],
      [t('figures.medianBusinessDays'), round(review.replyTimes.overall.businessDays.median, 1)],
      [t('figures.p90BusinessDays'), round(review.replyTimes.overall.businessDays.p90, 1)],
      [t('figures.onTimeShare'), percent(review.deadlineCompliance.share)],
      [t('figures.overdue'), review.overdue.count],
      [t('figures.reviewedShare'), percent(review.mayorReview.share)],
      [t('figures.averageSatisfaction'), round(review.satisfaction.ratings.total.average)],
      [`${t('figures.surveys')}: ${t('figures.overall')}`, round(review.satisfaction.counters.total.overall)],
      [t('figures.effectiveShare'), percent(review.improvement.effectiveShare)],
    ],
  };
  const decisions: Sheet = {
    name: t('sheets.earlierDecisions'),
    headers: [t('review.reviewTitle'), t('review.heldOn'), t('review.decision'), t('figures.recordNumber'), t('review.recordStage')],
    rows: review.earlierDecisions.map((d) => [
      d.reviewTitle, d.heldOn, d.decision, d.record?.number ?? null, d.record ? t(`stage.${d.record.stage}`) : t('review.noRecord'),
    ]),
  };
  const audits: Sheet = {
    name: t('sheets.auditFindings'),
    headers: [t('review.foundOn'), t('figures.department'), t('review.findingClass'), t('review.auditBody'), t('review.description'), t('figures.recordNumber')],
    rows: review.auditFindings.items.map((f) => [
      f.foundOn, l.name(f, ''), t(`findingClass.${f.findingClass}`), f.externalBody ?? t('review.internalAudit'), f.description, f.record?.number ?? null,
    ]),
  };
  const opportunities: Sheet = {
    name: t('sheets.opportunities'),
    headers: [t('review.opportunities'), t('summary.item'), t('figures.ratingCount'), t('review.negativeRatings'), t('review.negativeShare'), t('figures.overall')],
    rows: [
      ...review.opportunities.negativeRatingCategories.map((c) => [t('review.negativeRatings'), l.name(c, t('figures.unclassified')), c.ratings, c.negative, percent(c.share), null]),
      ...review.opportunities.lowestCounters.map((c) => [t('review.lowestCounters'), l.name(c, ''), c.surveys, null, null, round(c.overall)]),
    ],
  };
  return [
    summary,
    decisions,
    volumesSheet(review.volumes.kind, t('sheets.volumesByKind'), l),
    volumesSheet(review.volumes.category, t('sheets.volumesByCategory'), l),
    volumesSheet(review.volumes.department, t('sheets.volumesByDepartment'), l),
    volumesSheet(review.volumes.channel, t('sheets.volumesByChannel'), l),
    replyTimesSheet(review.replyTimes, l),
    complianceSheet(review.deadlineCompliance, l),
    overdueSheet(review.overdue, l),
    ...ratingSheets(review.satisfaction.ratings, l),
    surveySheet(review.satisfaction.counters, l),
    improvementSheet(review.improvement, l),
    audits,
    findingTableSheet(review.findingTable, language),
    opportunities,
  ];
}

/** The public statistics of a 年度: one table per category and one per 課. */
export function publicStatisticsSheets(stats: PublicStatistics, language: string): Sheet[] {
  const l = labels(language);
  const { t } = l;
  const headers = (first: string) => [first, t('figures.received'), t('figures.answered'), t('figures.medianBusinessDays'), t('figures.p90BusinessDays'), t('figures.medianCalendarDays')];
  const cells = (f: PublicStatistics['total']): Cell[] => [f.received, f.answered, round(f.medianBusinessDays, 1), round(f.p90BusinessDays, 1), round(f.medianCalendarDays, 1)];
  const rows = (list: PublicStatisticsRow[], fallback: string) => [...list.map((r) => [l.name(r, fallback), ...cells(r)]), [t('figures.total'), ...cells(stats.total)]];
  return [
    { name: t('sheets.publicByCategory'), headers: headers(t('figures.category')), rows: rows(stats.byCategory, t('figures.unclassified')) },
    { name: t('sheets.publicByDepartment'), headers: headers(t('figures.department')), rows: rows(stats.byDepartment, t('figures.unassigned')) },
  ];
}
