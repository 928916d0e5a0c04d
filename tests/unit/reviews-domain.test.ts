import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../shared/dates/iso-date.js';
import {
  type CriteriaAnswer,
  type CriteriaAnswers,
  checkScrCriteria,
  checkTransition,
  decisionCaution,
  nextStatuses,
  normalisePersonRole,
  parseTermsOfReference,
  professionalPrefix,
  type REVIEW_STATUS_CODES,
  suggestPseudonym,
} from '../../shared/reviews/index.js';

const VALUES: CriteriaAnswer[] = ['yes', 'no', 'not-known'];
const KEYS = ['abuseOrNeglect', 'childDied', 'seriouslyHarmed', 'agencyConcern', 'diedInCustody'] as const;

function everyAnswerSet(): CriteriaAnswers[] {
  const sets: CriteriaAnswers[] = [];
  for (const abuseOrNeglect of VALUES)
    for (const childDied of VALUES)
      for (const seriouslyHarmed of VALUES)
        for (const agencyConcern of VALUES)
          for (const diedInCustody of VALUES)
            sets.push({ abuseOrNeglect, childDied, seriouslyHarmed, agencyConcern, diedInCustody });
  return sets;
}

/**
 * Working Together 2015 with every answer known: (a) and (b), or the "must always"
 * trigger of a death in custody, a secure setting or Mental Health Act detention.
 */
function statute(answers: Record<(typeof KEYS)[number], boolean>): boolean {
  const conditions =
    answers.abuseOrNeglect && (answers.childDied || (answers.seriouslyHarmed && answers.agencyConcern));
  return conditions || (answers.childDied && answers.diedInCustody);
}

/** Every way of filling in the "not known" answers with yes or no. */
function completions(answers: CriteriaAnswers): Record<(typeof KEYS)[number], boolean>[] {
  let partial: Record<string, boolean>[] = [{}];
  for (const key of KEYS) {
    const options = answers[key] === 'not-known' ? [true, false] : [answers[key] === 'yes'];
    partial = partial.flatMap((done) => options.map((value) => ({ ...done, [key]: value })));
  }
  return partial as Record<(typeof KEYS)[number], boolean>[];
}

