import { route, type RouteConfigEntry } from '@remix-run/route-config';

// The daily work on voices: inbox, voice actions, replies, the mayor's queue, entry on behalf.
// Children of the signed-in staff layout: paths are relative to /staff.
// (The voice page itself, voices/:receiptNumber, is listed in staff.routes.ts.)
export const staffTriageChildren: RouteConfigEntry[] = [
  route('inbox', 'routes/staff/triage/inbox.tsx'),
  route('inbox/map', 'routes/staff/triage/inbox-map.tsx'),
  route('department', 'routes/staff/triage/department.tsx'),
  route('mayor', 'routes/staff/triage/mayor.tsx'),
  route('voices/new', 'routes/staff/triage/new-voice.tsx'),
];
