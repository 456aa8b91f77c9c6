import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database, Executor } from '#db/client';
import { apiClients } from '#db/schema/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import { hashSecretToken } from '~/domain/secret-token.server';

export interface ApiClient {
  id: number;
  name: string;
}

/** Issues a new api_key; only its hash and a short prefix (to recognise it in lists) are kept. */
export async function issueApiKey(db: Executor, name: string, createdById: number | null): Promise<{ client: ApiClient; apiKey: string }> {
  const apiKey = `m311_${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(apiClients)
    .values({ name, keyHash: hashSecretToken(apiKey), keyPrefix: apiKey.slice(0, 9), createdById })
    .returning({ id: apiClients.id, name: apiClients.name });
  return { client: row!, apiKey };
}

export async function revokeApiKey(db: Executor, clientId: number): Promise<void> {
  await db.update(apiClients).set({ revokedAt: new Date() }).where(eq(apiClients.id, clientId));
}

/** The client an api_key belongs to, or null for an unknown or revoked key. */
export async function authenticateApiKey(db: Executor, apiKey: string | null | undefined): Promise<ApiClient | null> {
  if (!apiKey || apiKey.length > 200) return null;
  const [row] = await db
    .select({ id: apiClients.id, name: apiClients.name })
    .from(apiClients)
    .where(and(eq(apiClients.keyHash, hashSecretToken(apiKey)), isNull(apiClients.revokedAt)));
  return row ?? null;
}

/** The admin screen's list: never the key itself, only its prefix. */
export async function listApiClients(db: Executor) {
  return db.select({
    id: apiClients.id, name: apiClients.name, keyPrefix: apiClients.keyPrefix, createdAt: apiClients.createdAt, revokedAt: apiClients.revokedAt,
  }).from(apiClients).orderBy(desc(apiClients.createdAt), desc(apiClients.id));
}

/** An admin issues a key: shown once, audited in the same transaction. */
export async function issueApiKeyAsAdmin(db: Database, actor: AuditActor, name: string) {
  return db.transaction(async (tx) => {
    const issued = await issueApiKey(tx, name, actor.userId);
    await recordAudit(tx, { ...actor, action: 'api_client.issue', entityType: 'api_client', entityId: issued.client.id, details: { name } });
    return issued;
  });
}

/** An admin revokes a key at once; requests with it get 403 from then on. */
export async function revokeApiKeyAsAdmin(db: Database, actor: AuditActor, clientId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const revoked = await tx.update(apiClients).set({ revokedAt: new Date() })
      .where(and(eq(apiClients.id, clientId), isNull(apiClients.revokedAt))).returning({ id: apiClients.id });
    if (revoked.length === 0) return false;
    await recordAudit(tx, { ...actor, action: 'api_client.revoke', entityType: 'api_client', entityId: clientId });
    return true;
  });
}