describe('SCR criteria check', () => {
  it.each(everyAnswerSet())('agrees with the statute for every way the unknowns could turn out: %o', (answers) => {
    const outcomes = new Set(completions(answers).map(statute));
    const expected = outcomes.size === 2 ? 'not-yet-answerable' : outcomes.has(true) ? 'met' : 'not-met';
    const check = checkScrCriteria(answers);
    expect(check.outcome).toBe(expected);
    expect(check.explanation.length).toBeGreaterThan(40);
    if (expected === 'not-yet-answerable') {
      // The open questions are unknown, and answering them all settles it.
      expect(check.openQuestions.length).toBeGreaterThan(0);
      for (const key of check.openQuestions) expect(answers[key]).toBe('not-known');
      const fixed = Object.fromEntries(KEYS.map((key) => [key, answers[key]])) as CriteriaAnswers;
      for (const key of KEYS) if (!check.openQuestions.includes(key) && fixed[key] === 'not-known') fixed[key] = 'no';
      for (const completion of completions(fixed)) {
        const settled = Object.fromEntries(
          KEYS.map((key) => [key, completion[key] ? 'yes' : 'no']),
        ) as unknown as CriteriaAnswers;
        expect(checkScrCriteria(settled).outcome).not.toBe('not-yet-answerable');
      }
    } else {
      expect(check.openQuestions).toEqual([]);
    }
  });

  it('met because the child died', () => {
    const check = checkScrCriteria({
      abuseOrNeglect: 'yes',
      childDied: 'yes',
      seriouslyHarmed: 'not-known',
      agencyConcern: 'no',
    });
    expect(check.outcome).toBe('met');
    expect(check.explanation).toBe(
      'The criteria for a Serious Case Review are met: abuse or neglect of the child is known or suspected, and the child has died. Working Together 2015 says a review must be held.',
    );
  });

  it('met because of serious harm with concern about how agencies worked together', () => {
    const check = checkScrCriteria({
      abuseOrNeglect: 'yes',
      childDied: 'no',
      seriouslyHarmed: 'yes',
      agencyConcern: 'yes',
    });
    expect(check.outcome).toBe('met');
    expect(check.explanation).toContain(
      'the child has been seriously harmed and there is cause for concern about the way agencies worked together',
    );
  });

  it('not met without abuse or neglect, unless the child died in custody', () => {
    const check = checkScrCriteria({
      abuseOrNeglect: 'no',
      childDied: 'yes',
      seriouslyHarmed: 'yes',
      agencyConcern: 'yes',
      diedInCustody: 'no',
    });
    expect(check.outcome).toBe('not-met');
    expect(check.explanation).toContain('abuse or neglect of the child is neither known nor suspected');
  });

  it('not met when the child neither died nor was seriously harmed', () => {
    const check = checkScrCriteria({
      abuseOrNeglect: 'not-known',
      childDied: 'no',
      seriouslyHarmed: 'no',
      agencyConcern: 'not-known',
    });
    expect(check.outcome).toBe('not-met');
    expect(check.explanation).toContain('the child has not died, and the child has not been seriously harmed');
  });

  it('not met when harmed but agencies worked together without cause for concern', () => {
    const check = checkScrCriteria({
      abuseOrNeglect: 'yes',
      childDied: 'no',
      seriouslyHarmed: 'yes',
      agencyConcern: 'no',
    });
    expect(check.outcome).toBe('not-met');
    expect(check.explanation).toContain('there is no cause for concern about the way agencies worked together');
  });

  it('not yet answerable when only abuse or neglect is unknown, and says what follows either way', () => {
    const check = checkScrCriteria({
      abuseOrNeglect: 'not-known',
      childDied: 'yes',
      seriouslyHarmed: 'no',
      agencyConcern: 'no',
      diedInCustody: 'no',
    });
    expect(check).toEqual({
      outcome: 'not-yet-answerable',
      openQuestions: ['abuseOrNeglect'],
      explanation:
        'Not yet answerable: it is not yet known whether abuse or neglect of the child is known or suspected. If abuse or neglect is known or suspected, the criteria are met, because the child has died; if not, they are not met.',
    });
  });

  it('not yet answerable with abuse known: names only the questions that matter', () => {
    const check = checkScrCriteria({
      abuseOrNeglect: 'yes',
      childDied: 'not-known',
      seriouslyHarmed: 'no',
      agencyConcern: 'not-known',
    });
    expect(check.openQuestions).toEqual(['childDied']);
    expect(check.explanation).toBe(
      'Not yet answerable: it is not yet known whether the child has died. Abuse or neglect is known or suspected, so the criteria are met if the child has died.',
    );
  });

  it('treats unanswered questions as not known, so the form can check after every answer', () => {
    expect(checkScrCriteria({})).toMatchObject({
      outcome: 'not-yet-answerable',
      openQuestions: ['abuseOrNeglect', 'childDied', 'seriouslyHarmed', 'agencyConcern', 'diedInCustody'],
    });
    expect(checkScrCriteria({})).toEqual(
      checkScrCriteria({
        abuseOrNeglect: 'not-known',
        childDied: 'not-known',
        seriouslyHarmed: 'not-known',
        agencyConcern: 'not-known',
      }),
    );
    expect(checkScrCriteria({}).explanation).toContain(
      'The criteria are met only if abuse or neglect is known or suspected and either the child has died, or the child has been seriously harmed and there is cause for concern',
    );
  });

  it('flags a decision that goes against met criteria', () => {
    expect(decisionCaution('no-review', 'met')).toMatch(/criteria are met/);
    expect(decisionCaution('alternative-review', 'met')).not.toBeNull();
    expect(decisionCaution('scr', 'met')).toBeNull();
    expect(decisionCaution('no-review', 'not-met')).toBeNull();
    expect(decisionCaution(null, null)).toBeNull();
  });
});

