import { describe, expect, it } from 'vitest';
import {
  fiscalYearOfPeriod, fiscalYearPeriod, isIsoDate, monthsOf, parsePeriodQuery, periodInstants,
} from '~/domain/analytics/period';

const query = (q: string, today = '2026-11-21') => parsePeriodQuery(new URLSearchParams(q), today);

describe('analytics periods', () => {
  it('turn a 年度 into April 1 – March 31 and back', () => {
    expect(fiscalYearPeriod(2026)).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(fiscalYearOfPeriod({ from: '2026-04-01', to: '2027-03-31' })).toBe(2026);
    expect(fiscalYearOfPeriod({ from: '2026-04-01', to: '2026-09-30' })).toBeNull();
  });

  it('list the months of a period, across the calendar year', () => {
    expect(monthsOf(fiscalYearPeriod(2026))).toEqual([
      '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03',
    ]);
    expect(monthsOf({ from: '2026-05-31', to: '2026-06-01' })).toEqual(['2026-05', '2026-06']);
    expect(monthsOf({ from: '2026-05-03', to: '2026-05-03' })).toEqual(['2026-05']);
  });

  it('bound a period by midnight in Japan, the last day included', () => {
    expect(periodInstants({ from: '2026-04-01', to: '2027-03-31' })).toEqual({ start: '2026-04-01T00:00:00+09:00', end: '2027-04-01T00:00:00+09:00' });
    expect(periodInstants({ from: '2028-02-01', to: '2028-02-29' }).end).toBe('2028-03-01T00:00:00+09:00');
  });

  it('read fy=… or from/to from the query, and default to the 年度 of today', () => {
    expect(query('fy=2025')).toEqual({ success: true, period: { from: '2025-04-01', to: '2026-03-31' } });
    expect(query('from=2026-04-01&to=2026-06-30')).toEqual({ success: true, period: { from: '2026-04-01', to: '2026-06-30' } });
    expect(query('')).toEqual({ success: true, period: { from: '2026-04-01', to: '2027-03-31' } });
    expect(query('', '2027-03-31')).toMatchObject({ period: { from: '2026-04-01' } });
    expect(query('', '2027-04-01')).toMatchObject({ period: { from: '2027-04-01' } });
  });

  it('refuse what is not a period', () => {
    for (const bad of [
      'fy=26', 'fy=abcd', 'fy=1999', 'fy=2026&from=2026-04-01&to=2026-05-01', 'from=2026-04-01',
      'from=2026-02-30&to=2026-03-01', 'from=2026-06-01&to=2026-05-31', 'from=2020-01-01&to=2026-01-01',
    ]) {
      expect(query(bad).success, bad).toBe(false);
    }
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
  });
});
