import type { StaffRole } from '#db/schema/enums';

// Named permissions per role (DOMAIN.md "People and roles"). A permission says what kind of
// thing a role may do; *which* items it may do it to (its own 課 or every 課) is decided in
// the queries by app/auth/scope.server.ts, never only in the UI.

const ALL_STAFF = ['staff', 'manager', 'reform', 'mayor', 'auditor', 'admin'] as const;

export const PERMISSIONS = {
  // Voices: everyone reads, scoped to their 課 unless they also hold voice:read_all.
  'voice:read': ALL_STAFF,
  'voice:read_all': ['reform', 'mayor', 'auditor', 'admin'],
  // Residents' contact details: the reform team and the assigned 課 only (never auditor, mayor, admin).
  'voice:contact_view': ['staff', 'manager', 'reform'],
  'voice:note': ['staff', 'manager', 'reform'],
  // Entering phone, fax, counter and letter voices on a resident's behalf.
  'voice:enter': ['staff', 'manager', 'reform'],
  'voice:assign': ['manager', 'reform'],
  // Classify, route to a 課, merge duplicates, refer, hide.
  'voice:triage': ['reform'],
  'voice:publish': ['reform'],
  'reply:draft': ['staff', 'manager', 'reform'],
  // 決裁: the 課長 approves or sends back the drafts of their 課.
  'reply:approve': ['manager'],
  'mayor:review': ['mayor'],
  'mayor:instruct': ['mayor'],
  'improvement:read': ALL_STAFF,
  'improvement:manage': ['reform'],
  // Carrying out an action assigned to one's own 課.
  'improvement:act': ['staff', 'manager', 'reform'],
  'survey:read': ALL_STAFF,
  'survey:convert': ['reform'],
  'report:read': ['manager', 'reform', 'mayor', 'auditor', 'admin'],
  'audit:read': ['admin', 'auditor'],
  'audit_finding:record': ['auditor'],
  'staff_box:submit': ALL_STAFF,
  'outbox:manage': ['admin', 'reform'],
  // 開示・訂正・利用停止: residents' requests about their personal data (record, decide, carry out).
  'resident_request:manage': ['reform'],
  'admin:manage': ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function roleHasPermission(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

export function permissionsOf(role: StaffRole): Permission[] {
  return ALL_PERMISSIONS.filter((p) => roleHasPermission(role, p));
}
