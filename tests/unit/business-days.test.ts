import { describe, expect, it } from 'vitest';
import holidayJp from '@holiday-jp/holiday_jp';
import { addBusinessDays, businessDaysBetween, isBusinessDay, isNationalHoliday, YEAR_END_CLOSURE, type ClosedDayRule } from '~/domain/business-days';

describe('business days', () => {
  it('skips weekends', () => {
    // Friday 2026-11-20 + 1 business day = Monday 2026-11-23? No: 11/23 is 勤労感謝の日.
    expect(addBusinessDays('2026-11-20', 1, [])).toBe('2026-11-24');
    expect(addBusinessDays('2026-11-16', 4, [])).toBe('2026-11-20');
  });

  it('skips national holidays (Golden Week 2027)', () => {
    // 4/29 昭和の日 (Thu), 5/3–5/5 (Mon–Wed) are holidays.
    expect(isBusinessDay('2027-04-29', [])).toBe(false);
    expect(addBusinessDays('2027-04-28', 3, [])).toBe('2027-05-07'); // 4/30, 5/6, 5/7
  });

  it('skips the year-end closure 12/29–1/3 even on weekdays', () => {
    expect(isBusinessDay('2026-12-29', YEAR_END_CLOSURE)).toBe(false);
    expect(isBusinessDay('2026-12-29', [])).toBe(true);
    // 12/28 (Mon) + 1 → 1/4 (Mon), past 12/29–1/3 and New Year's Day.
    expect(addBusinessDays('2026-12-28', 1, YEAR_END_CLOSURE)).toBe('2027-01-04');
  });

  it('skips a city-specific closed day such as Okinawa 慰霊の日 (6/23)', () => {
    const naha: ClosedDayRule[] = [...YEAR_END_CLOSURE, { kind: 'annual', month: 6, day: 23 }];
    // 2027-06-22 is a Tuesday; +1 skips Wednesday 6/23.
    expect(addBusinessDays('2027-06-22', 1, naha)).toBe('2027-06-24');
    expect(addBusinessDays('2027-06-22', 1, YEAR_END_CLOSURE)).toBe('2027-06-23');
  });

  it('skips a one-off closed date', () => {
    const rules: ClosedDayRule[] = [{ kind: 'date', date: '2027-02-10' }];
    expect(addBusinessDays('2027-02-09', 1, rules)).toBe('2027-02-12'); // 2/11 建国記念の日
  });

  it('knows the same national holidays as @holiday-jp/holiday_jp', () => {
    for (let day = Date.UTC(2024, 0, 1); day <= Date.UTC(2030, 11, 31); day += 86_400_000) {
      const iso = new Date(day).toISOString().slice(0, 10);
      expect(isNationalHoliday(iso), iso).toBe(holidayJp.isHoliday(iso));
    }
  });

  it('counts business days between two dates', () => {
    expect(businessDaysBetween('2026-11-20', '2026-11-27', [])).toBe(4); // 11/23 holiday, weekend
    expect(businessDaysBetween('2026-11-27', '2026-11-20', [])).toBe(0);
  });

  it('gives a 10-business-day reply target across the new year', () => {
    expect(addBusinessDays('2026-12-24', 10, YEAR_END_CLOSURE)).toBe('2027-01-14'); // 12/25, 12/28, then 1/4–1/8, 1/12–1/14 (1/11 成人の日)
  });
});
