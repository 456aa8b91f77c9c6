import type { AuditActor } from '~/audit/audit.server';
import type { StaffUser } from '~/auth/session.server';

// The one refusal type of the domain. Each area keeps its own subclass only to name its codes
// and its translation namespace; routes catch DomainError and answer with `status` and
// `messageKey` (see routes/write-answer.server.ts), so there is one converter, not one per area.

export type DomainErrorStatus = 400 | 403 | 404 | 409;

export class DomainError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly status: DomainErrorStatus;
  /** The form field the refusal is about, when it is about one (else the whole form). */
  readonly field: string | undefined;
  /** Translation namespace of `code`, e.g. `triage` → `triage:errors.<code>`. */
  readonly namespace: string;

  constructor(namespace: string, code: Code, options: { status?: DomainErrorStatus; field?: string; message?: string } = {}) {
    super(options.message ?? code);
    this.name = 'DomainError';
    this.namespace = namespace;
    this.code = code;
    this.status = options.status ?? 400;
    this.field = options.field;
  }

  /** The translation key shown to the user, e.g. `triage:errors.stale`. */
  get messageKey(): string {
    return `${this.namespace}:errors.${this.code}`;
  }
}

/** Who writes: the signed-in member of staff and the request facts the audit log needs. */
export interface Actor<U = Pick<StaffUser, 'id' | 'role' | 'departmentId' | 'displayName'>> {
  user: U;
  audit: AuditActor;
}
