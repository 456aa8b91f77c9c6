import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUserWithPermission } from '~/auth/session.server';
import { findingTable } from '~/domain/analytics/finding-table.server';
import { analyticsScopeFor } from '~/domain/analytics/scope';
import { downloadResponse, sheetsToCsv, toXlsx } from '~/domain/reports/export.server';
import { findingTableSheet } from '~/domain/reports/tables.server';
import { requestLanguage } from '~/i18n/resources.server';
import { readFiscalYear, todayInJapan } from './analytics.server';

/** 発生状況まとめ of a 年度 as CSV or .xlsx, in the reader's scope and language. */
export async function findingsDownload({ request, context }: LoaderFunctionArgs, type: 'csv' | 'xlsx'): Promise<Response> {
  const user = await requireUserWithPermission(request, context, 'report:read');
  const { fiscalYear } = readFiscalYear(request, todayInJapan());
  if (fiscalYear === null) return new Response('fy', { status: 400 });
  const sheet = findingTableSheet(await findingTable(context.db, analyticsScopeFor(user), fiscalYear), requestLanguage(request));
  const filename = `findings-${fiscalYear}.${type}`;
  return type === 'csv' ? downloadResponse(sheetsToCsv([sheet]), filename, 'csv') : downloadResponse(await toXlsx([sheet]), filename, 'xlsx');
}
