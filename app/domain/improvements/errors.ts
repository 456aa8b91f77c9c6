import { DomainError, type DomainErrorStatus } from '../errors';
import { STAGE_RULE_CODES, type StageRuleCode } from './stages';

// Every refusal of the improvement domain is an ImprovementRuleError (a DomainError) whose code
// is a message key under improvement:errors (ja and en), so screens show a specific reason.

export const IMPROVEMENT_ERROR_CODES = [
  ...STAGE_RULE_CODES,
  'not_found',
  'version_conflict',
  'forbidden',
  'invalid_input',
  'voices_missing',
  'voices_not_found',
  'source_ref_not_found',
  'source_ref_mismatch',
  'not_staff_suggestion',
  'finding_already_turned',
  'decision_already_turned',
  'department_not_found',
  'owner_not_in_department',
  'stage_locked',
  'action_not_found',
  'action_already_done',
  'evidence_missing',
  'review_not_at_check',
  'already_archived',
  'archive_reason_missing',
  'spread_no_departments',
  'found_on_in_future',
  'photo_stage',
] as const satisfies readonly string[];

export type ImprovementErrorCode = (typeof IMPROVEMENT_ERROR_CODES)[number];

// The status the screens have always answered with: 409 stale, 404 missing, 403 refused role.
function statusOf(code: ImprovementErrorCode): DomainErrorStatus {
  return code === 'version_conflict' ? 409 : code === 'not_found' ? 404 : code === 'forbidden' ? 403 : 400;
}

export class ImprovementRuleError extends DomainError<ImprovementErrorCode> {
  /** For a refused stage change: every rule that is not met (the first is `code`). */
  readonly violations: readonly ImprovementErrorCode[];
  readonly details: Record<string, unknown>;

  constructor(code: ImprovementErrorCode, options: { violations?: readonly StageRuleCode[]; details?: Record<string, unknown> } = {}) {
    super('improvement', code, {
      status: statusOf(code),
      message: `improvement rule: ${[code, ...(options.violations ?? []).filter((v) => v !== code)].join(', ')}`,
    });
    this.name = 'ImprovementRuleError';
    this.violations = options.violations && options.violations.length > 0 ? options.violations : [code];
    this.details = options.details ?? {};
  }
}

/** Someone changed the record since it was read: nothing was written; reload and retry. */
export class ImprovementConflictError extends ImprovementRuleError {
  constructor(details: Record<string, unknown> = {}) {
    super('version_conflict', { details });
    this.name = 'ImprovementConflictError';
  }
}
