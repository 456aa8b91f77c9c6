import type { LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { reviewDownload } from './review-download.server';

// /staff/analytics/review.csv?fy=2026 (or from/to)
export const handle = { access: { signedIn: true, permission: 'report:read' } } satisfies { access: RouteAccess };

export const loader = (args: LoaderFunctionArgs) => reviewDownload(args, 'csv');
