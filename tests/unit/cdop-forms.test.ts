import { describe, expect, it } from 'vitest';
import {
  ANALYSIS_FORM_2018,
  categoryHints,
  DEFAULT_FORM_VERSION,
  FORM_C_2010,
  FORM_VERSIONS,
  getForm,
  outcomeDisagreement,
  suggestOutcome,
} from '../../shared/cdop/forms/index.js';

const factor = (domain: string, grade: string, modifiable: boolean) => ({ domain, grade, modifiable });

describe('analysis form versions as data', () => {
  it('defaults to the 2018 form and keeps Form C for legacy cases', () => {
    expect(DEFAULT_FORM_VERSION).toBe('analysis-form-2018');
    expect(FORM_VERSIONS).toEqual(['analysis-form-2018', 'form-c-2010']);
    expect(getForm('form-c-2010')).toBe(FORM_C_2010);
    expect(() => getForm('form-z')).toThrow(/unknown analysis form version/);
  });

  it('2018: domains A-D, grades 0-2, ten categories 1 highest; cites its source and what is unverified', () => {
    expect(ANALYSIS_FORM_2018.domains.map((domain) => domain.code)).toEqual(['A', 'B', 'C', 'D']);
    expect(ANALYSIS_FORM_2018.grades.map((grade) => grade.code)).toEqual(['0', '1', '2']);
    expect(ANALYSIS_FORM_2018.categories.map((category) => category.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ANALYSIS_FORM_2018.source.labelStatus.domains).toBe('verify');
    expect(ANALYSIS_FORM_2018.source.notes.join(' ')).toMatch(/revised from 1 April 2021/);
    expect(ANALYSIS_FORM_2018.source.documents.length).toBeGreaterThan(0);
  });

  it('Form C: four domains, 0/1/1*/2/3 (confirmed verbatim), outcome worded as "preventable"', () => {
    expect(FORM_C_2010.domains).toHaveLength(4);
    expect(FORM_C_2010.grades.map((grade) => grade.code)).toEqual(['0', '1', '1*', '2', '3']);
    expect(FORM_C_2010.source.labelStatus.grades).toBe('confirmed');
    expect(FORM_C_2010.outcomeLabels.identified).toMatch(/^Preventable/);
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
    expect(suggestOutcome(FORM_C_2010, [factor('4', '3', true)])?.outcome).toBe('identified');
    expect(suggestOutcome(FORM_C_2010, [factor('2', '2', true)])?.outcome).toBe('identified');
    expect(suggestOutcome(FORM_C_2010, [factor('2', '1*', true)])?.outcome).toBe('none');
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
    expect(outcomeDisagreement(FORM_C_2010, [factor('1', '3', true)], 'none')).toMatch(/Preventable/);
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
