import type { LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { findingsDownload } from './findings-download.server';

// /staff/analytics/findings.csv?fy=2026
export const handle = { access: { signedIn: true, permission: 'report:read' } } satisfies { access: RouteAccess };

export const loader = (args: LoaderFunctionArgs) => findingsDownload(args, 'csv');
