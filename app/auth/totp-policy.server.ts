import { eq } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { citySettings, type StaffRole } from '#db/schema/index';

/** Whether the city's policy requires this role to use the TOTP second factor. */
export async function totpPolicyApplies(db: Executor, role: StaffRole): Promise<boolean> {
  if (role !== 'admin' && role !== 'mayor') return false;
  const [row] = await db.select({ required: citySettings.requireTotpForAdminAndMayor }).from(citySettings).where(eq(citySettings.id, 1));
  return row?.required ?? false;
}
