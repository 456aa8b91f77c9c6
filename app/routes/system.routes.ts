import { route, type RouteConfigEntry } from '@remix-run/route-config';

// Machine-facing endpoints: health checks, translation files the build lacks, the Open311 API.
export const systemRoutes: RouteConfigEntry[] = [
  route('healthz', 'routes/healthz.ts'),
  route('translations/:language/:file', 'routes/translations.ts'),
  route('open311/v2/*', 'routes/open311/api.ts'),
];
