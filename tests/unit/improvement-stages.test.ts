import { describe, expect, it } from 'vitest';
import {
  checkTransition, IMPROVEMENT_STAGES, nextStages, type ImprovementStage, type StageActionFacts, type StageRecordFacts,
} from '~/domain/improvements/stages';

const planAction = (over: Partial<StageActionFacts> = {}): StageActionFacts => ({
  kind: 'plan', ownerDepartmentId: 7, ownerUserId: null, dueDate: '2026-12-01', doneAt: null, evidence: null, ...over,
});
const done = (over: Partial<StageActionFacts> = {}) => planAction({ doneAt: new Date('2026-11-20T00:00:00Z'), evidence: '手順書 第2版', ...over });

/** A record whose every rule for leaving `stage` holds. */
function ready(stage: ImprovementStage, over: Partial<StageRecordFacts> = {}): StageRecordFacts {
  const base: StageRecordFacts = {
    stage, archived: false, causeAnalysis: 'なぜなぜ分析：…', effectiveness: null, effectivenessEvidence: null,
    standardisation: null, publicSummaryJa: null, linkedVoiceCount: 1, actions: [planAction()],
  };
  if (stage === 'do') Object.assign(base, { actions: [done()] });
  if (stage === 'check') Object.assign(base, { actions: [done()], effectiveness: 'effective', effectivenessEvidence: '待ち時間 62分→24分' });
  if (stage === 'act') {
    Object.assign(base, {
      actions: [done(), done({ kind: 'spread', ownerDepartmentId: 9 })], effectiveness: 'partly', effectivenessEvidence: '満足度 2.4→3.9',
      standardisation: '窓口業務手順書を改訂', publicSummaryJa: '待ち時間を表示するモニターを設置しました。',
    });
  }
  return { ...base, ...over };
}

const violations = (record: StageRecordFacts, to: ImprovementStage) => {
  const result = checkTransition(record, to);
  return result.ok ? [] : result.violations;
};

describe('the stage machine', () => {
  const legal: [ImprovementStage, ImprovementStage][] = [['plan', 'do'], ['do', 'check'], ['check', 'act'], ['act', 'closed']];

  it('knows exactly the moves PLAN → DO → CHECK → ACT → closed, and CHECK → PLAN', () => {
    expect(Object.fromEntries(IMPROVEMENT_STAGES.map((s) => [s, [...nextStages(s)]]))).toEqual({
      plan: ['do'], do: ['check'], check: ['act', 'plan'], act: ['closed'], closed: [],
    });
  });

  for (const from of IMPROVEMENT_STAGES) {
    for (const to of IMPROVEMENT_STAGES) {
      if (nextStages(from).includes(to)) continue;
      it(`refuses ${from} → ${to} as a move the machine does not have, however complete the record`, () => {
        expect(violations(ready(from), to)).toEqual(['transition_not_allowed']);
      });
    }
  }

  for (const [from, to] of legal) {
    it(`allows ${from} → ${to} when its conditions hold`, () => {
      expect(checkTransition(ready(from), to)).toEqual({ ok: true });
    });
    it(`refuses ${from} → ${to} on an archived record`, () => {
      expect(violations(ready(from, { archived: true }), to)).toEqual(['record_archived']);
    });
  }
});

describe('leaving PLAN', () => {
  it('needs a cause analysis', () => {
    expect(violations(ready('plan', { causeAnalysis: null }), 'do')).toEqual(['cause_analysis_missing']);
    expect(violations(ready('plan', { causeAnalysis: '   ' }), 'do')).toEqual(['cause_analysis_missing']);
  });

  it('needs at least one planned action; 横展開 actions do not count', () => {
    expect(violations(ready('plan', { actions: [] }), 'do')).toEqual(['plan_actions_missing']);
    expect(violations(ready('plan', { actions: [planAction({ kind: 'spread' })] }), 'do')).toEqual(['plan_actions_missing']);
  });

  it('needs an owner and a due date on every planned action, and lists every reason at once', () => {
    expect(violations(ready('plan', { actions: [planAction(), planAction({ ownerDepartmentId: null })] }), 'do')).toEqual(['action_owner_missing']);
    expect(violations(ready('plan', { actions: [planAction({ ownerDepartmentId: null, ownerUserId: 3 })] }), 'do')).toEqual([]);
    expect(violations(ready('plan', { actions: [planAction({ dueDate: null })] }), 'do')).toEqual(['action_due_date_missing']);
    expect(violations(ready('plan', { causeAnalysis: '', actions: [planAction({ ownerDepartmentId: null, dueDate: null })] }), 'do'))
      .toEqual(['cause_analysis_missing', 'action_owner_missing', 'action_due_date_missing']);
  });

  it('after "not effective", needs a new action: the ones of the earlier cycle do not count', () => {
    const earlier = done({ earlierCycle: true });
    expect(violations(ready('plan', { actions: [earlier] }), 'do')).toEqual(['plan_actions_missing']);
    expect(violations(ready('plan', { actions: [earlier, planAction()] }), 'do')).toEqual([]);
  });
});

