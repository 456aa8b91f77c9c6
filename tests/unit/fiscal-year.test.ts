import { describe, expect, it } from 'vitest';
import { fiscalYearOf, formatReceiptNumber } from '~/domain/fiscal-year';
import { japanDate } from '~/japan-time';

describe('fiscal year (年度)', () => {
  it('starts on April 1 in Japan time', () => {
    expect(fiscalYearOf(new Date('2027-03-31T14:59:59Z'))).toBe(2026); // 23:59:59 JST on 3/31
    expect(fiscalYearOf(new Date('2027-03-31T15:00:00Z'))).toBe(2027); // 00:00 JST on 4/1
    expect(fiscalYearOf(new Date('2026-11-21T00:00:00Z'))).toBe(2026);
    expect(fiscalYearOf(new Date('2027-01-15T00:00:00Z'))).toBe(2026);
  });

  it('formats receipt numbers as YYYY-NNNNNN', () => {
    expect(formatReceiptNumber(2026, 123)).toBe('2026-000123');
  });

  it('takes the calendar date in Japan', () => {
    expect(japanDate(new Date('2026-11-20T16:00:00Z'))).toBe('2026-11-21');
  });
});
