import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUserWithPermission } from '~/auth/session.server';
import { buildManagementReview } from '~/domain/reports/management-review.server';
import { downloadResponse, sheetsToCsv, toXlsx } from '~/domain/reports/export.server';
import { managementReviewSheets } from '~/domain/reports/tables.server';
import { requestLanguage } from '~/i18n/resources.server';
import { readPeriodFilter, todayInJapan } from './analytics.server';

/** The management review of a period as one CSV (its tables one after the other) or an .xlsx (a sheet per table). */
export async function reviewDownload({ request, context }: LoaderFunctionArgs, type: 'csv' | 'xlsx'): Promise<Response> {
  await requireUserWithPermission(request, context, 'report:read');
  const today = todayInJapan();
  const { period, fiscalYear } = readPeriodFilter(request, today);
  if (!period) return new Response('period', { status: 400 });
  const sheets = managementReviewSheets(await buildManagementReview(context.db, period, today), requestLanguage(request));
  const filename = `management-review-${fiscalYear ?? `${period.from}_${period.to}`}.${type}`;
  return type === 'csv' ? downloadResponse(sheetsToCsv(sheets), filename, 'csv') : downloadResponse(await toXlsx(sheets), filename, 'xlsx');
}
