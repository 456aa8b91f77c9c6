import type { LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { publicStatistics } from '~/domain/analytics/public-statistics.server';
import { downloadResponse, sheetsToCsv } from '~/domain/reports/export.server';
import { publicStatisticsSheets } from '~/domain/reports/tables.server';
import { requestLanguage } from '~/i18n/resources.server';
import { statisticsYear } from './statistics.server';

// /statistics.csv?fy=2026: the public statistics of a 年度 (per category, then per 課), UTF-8 with BOM.
export const handle = { access: 'public' } satisfies { access: RouteAccess };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { fiscalYear } = statisticsYear(request);
  if (fiscalYear === null) return new Response('fy', { status: 400 });
  const sheets = publicStatisticsSheets(await publicStatistics(context.db, fiscalYear), requestLanguage(request));
  const response = downloadResponse(sheetsToCsv(sheets), `statistics-${fiscalYear}.csv`, 'csv');
  response.headers.set('Cache-Control', 'public, max-age=300');
  return response;
}
