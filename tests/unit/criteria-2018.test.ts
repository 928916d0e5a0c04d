import { describe, expect, it } from 'vitest';
import {
  type CriteriaAnswer,
  checkCriteria,
  checkScrCriteria,
  checkSeriousCaseCriteria,
  criteriaFrameworkFor,
} from '../../shared/reviews/index.js';

const VALUES: CriteriaAnswer[] = ['yes', 'no', 'not-known'];

describe('the 2015 "must always" trigger: a death in custody, a secure setting or MHA detention', () => {
  it('is met when the child died in custody, even with no abuse or neglect', () => {
    const check = checkScrCriteria({
      abuseOrNeglect: 'no',
      childDied: 'yes',
      seriouslyHarmed: 'no',
      agencyConcern: 'no',
      diedInCustody: 'yes',
    });
    expect(check.outcome).toBe('met');
    expect(check.explanation).toContain('the child died in custody, in a secure setting or while detained');
    expect(check.explanation).toContain('whether or not abuse or neglect is known or suspected');
  });

  it('leaves it open when abuse or neglect is ruled out but custody is not known', () => {
    const check = checkScrCriteria({
      abuseOrNeglect: 'no',
      childDied: 'yes',
      seriouslyHarmed: 'no',
      agencyConcern: 'no',
    });
    expect(check.outcome).toBe('not-yet-answerable');
    expect(check.openQuestions).toEqual(['diedInCustody']);
    expect(check.explanation).toContain('abuse or neglect of the child is neither known nor suspected');
  });

  it('does not ask about custody when abuse or neglect is known, or the child did not die', () => {
    expect(checkScrCriteria({ abuseOrNeglect: 'yes', childDied: 'not-known' }).openQuestions).not.toContain(
      'diedInCustody',
    );
    expect(
      checkScrCriteria({ abuseOrNeglect: 'no', childDied: 'no', seriouslyHarmed: 'yes', agencyConcern: 'yes' }),
    ).toMatchObject({ outcome: 'not-met', openQuestions: [] });
  });
});

describe('serious child safeguarding case (Working Together 2018 and 2023)', () => {
  it('agrees with "abuse or neglect AND (died OR seriously harmed)" for every way the unknowns could turn out', () => {
    for (const abuseOrNeglect of VALUES)
      for (const childDied of VALUES)
        for (const seriouslyHarmed of VALUES) {
          const fill = (answer: CriteriaAnswer) => (answer === 'not-known' ? [true, false] : [answer === 'yes']);
          const outcomes = new Set(
            fill(abuseOrNeglect).flatMap((a) =>
              fill(childDied).flatMap((died) => fill(seriouslyHarmed).map((harmed) => a && (died || harmed))),
            ),
          );
          const expected = outcomes.size === 2 ? 'not-yet-answerable' : outcomes.has(true) ? 'met' : 'not-met';
          const check = checkSeriousCaseCriteria({ abuseOrNeglect, childDied, seriouslyHarmed });
          const label = JSON.stringify({ abuseOrNeglect, childDied, seriouslyHarmed });
          expect(check.outcome, label).toBe(expected);
          if (expected !== 'not-yet-answerable') expect(check.openQuestions, label).toEqual([]);
        }
  });

  it('needs no concern about how agencies worked together, unlike 2015', () => {
    const answers = { abuseOrNeglect: 'yes', childDied: 'no', seriouslyHarmed: 'yes', agencyConcern: 'no' } as const;
    expect(checkScrCriteria(answers).outcome).toBe('not-met');
    const check = checkSeriousCaseCriteria(answers);
    expect(check.outcome).toBe('met');
    expect(check.explanation).toContain('Notify the national panel within 5 working days of becoming aware');
  });

  it('names the open questions', () => {
    expect(checkSeriousCaseCriteria({ abuseOrNeglect: 'yes' })).toMatchObject({
      outcome: 'not-yet-answerable',
      openQuestions: ['childDied', 'seriouslyHarmed'],
    });
  });
});

describe('which criteria apply', () => {
  it('goes by the date: the 2018 arrangements from 29 June 2018', () => {
    expect(criteriaFrameworkFor('2018-06-28')).toBe('2015');
    expect(criteriaFrameworkFor('2018-06-29')).toBe('2018');
    expect(criteriaFrameworkFor('2021-12-24')).toBe('2018');
    const answers = { abuseOrNeglect: 'yes', childDied: 'no', seriouslyHarmed: 'yes', agencyConcern: 'no' } as const;
    expect(checkCriteria('2015', answers).outcome).toBe('not-met');
    expect(checkCriteria('2018', answers).outcome).toBe('met');
  });
});
