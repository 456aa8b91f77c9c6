import { describe, expect, it } from 'vitest';
import { PERMISSIONS, permissionsOf, roleHasPermission } from '~/auth/permissions';
import { canViewContact } from '~/auth/scope.server';

// DOMAIN.md "People and roles", as named permissions.

describe('permissions by role', () => {
  it('lets everyone read voices, but only the reform team, mayor, auditors and admins read all 課', () => {
    for (const role of ['staff', 'manager', 'reform', 'mayor', 'auditor', 'admin'] as const) expect(roleHasPermission(role, 'voice:read')).toBe(true);
    expect(PERMISSIONS['voice:read_all']).toEqual(['reform', 'mayor', 'auditor', 'admin']);
  });

  it('shows residents\' contact details to the reform team and the assigned 課 only', () => {
    expect(canViewContact({ role: 'reform', departmentId: 1 }, { departmentId: 9 })).toBe(true);
    expect(canViewContact({ role: 'staff', departmentId: 9 }, { departmentId: 9 })).toBe(true);
    expect(canViewContact({ role: 'manager', departmentId: 9 }, { departmentId: 9 })).toBe(true);
    expect(canViewContact({ role: 'staff', departmentId: 8 }, { departmentId: 9 })).toBe(false);
    expect(canViewContact({ role: 'staff', departmentId: null }, { departmentId: null })).toBe(false);
    for (const role of ['mayor', 'auditor', 'admin'] as const) expect(canViewContact({ role, departmentId: 9 }, { departmentId: 9 }), role).toBe(false);
  });

  it('gives each role its own work', () => {
    expect(permissionsOf('manager')).toContain('reply:approve');
    expect(permissionsOf('staff')).not.toContain('reply:approve');
    expect(permissionsOf('mayor')).toEqual(expect.arrayContaining(['mayor:review', 'mayor:instruct']));
    expect(permissionsOf('auditor')).toEqual(expect.arrayContaining(['audit:read', 'audit_finding:record']));
    expect(permissionsOf('auditor')).not.toContain('voice:note');
    expect(permissionsOf('reform')).toEqual(expect.arrayContaining(['voice:triage', 'voice:publish', 'improvement:manage', 'outbox:manage']));
    expect(PERMISSIONS['admin:manage']).toEqual(['admin']);
  });
});
