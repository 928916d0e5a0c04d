import { describe, expect, it } from 'vitest';
import {
  ANALYSIS_FORM_2018,
  categoryHints,
  DEFAULT_FORM_VERSION,
  FORM_C,
  FORM_VERSIONS,
  formVersionForDates,
  getForm,
  outcomeDisagreement,
  suggestOutcome,
} from '../../shared/cdop/forms/index.js';

const factor = (domain: string, grade: string, modifiable: boolean) => ({ domain, grade, modifiable });

describe('analysis form versions as data', () => {
  it('knows Form C, the 2018 form and its 2021 revision (the 2018 labels, marked to verify)', () => {
    expect(DEFAULT_FORM_VERSION).toBe('analysis-form-2021');
    expect(FORM_VERSIONS).toEqual(['analysis-form-2021', 'analysis-form-2018', 'form-c']);
    expect(getForm('form-c')).toBe(FORM_C);
    const revision = getForm('analysis-form-2021');
    expect(revision.grades).toEqual(ANALYSIS_FORM_2018.grades);
    expect(revision.domains).toEqual(ANALYSIS_FORM_2018.domains);
    expect(Object.values(revision.source.labelStatus)).toEqual(['verify', 'verify', 'verify', 'verify']);
    expect(() => getForm('form-z')).toThrow(/unknown analysis form version/);
  });

  it('the version follows the date of the review, or of the death when no review date is known', () => {
    const on = (dateReviewCompleted: string | null, dateOfDeath = '2008-05-01') =>
      formVersionForDates({ dateReviewCompleted, dateOfDeath });
    expect(on(null, '2008-04-01')).toBe('form-c');
    expect(on('2019-09-28')).toBe('form-c');
    expect(on('2019-09-29')).toBe('analysis-form-2018');
    expect(on('2021-03-31')).toBe('analysis-form-2018');
    expect(on('2021-04-01')).toBe('analysis-form-2021');
    expect(on(null, '2019-09-29')).toBe('analysis-form-2018');
    // A death in 2018 reviewed in 2022 took the revised form.
    expect(on('2022-01-10', '2018-06-01')).toBe('analysis-form-2021');
    // Before the arrangements began: the earliest form known.
    expect(on(null, '2007-12-01')).toBe('form-c');
  });

  it('2018: domains A-D, grades 0-2, ten categories 1 highest; cites its source and what is unverified', () => {
    expect(ANALYSIS_FORM_2018.domains.map((domain) => domain.code)).toEqual(['A', 'B', 'C', 'D']);
    expect(ANALYSIS_FORM_2018.grades.map((grade) => grade.code)).toEqual(['0', '1', '2']);
    expect(ANALYSIS_FORM_2018.categories.map((category) => category.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ANALYSIS_FORM_2018.source.labelStatus.domains).toBe('verify');
    expect(ANALYSIS_FORM_2018.source.notes.join(' ')).toMatch(/revised from 1 April 2021/);
    expect(ANALYSIS_FORM_2018.source.documents.length).toBeGreaterThan(0);
  });

  it('Form C: four domains, 0/1/1*/2/3 in the source\'s full words, grade 1 a grade of a domain; "preventable" is not an outcome label', () => {
    expect(FORM_C.domains).toHaveLength(4);
    expect(FORM_C.inUse).toEqual({ from: '2008-04-01', until: '2019-09-28' });
    expect(FORM_C.grades.map((grade) => `${grade.code}-${grade.label}`)).toEqual([
      '0-Information not available',
      '1-No factors identified',
      '1*-Factors identified but are unlikely to have contributed to the death',
      '2-Factors identified that may have contributed to vulnerability, ill-health or death',
      '3-Factors identified that provide a complete and sufficient explanation for the death',
    ]);
    expect(FORM_C.grades.filter((grade) => grade.domainOnly).map((grade) => grade.code)).toEqual(['1']);
    expect(FORM_C.source.labelStatus.grades).toBe('confirmed');
    expect(Object.values(FORM_C.outcomeLabels).join(' ')).not.toMatch(/preventable/i);
  });
});

describe('suggested outcome', () => {
  it('2018: any grade-2 factor marked modifiable -> modifiable factors identified', () => {
    const suggestion = suggestOutcome(ANALYSIS_FORM_2018, [factor('A', '1', true), factor('B', '2', true)]);
    expect(suggestion?.outcome).toBe('identified');
    expect(suggestion?.reason).toBe('1 factor graded 2 marked modifiable (B)');
  });

  it('2018: grade 2 not modifiable, or modifiable below grade 2 -> none; all grade 0 -> insufficient; nothing -> no suggestion', () => {
    expect(suggestOutcome(ANALYSIS_FORM_2018, [factor('A', '2', false), factor('C', '1', true)])?.outcome).toBe('none');
    expect(suggestOutcome(ANALYSIS_FORM_2018, [factor('A', '0', false), factor('D', '0', true)])?.outcome).toBe(
      'insufficient',
    );
    expect(suggestOutcome(ANALYSIS_FORM_2018, [])).toBeNull();
  });

  it('Form C: a modifiable factor graded 2 or 3 -> preventable; 1* does not count', () => {
    expect(suggestOutcome(FORM_C, [factor('4', '3', true)])?.outcome).toBe('identified');
    expect(suggestOutcome(FORM_C, [factor('2', '2', true)])?.outcome).toBe('identified');
    expect(suggestOutcome(FORM_C, [factor('2', '1*', true)])?.outcome).toBe('none');
  });
});

describe('disagreement warning (never an override)', () => {
  const modifiable = [factor('B', '2', true)];
  it('warns when the panel records anything but "identified" against a grade-2 modifiable factor', () => {
    expect(outcomeDisagreement(ANALYSIS_FORM_2018, modifiable, 'none')).toMatch(
      /recorded "No modifiable factors identified", but 1 factor graded 2 marked modifiable/,
    );
    expect(outcomeDisagreement(ANALYSIS_FORM_2018, modifiable, 'identified')).toBeNull();
    expect(outcomeDisagreement(ANALYSIS_FORM_2018, modifiable, null)).toBeNull();
  });

  it('warns when "identified" has no grade-2 modifiable factor, and leaves none vs insufficient to the panel', () => {
    expect(outcomeDisagreement(ANALYSIS_FORM_2018, [factor('A', '1', true)], 'identified')).toMatch(
      /no factor that may have contributed is marked modifiable/,
    );
    expect(outcomeDisagreement(ANALYSIS_FORM_2018, [factor('A', '0', false)], 'none')).toBeNull();
    expect(outcomeDisagreement(FORM_C, [factor('1', '3', true)], 'none')).toMatch(
      /modifiable factors may have contributed/,
    );
  });
});

describe('category hints', () => {
  it('a referral for a safeguarding practice review with a category below 1 -> category 1 may apply', () => {
    const hints = categoryHints(ANALYSIS_FORM_2018, { category: 3, referredForReview: true, expected: 'unexpected' });
    expect(hints).toEqual([{ category: 1, message: expect.stringMatching(/category 1 \(Deliberately inflicted/) }]);
    expect(categoryHints(ANALYSIS_FORM_2018, { category: 1, referredForReview: true, expected: null })).toEqual([]);
    expect(categoryHints(ANALYSIS_FORM_2018, { category: 3, referredForReview: false, expected: null })).toEqual([]);
  });

  it('category 10 for an expected death does not fit', () => {
    expect(categoryHints(ANALYSIS_FORM_2018, { category: 10, referredForReview: false, expected: 'expected' })).toEqual(
      [{ category: null, message: expect.stringMatching(/unexpected deaths/) }],
    );
  });
});
