import { fiscalYearOf } from '~/domain/fiscal-year';
import { japanDate, japanTimeOn } from '~/japan-time';

/** The 年度 a statistics request asks for (`fy=2026`, default the current one), or null; and the 年度 to offer. */
export function statisticsYear(request: Request): { fiscalYear: number | null; years: number[] } {
  const raw = new URL(request.url).searchParams.get('fy');
  const current = fiscalYearOf(new Date(japanTimeOn(japanDate(new Date()), '12:00:00')));
  const asked = raw === null || raw === '' ? current : /^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= current ? Number(raw) : null;
  return { fiscalYear: asked, years: Array.from({ length: 6 }, (_, i) => current - i) };
}
