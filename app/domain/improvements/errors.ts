import { STAGE_RULE_CODES, type StageRuleCode } from './stages';

// Every refusal of the improvement domain is an ImprovementRuleError whose code is a message
// key under improvement:errors (ja and en), so screens show a translated, specific reason.

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

export class ImprovementRuleError extends Error {
  readonly code: ImprovementErrorCode;
  /** For a refused stage change: every rule that is not met (the first is `code`). */
  readonly violations: readonly ImprovementErrorCode[];
  readonly details: Record<string, unknown>;

  constructor(code: ImprovementErrorCode, options: { violations?: readonly StageRuleCode[]; details?: Record<string, unknown> } = {}) {
    super(`improvement rule: ${[code, ...(options.violations ?? []).filter((v) => v !== code)].join(', ')}`);
    this.name = 'ImprovementRuleError';
    this.code = code;
    this.violations = options.violations && options.violations.length > 0 ? options.violations : [code];
    this.details = options.details ?? {};
  }

  /** The translation key, e.g. t(error.messageKey) → 「原因分析が記入されていません。」 */
  get messageKey(): string {
    return `improvement:errors.${this.code}`;
  }
}

/** Someone changed the record since it was read: nothing was written; reload and retry. */
export class ImprovementConflictError extends ImprovementRuleError {
  constructor(details: Record<string, unknown> = {}) {
    super('version_conflict', { details });
    this.name = 'ImprovementConflictError';
  }
}

export function isImprovementRuleError(error: unknown): error is ImprovementRuleError {
  return error instanceof ImprovementRuleError;
}