describe('leaving DO', () => {
  it('needs every planned action done', () => {
    expect(violations(ready('do', { actions: [done(), planAction()] }), 'check')).toEqual(['plan_actions_open']);
  });

  it('needs evidence for every action done', () => {
    expect(violations(ready('do', { actions: [done({ evidence: null })] }), 'check')).toEqual(['action_evidence_missing']);
  });

  it('does not wait for 横展開 actions (they are followed up until closing)', () => {
    expect(violations(ready('do', { actions: [done(), planAction({ kind: 'spread' })] }), 'check')).toEqual([]);
  });
});

describe('leaving CHECK', () => {
  it('needs an effectiveness review with evidence to move on to ACT', () => {
    expect(violations(ready('check', { effectiveness: null, effectivenessEvidence: null }), 'act')).toEqual(['effectiveness_missing']);
    expect(violations(ready('check', { effectivenessEvidence: '' }), 'act')).toEqual(['effectiveness_evidence_missing']);
    expect(checkTransition(ready('check', { effectiveness: 'partly' }), 'act')).toEqual({ ok: true });
  });

  it('does not move on to ACT when the review found the fix not effective', () => {
    expect(violations(ready('check', { effectiveness: 'not_effective' }), 'act')).toEqual(['effectiveness_not_effective']);
  });

  it('goes back to PLAN only with a "not effective" review and its evidence', () => {
    expect(checkTransition(ready('check', { effectiveness: 'not_effective' }), 'plan')).toEqual({ ok: true });
    expect(violations(ready('check'), 'plan')).toEqual(['reopen_needs_not_effective']);
    expect(violations(ready('check', { effectiveness: null, effectivenessEvidence: null }), 'plan'))
      .toEqual(['reopen_needs_not_effective', 'effectiveness_evidence_missing']);
  });
});

describe('closing from ACT', () => {
  it('needs the fix standardised, or a note why not', () => {
    expect(violations(ready('act', { standardisation: null }), 'closed')).toEqual(['standardisation_missing']);
    expect(checkTransition(ready('act', { standardisation: '不要：一度限りの設備故障のため' }), 'closed')).toEqual({ ok: true });
  });

  it('needs every action done, 横展開 included, each with evidence', () => {
    expect(violations(ready('act', { actions: [done(), planAction({ kind: 'spread' })] }), 'closed')).toEqual(['actions_open']);
    expect(violations(ready('act', { actions: [done({ kind: 'spread', evidence: ' ' })] }), 'closed')).toEqual(['action_evidence_missing']);
  });

  it('needs the effectiveness review recorded as effective or partly', () => {
    expect(violations(ready('act', { effectiveness: null }), 'closed')).toEqual(['effectiveness_missing']);
    expect(violations(ready('act', { effectiveness: 'not_effective' }), 'closed')).toEqual(['effectiveness_not_effective']);
    expect(violations(ready('act', { effectivenessEvidence: null }), 'closed')).toEqual(['effectiveness_evidence_missing']);
  });

  it('needs a public summary when residents\' voices are linked, and not otherwise', () => {
    expect(violations(ready('act', { publicSummaryJa: null }), 'closed')).toEqual(['public_summary_missing']);
    expect(checkTransition(ready('act', { publicSummaryJa: null, linkedVoiceCount: 0 }), 'closed')).toEqual({ ok: true });
  });

  it('lists every missing condition together', () => {
    expect(violations(ready('act', {
      standardisation: '', publicSummaryJa: '', effectiveness: null, actions: [planAction()],
    }), 'closed')).toEqual(['effectiveness_missing', 'standardisation_missing', 'actions_open', 'public_summary_missing']);
  });
});
