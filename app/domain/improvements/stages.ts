// The stage machine of an improvement record (是正・予防処置): PLAN → DO → CHECK → ACT → closed,
// and CHECK → PLAN when the effectiveness review says "not effective". Pure: it looks at the
// facts of a record and says whether a move is allowed, and if not, every reason why, so that
// a screen can show all that is missing at once instead of one error at a time.

export const IMPROVEMENT_STAGES = ['plan', 'do', 'check', 'act', 'closed'] as const;
export type ImprovementStage = (typeof IMPROVEMENT_STAGES)[number];

export const EFFECTIVENESS_RESULTS = ['effective', 'partly', 'not_effective'] as const;
type EffectivenessResult = (typeof EFFECTIVENESS_RESULTS)[number];

/** Why a stage change is refused; each is a message key under improvement:errors. */
export const STAGE_RULE_CODES = [
  'transition_not_allowed',
  'record_archived',
  'cause_analysis_missing',
  'plan_actions_missing',
  'action_owner_missing',
  'action_due_date_missing',
  'plan_actions_open',
  'action_evidence_missing',
  'effectiveness_missing',
  'effectiveness_evidence_missing',
  'effectiveness_not_effective',
  'reopen_needs_not_effective',
  'standardisation_missing',
  'actions_open',
  'public_summary_missing',
] as const;
export type StageRuleCode = (typeof STAGE_RULE_CODES)[number];

export interface StageActionFacts {
  kind: 'plan' | 'spread';
  ownerDepartmentId: number | null;
  ownerUserId: number | null;
  dueDate: string | null;
  doneAt: Date | string | null;
  evidence: string | null;
  /** Planned before the last "not effective" review: the new PLAN needs actions of its own. */
  earlierCycle?: boolean;
}

export interface StageRecordFacts {
  stage: ImprovementStage;
  archived: boolean;
  causeAnalysis: string | null;
  effectiveness: EffectivenessResult | null;
  effectivenessEvidence: string | null;
  standardisation: string | null;
  publicSummaryJa: string | null;
  linkedVoiceCount: number;
  actions: readonly StageActionFacts[];
}

export type StageCheck = { ok: true } | { ok: false; violations: StageRuleCode[] };

/** The moves the machine knows. CHECK → PLAN is the reopening after "not effective". */
const EDGES: Record<ImprovementStage, readonly ImprovementStage[]> = {
  plan: ['do'],
  do: ['check'],
  check: ['act', 'plan'],
  act: ['closed'],
  closed: [],
};

export function nextStages(stage: ImprovementStage): readonly ImprovementStage[] {
  return EDGES[stage];
}

const filled = (text: string | null | undefined): boolean => typeof text === 'string' && text.trim() !== '';
const isDone = (action: StageActionFacts): boolean => action.doneAt !== null;

function leavingPlan(record: StageRecordFacts): StageRuleCode[] {
  const violations: StageRuleCode[] = [];
  if (!filled(record.causeAnalysis)) violations.push('cause_analysis_missing');
  const planned = record.actions.filter((a) => a.kind === 'plan' && !a.earlierCycle);
  if (planned.length === 0) violations.push('plan_actions_missing');
  if (planned.some((a) => a.ownerDepartmentId === null && a.ownerUserId === null)) violations.push('action_owner_missing');
  if (planned.some((a) => a.dueDate === null)) violations.push('action_due_date_missing');
  return violations;
}

function leavingDo(record: StageRecordFacts): StageRuleCode[] {
  const planned = record.actions.filter((a) => a.kind === 'plan');
  const violations: StageRuleCode[] = [];
  if (planned.length === 0) violations.push('plan_actions_missing');
  if (planned.some((a) => !isDone(a))) violations.push('plan_actions_open');
  if (planned.some((a) => isDone(a) && !filled(a.evidence))) violations.push('action_evidence_missing');
  return violations;
}

function reviewViolations(record: StageRecordFacts): StageRuleCode[] {
  if (record.effectiveness === null) return ['effectiveness_missing'];
  const violations: StageRuleCode[] = [];
  if (record.effectiveness === 'not_effective') violations.push('effectiveness_not_effective');
  if (!filled(record.effectivenessEvidence)) violations.push('effectiveness_evidence_missing');
  return violations;
}

function reopening(record: StageRecordFacts): StageRuleCode[] {
  const violations: StageRuleCode[] = [];
  if (record.effectiveness !== 'not_effective') violations.push('reopen_needs_not_effective');
  if (!filled(record.effectivenessEvidence)) violations.push('effectiveness_evidence_missing');
  return violations;
}

function closing(record: StageRecordFacts): StageRuleCode[] {
  const violations = reviewViolations(record);
  if (!filled(record.standardisation)) violations.push('standardisation_missing');
  // Every action, the 横展開 ones included.
  if (record.actions.some((a) => !isDone(a))) violations.push('actions_open');
  if (record.actions.some((a) => isDone(a) && !filled(a.evidence))) violations.push('action_evidence_missing');
  // Residents who raised it will be told what changed, and the public page shows it.
  if (record.linkedVoiceCount > 0 && !filled(record.publicSummaryJa)) violations.push('public_summary_missing');
  return violations;
}

/** Whether the record may move from its stage to `to`, with every reason it may not. */
export function checkTransition(record: StageRecordFacts, to: ImprovementStage): StageCheck {
  if (record.archived) return { ok: false, violations: ['record_archived'] };
  if (!EDGES[record.stage].includes(to)) return { ok: false, violations: ['transition_not_allowed'] };
  let violations: StageRuleCode[];
  if (record.stage === 'plan') violations = leavingPlan(record);
  else if (record.stage === 'do') violations = leavingDo(record);
  else if (record.stage === 'check') violations = to === 'plan' ? reopening(record) : reviewViolations(record);
  else violations = closing(record);
  return violations.length === 0 ? { ok: true } : { ok: false, violations };
}
