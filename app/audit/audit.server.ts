import type { Executor } from '#db/client';
import { auditLog } from '#db/schema/index';

/** Who acts, and from where: taken once per request and passed down to every write. */
export interface AuditActor {
  userId: number | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditEntry extends AuditActor {
  /** Dotted verb in the domain's words, e.g. "contact.view", "user.invite", "auth.login". */
  action: string;
  entityType: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one entry. Call it with the transaction of the write it describes, so that a
 * rolled-back change leaves no entry and a committed one always has its entry. The app has
 * no function that changes or removes entries (a trigger refuses it too).
 */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    userId: entry.userId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    ip: entry.ip,
    userAgent: entry.userAgent?.slice(0, 400) ?? null,
    requestId: entry.requestId,
    details: entry.details ?? {},
  });
}

/** The actor of a request, for routes: the signed-in user (if any), IP, browser and request id. */
export function auditActor(
  request: Request,
  context: { clientIp: string; requestId: string },
  user: { id: number } | null,
): AuditActor {
  return {
    userId: user?.id ?? null,
    ip: context.clientIp,
    userAgent: request.headers.get('user-agent'),
    requestId: context.requestId,
  };
}
