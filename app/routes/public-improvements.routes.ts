import { route, type RouteConfigEntry } from '@remix-run/route-config';

// "You said, we did": closed improvement records for residents.
export const publicImprovementRoutes: RouteConfigEntry[] = [
  route('improvements', 'routes/public/improvements/list.tsx'),
  route('improvements/:number', 'routes/public/improvements/detail.tsx'),
  route('improvements/:number/photos/:photoId', 'routes/public/improvements/photo.ts'),
];
