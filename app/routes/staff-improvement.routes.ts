import { route, type RouteConfigEntry } from '@remix-run/route-config';

// Improvement records (PDCA + SEE), the staff suggestion box and internal audit findings.
// Children of the signed-in staff layout: paths are relative to /staff.
export const staffImprovementChildren: RouteConfigEntry[] = [
  route('improvements', 'routes/staff/improvements/board.tsx'),
  route('improvements/new', 'routes/staff/improvements/new.tsx'),
  route('improvements/:number', 'routes/staff/improvements/record.tsx'),
  route('improvements/:number/photos', 'routes/staff/improvements/photos.tsx'),
  route('staff-box', 'routes/staff/improvements/staff-box.tsx'),
  route('audit-findings', 'routes/staff/improvements/audit-findings.tsx'),
];
