import { Form } from '@remix-run/react';
import type { PeriodFilter } from '../analytics.server';
import { useFigures } from './format';

// The period filter (GET): a 年度, or any span of dates. Two small forms, because a query may
// name a 年度 or dates, not both.

export function PeriodForm({ filter, action }: { filter: PeriodFilter; action: string }) {
  const { t } = useFigures();
  return (
    <section className="panel period-filter no-print" aria-labelledby="period-filter-title">
      <h2 id="period-filter-title">{t('period.title')}</h2>
      {filter.error ? <p className="notice notice--error" role="alert">{t(`period.errors.${filter.error}`)}</p> : null}
      <div className="period-filter__forms">
        <Form method="get" action={action} className="period-filter__form">
          <div className="field">
            <label htmlFor="period-fy">{t('period.fiscalYear')}</label>
            <select id="period-fy" name="fy" defaultValue={filter.fiscalYear !== null ? String(filter.fiscalYear) : String(filter.years[0])}>
              {filter.years.map((y) => <option key={y} value={y}>{t('format.fiscalYear', { year: y })}</option>)}
            </select>
          </div>
          <button type="submit" className="button">{t('period.show')}</button>
        </Form>
        <Form method="get" action={action} className="period-filter__form">
          <div className="field">
            <label htmlFor="period-from">{t('period.from')}</label>
            <input type="date" id="period-from" name="from" defaultValue={filter.values.from || (filter.fiscalYear === null ? filter.period?.from : '')} required />
          </div>
          <div className="field">
            <label htmlFor="period-to">{t('period.to')}</label>
            <input type="date" id="period-to" name="to" defaultValue={filter.values.to || (filter.fiscalYear === null ? filter.period?.to : '')} required />
          </div>
          <button type="submit" className="button">{t('period.show')}</button>
        </Form>
      </div>
      <p className="field__hint">{t('period.hint')}</p>
    </section>
  );
}

/** "2026年度（2026-04-01 – 2027-03-31）" or the span of dates. */
export function PeriodLabel({ filter }: { filter: PeriodFilter }) {
  const { t } = useFigures();
  if (!filter.period) return null;
  const { from, to } = filter.period;
  return <>{filter.fiscalYear !== null ? t('format.fiscalYearSpan', { year: filter.fiscalYear, start: from, end: to }) : t('format.span', { start: from, end: to })}</>;
}