describe('status process', () => {
  const at = (status: (typeof REVIEW_STATUS_CODES)[number], decision: 'scr' | 'no-review' | null = null) => ({
    status,
    decision,
    date: '2016-03-01',
  });

  it('follows referral -> sub-group -> Chair -> in progress -> draft -> sign-off -> published', () => {
    expect(nextStatuses(null)).toEqual(['referral-received', 'in-progress']);
    expect(nextStatuses(at('referral-received'))).toEqual(['subgroup-considered']);
    expect(nextStatuses(at('subgroup-considered', 'scr'))).toEqual(['chair-decided']);
    expect(nextStatuses(at('chair-decided', 'scr'))).toEqual(['in-progress']);
    expect(nextStatuses(at('in-progress'))).toEqual(['draft-report']);
    expect(nextStatuses(at('draft-report'))).toEqual(['in-progress', 'board-signed-off']);
    expect(nextStatuses(at('board-signed-off'))).toEqual(['published']);
    expect(nextStatuses(at('published'))).toEqual([]);
  });

  it('ends the process when the Chair decides on no review', () => {
    expect(nextStatuses(at('chair-decided', 'no-review'))).toEqual([]);
    const refused = checkTransition(at('chair-decided', 'no-review'), {
      status: 'in-progress',
      date: '2016-04-01',
      hasCriteria: false,
    });
    expect(refused).toEqual({
      ok: false,
      reason:
        '"Review in progress" cannot be recorded after "Independent Chair\'s decision". The Chair decided on no review, so the process has ended.',
    });
  });

  it('refuses skipped steps and names what can come next', () => {
    expect(
      checkTransition(at('referral-received'), { status: 'published', date: '2016-04-01', hasCriteria: false }),
    ).toEqual({
      ok: false,
      reason:
        '"Published" cannot be recorded after "Referral received". Next can be: "Considered by the SCR sub-group".',
    });
    expect(checkTransition(null, { status: 'draft-report', date: '2016-04-01', hasCriteria: false })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('as the first step'),
    });
  });

  it('needs a decision, a rationale and the criteria answers at the sub-group and Chair steps only', () => {
    const base = { status: 'subgroup-considered' as const, date: '2016-03-02' };
    const from = at('referral-received');
    expect(checkTransition(from, { ...base, hasCriteria: true, rationale: 'why' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("the sub-group's recommendation"),
    });
    expect(checkTransition(from, { ...base, decision: 'scr', hasCriteria: true, rationale: '  ' })).toMatchObject({
      ok: false,
      reason: 'Give the rationale for "Considered by the SCR sub-group".',
    });
    expect(checkTransition(from, { ...base, decision: 'scr', rationale: 'why', hasCriteria: false })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Answer the SCR criteria questions'),
    });
    expect(checkTransition(from, { ...base, decision: 'scr', rationale: 'why', hasCriteria: true })).toEqual({
      ok: true,
    });
    const chair = { status: 'chair-decided' as const, date: '2016-03-03', rationale: 'why', hasCriteria: true };
    expect(checkTransition(at('subgroup-considered', 'scr'), { ...chair, decision: null })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("the Chair's decision"),
    });
    expect(
      checkTransition(at('chair-decided', 'scr'), {
        status: 'in-progress',
        date: '2016-04-01',
        decision: 'scr',
        hasCriteria: false,
      }),
    ).toMatchObject({
      ok: false,
      reason: '"Review in progress" does not record a decision.',
    });
    expect(
      checkTransition(at('chair-decided', 'scr'), { status: 'in-progress', date: '2016-04-01', hasCriteria: true }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('only with the sub-group'),
    });
  });

  it('refuses a step dated before the one it follows', () => {
    expect(
      checkTransition(at('in-progress'), { status: 'draft-report', date: '2016-02-28', hasCriteria: false }),
    ).toEqual({
      ok: false,
      reason: 'The date of "Draft report" (2016-02-28) is before the previous step (2016-03-01).',
    });
    expect(
      checkTransition(at('in-progress'), { status: 'draft-report', date: '2016-03-01', hasCriteria: false }),
    ).toEqual({
      ok: true,
    });
  });
});

describe('pseudonyms, roles, dates and terms of reference', () => {
  it('suggests the next free letter for a child and the next number for a professional', () => {
    expect(suggestPseudonym('child', null, [])).toBe('Child A');
    expect(suggestPseudonym('child', null, ['Child A', 'child b', 'GP1'])).toBe('Child C');
    const all26 = Array.from({ length: 26 }, (_, index) => `Child ${String.fromCharCode(65 + index)}`);
    expect(suggestPseudonym('child', null, all26)).toBe('Child AA');
    expect(suggestPseudonym('professional', 'GP', ['GP1'])).toBe('GP2');
    expect(suggestPseudonym('professional', 'Health visitor', [])).toBe('HV1');
    expect(suggestPseudonym('professional', 'Family support worker', ['FSW1', 'FSW2'])).toBe('FSW3');
    expect(suggestPseudonym('professional', null, [])).toBe('P1');
    expect(suggestPseudonym('parent', 'mother', [])).toBe('Mother');
    expect(suggestPseudonym('parent', 'Mother', ['mother'])).toBe('Mother 2');
    expect(suggestPseudonym('other', null, ['Adult A'])).toBe('Adult B');
    expect(professionalPrefix('Social Worker (children in need)')).toBe('SW');
    expect(professionalPrefix('Head of Safeguarding and Welfare')).toBe('HSW');
  });

  it('accepts roles however they are typed', () => {
    expect(normalisePersonRole('Family member')).toBe('family-member');
    expect(normalisePersonRole(' PROFESSIONAL ')).toBe('professional');
    expect(normalisePersonRole('family_member')).toBe('family-member');
    expect(normalisePersonRole('uncle')).toBeNull();
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2015-05-12')).toBe(true);
    expect(isIsoDate('2016-02-29')).toBe(true);
    expect(isIsoDate('2015-02-29')).toBe(false);
    expect(isIsoDate('2015-02-31')).toBe(false);
    expect(isIsoDate('12/05/2015')).toBe(false);
  });

  it('reads terms of reference as headings, paragraphs and lists, never markup', () => {
    expect(
      parseTermsOfReference(
        '# Scope\r\nThe review covers\n1 January 2014 to <b>June</b> 2016.\n\n- health\n- education,\n  including nursery\n1. first\n2) second\n\nEnd.',
      ),
    ).toEqual([
      { kind: 'heading', text: 'Scope' },
      { kind: 'paragraph', text: 'The review covers 1 January 2014 to <b>June</b> 2016.' },
      { kind: 'bullets', items: ['health', 'education, including nursery'] },
      { kind: 'numbered', items: ['first', 'second'] },
      { kind: 'paragraph', text: 'End.' },
    ]);
    expect(parseTermsOfReference('')).toEqual([]);
  });
});
