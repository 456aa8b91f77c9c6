import { route, type RouteConfigEntry } from '@remix-run/route-config';

// Links residents and staff follow from emails (stopping notices), and the backoffice pages
// of the mail system (outside the staff layout route; they draw its frame themselves).
export const emailRoutes: RouteConfigEntry[] = [
  route('mail/stop/:token', 'routes/email/mail-stop.tsx'),
  route('staff/outbox', 'routes/staff/outbox.tsx'),
  route('staff/outbox/:messageId', 'routes/email/outbox-message.tsx'),
  route('staff/email-previews', 'routes/staff/email-previews.tsx'),
];
