import { index, layout, route, type RouteConfigEntry } from '@remix-run/route-config';
import { staffAnalyticsChildren } from './staff-analytics.routes';
import { staffImprovementChildren } from './staff-improvement.routes';
import { staffTriageChildren } from './staff-triage.routes';

// The backoffice (/staff/…) and administration (/staff/admin/…). Every route module declares
// its access in `handle`; tests/integration/authz-matrix.test.ts requests each one as every role.
export const staffRoutes: RouteConfigEntry[] = [
  // Before sign-in.
  layout('routes/staff/auth-layout.tsx', [
    route('staff/login', 'routes/staff/login.tsx'),
    route('staff/login/totp', 'routes/staff/login-totp.tsx'),
    route('staff/forgot-password', 'routes/staff/forgot-password.tsx'),
    route('staff/reset-password/:token', 'routes/staff/reset-password.tsx'),
    route('staff/invitation/:token', 'routes/staff/invitation.tsx'),
    route('staff/unlock/:token', 'routes/staff/unlock.tsx'),
  ]),
  route('staff/logout', 'routes/staff/logout.ts'),
  route('staff/admin/audit.csv', 'routes/staff/admin/audit-csv.ts'),
  route('staff/voices/:receiptNumber/photos/:photoId', 'routes/staff/voice-photo.ts'),
  route('staff/improvements/:number/photos/:photoId', 'routes/staff/improvements/photo.ts'),
  route('staff/requests/:requestId/held-data/:format', 'routes/staff/requests/held-data.ts'),
  // Signed in.
  route('staff', 'routes/staff/layout.tsx', [
    index('routes/staff/dashboard.tsx'),
    route('voices/:receiptNumber', 'routes/staff/voice.tsx'),
    route('profile', 'routes/staff/profile.tsx'),
    route('profile/totp', 'routes/staff/profile-totp.tsx'),
    route('admin', 'routes/staff/admin/index.tsx'),
    route('admin/users', 'routes/staff/admin/users.tsx'),
    route('admin/users/:userId', 'routes/staff/admin/user.tsx'),
    route('admin/departments', 'routes/staff/admin/departments.tsx'),
    route('admin/departments/:departmentId', 'routes/staff/admin/department.tsx'),
    route('admin/categories', 'routes/staff/admin/categories.tsx'),
    route('admin/categories/:categoryId', 'routes/staff/admin/category.tsx'),
    route('admin/counters', 'routes/staff/admin/counters.tsx'),
    route('admin/counters/:counterId', 'routes/staff/admin/counter.tsx'),
    route('admin/counters/:counterId/poster', 'routes/staff/admin/counter-poster.tsx'),
    route('admin/calendar', 'routes/staff/admin/calendar.tsx'),
    route('admin/city', 'routes/staff/admin/city.tsx'),
    route('admin/boundary', 'routes/staff/admin/boundary.tsx'),
    route('admin/retention', 'routes/staff/admin/retention.tsx'),
    route('requests', 'routes/staff/requests/list.tsx'),
    route('requests/:requestId', 'routes/staff/requests/detail.tsx'),
    route('admin/audit', 'routes/staff/admin/audit.tsx'),
    route('admin/api-clients', 'routes/staff/admin/api-clients.tsx'),
    // Areas with their own lists (paths relative to /staff).
    ...staffTriageChildren,
    ...staffImprovementChildren,
    ...staffAnalyticsChildren,
  ]),
];
