import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPROVEMENT_ERROR_CODES, ImprovementConflictError, ImprovementRuleError } from '~/domain/improvements/errors';
import { createTranslator } from '~/i18n/i18n';

const load = (language: string) => JSON.parse(readFileSync(path.resolve(`app/i18n/locales/${language}/improvement.json`), 'utf8'));

describe('improvement refusals', () => {
  for (const language of ['ja', 'en']) {
    it(`each have a message in ${language}`, () => {
      const t = createTranslator(language, { improvement: load(language) });
      for (const code of IMPROVEMENT_ERROR_CODES) {
        const message = t(new ImprovementRuleError(code).messageKey);
        expect(message, code).not.toBe(`improvement:errors.${code}`);
        expect(message.trim(), code).not.toBe('');
      }
    });
  }

  it('carry every violated rule, the first as the code', () => {
    const error = new ImprovementRuleError('cause_analysis_missing', { violations: ['cause_analysis_missing', 'plan_actions_missing'] });
    expect(error.code).toBe('cause_analysis_missing');
    expect(error.violations).toEqual(['cause_analysis_missing', 'plan_actions_missing']);
    expect(new ImprovementConflictError()).toBeInstanceOf(ImprovementRuleError);
    expect(new ImprovementConflictError().code).toBe('version_conflict');
  });

  it('have no message key that no refusal uses', () => {
    expect(Object.keys(load('ja').errors).sort()).toEqual([...IMPROVEMENT_ERROR_CODES].sort());
  });
});
