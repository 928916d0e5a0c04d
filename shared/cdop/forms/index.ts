import type { Expectedness, ModifiableOutcome } from '../case.js';
import { ANALYSIS_FORM_2018 } from './analysis-form-2018.js';
import { ANALYSIS_FORM_2021 } from './analysis-form-2021.js';
import { FORM_C } from './form-c.js';
import type { AnalysisForm, FormVersion } from './types.js';

export { ANALYSIS_FORM_2018 } from './analysis-form-2018.js';
export { ANALYSIS_FORM_2021 } from './analysis-form-2021.js';
export { CATEGORIES_OF_DEATH } from './categories.js';
export { FORM_C } from './form-c.js';
export type * from './types.js';

/** Every version Casebook knows, newest first. A case records the one it used. */
export const FORMS: Record<FormVersion, AnalysisForm> = {
  'analysis-form-2021': ANALYSIS_FORM_2021,
  'analysis-form-2018': ANALYSIS_FORM_2018,
  'form-c': FORM_C,
};
export const FORM_VERSIONS = Object.keys(FORMS) as [FormVersion, ...FormVersion[]];
/** For a case with no dates yet: the form in use now. */
export const DEFAULT_FORM_VERSION: FormVersion = 'analysis-form-2021';

/**
 * The version a case's dates imply: the form in use on the date of the review, or
 * of the death when no review date is known (Form C until 28 September 2019, the
 * 2018 form until 31 March 2021, then its revision). A date before Form C (April
 * 2008) takes Form C, the earliest Casebook knows.
 */
export function formVersionForDates(dates: { dateReviewCompleted: string | null; dateOfDeath: string }): FormVersion {
  const date = dates.dateReviewCompleted ?? dates.dateOfDeath;
  const form = Object.values(FORMS).find(
    (one) => date >= one.inUse.from && (one.inUse.until === null || date <= one.inUse.until),
  );
  return form?.version ?? 'form-c';
}

/** The date before which panels recorded "preventable" rather than modifiable factors (DfE OSR 11/2011). */
export const MODIFIABLE_FACTORS_FROM = '2010-04-01';

export function isFormVersion(version: string): version is FormVersion {
  return Object.hasOwn(FORMS, version);
}

export function getForm(version: string): AnalysisForm {
  if (!isFormVersion(version)) throw new RangeError(`unknown analysis form version: ${version}`);
  return FORMS[version];
}

/** What the pure rules need of a recorded factor. */
export interface FactorForRules {
  domain: string;
  grade: string;
  modifiable: boolean;
}

/**
 * What carries over when the panel changes a case's form version, in words: what
 * stays as recorded, and what must change first (a factor whose domain or grade the
 * new form does not have would be meaningless under it, so the change is refused
 * until it is re-recorded).
 */
export function formChangeAccount(
  from: AnalysisForm,
  to: AnalysisForm,
  recorded: { factors: readonly (FactorForRules & { description: string })[]; reportDomains: readonly string[] },
): { carriesOver: string[]; mustChange: string[] } {
  const domains = new Set(to.domains.map((domain) => domain.code));
  const grades = new Set(to.grades.filter((grade) => !grade.domainOnly).map((grade) => grade.code));
  const mustChange: string[] = [];
  for (const factor of recorded.factors) {
    if (!domains.has(factor.domain)) {
      mustChange.push(
        `The factor "${factor.description}" is in domain ${factor.domain}, which ${to.title} does not have.`,
      );
    } else if (!grades.has(factor.grade)) {
      mustChange.push(`The factor "${factor.description}" is graded ${factor.grade}, which ${to.title} does not use.`);
    }
  }
  for (const domain of new Set(recorded.reportDomains)) {
    if (!domains.has(domain)) {
      mustChange.push(`An agency reporting form notes factors in domain ${domain}, which ${to.title} does not have.`);
    }
  }
  const carriesOver = [
    'The notification, the dates, the category, the agency reporting forms, panel meetings, learning points and recommendations carry over unchanged.',
    `The modifiable outcome is kept; ${to.title} words it "${to.outcomeLabels.identified}", "${to.outcomeLabels.none}" or "${to.outcomeLabels.insufficient}".`,
  ];
  if (recorded.factors.length > 0 && mustChange.length === 0) {
    carriesOver.push(
      `The ${recorded.factors.length} factor${recorded.factors.length === 1 ? '' : 's'} recorded keep their domains and grades, which ${to.title} also has.`,
    );
  }
  if (from.version === to.version) return { carriesOver: [], mustChange: [] };
  return { carriesOver, mustChange };
}

export interface OutcomeSuggestion {
  outcome: ModifiableOutcome;
  /** Why, in the panel's words: shown beside the suggestion. */
  reason: string;
}

/**
 * The outcome the factors point to, or null when no factor is recorded yet.
 * - a factor whose grade contributes (2018: grade 2; Form C: 2 or 3) marked
 *   modifiable -> modifiable factors identified (Form C: "preventable");
 * - otherwise, when every factor is graded "information not available" -> insufficient information;
 * - otherwise -> no modifiable factors identified.
 * A suggestion only: the panel decides.
 */
export function suggestOutcome(form: AnalysisForm, factors: readonly FactorForRules[]): OutcomeSuggestion | null {
  if (factors.length === 0) return null;
  const grades = new Map(form.grades.map((grade) => [grade.code, grade]));
  const contributing = factors.filter((factor) => factor.modifiable && grades.get(factor.grade)?.contributes);
  if (contributing.length > 0) {
    const gradeCodes = form.grades.filter((grade) => grade.contributes).map((grade) => grade.code);
    return {
      outcome: 'identified',
      reason: `${contributing.length} factor${contributing.length === 1 ? '' : 's'} graded ${gradeCodes.join(' or ')} marked modifiable (${[...new Set(contributing.map((factor) => factor.domain))].join(', ')})`,
    };
  }
  if (factors.every((factor) => grades.get(factor.grade)?.informationNotAvailable)) {
    return { outcome: 'insufficient', reason: 'every factor recorded is graded "information not available"' };
  }
  return { outcome: 'none', reason: 'no factor that may have contributed is marked modifiable' };
}

/**
 * A warning when the panel's outcome disagrees with the factors, or null. Casebook
 * never changes the outcome. It warns in the two cases the rule settles: a
 * contributing modifiable factor with an outcome other than "identified", and
 * "identified" with no contributing modifiable factor. Choosing "none" or
 * "insufficient" where the other was suggested is a judgement the rule cannot make.
 */
export function outcomeDisagreement(
  form: AnalysisForm,
  factors: readonly FactorForRules[],
  outcome: ModifiableOutcome | null,
): string | null {
  if (outcome === null) return null;
  const suggestion = suggestOutcome(form, factors);
  const chosen = form.outcomeLabels[outcome];
  if (suggestion?.outcome === 'identified' && outcome !== 'identified') {
    return `The panel recorded "${chosen}", but ${suggestion.reason}: by the form's rule that makes it "${form.outcomeLabels.identified}".`;
  }
  if (outcome === 'identified' && suggestion?.outcome !== 'identified') {
    return `The panel recorded "${chosen}", but no factor that may have contributed is marked modifiable. ${form.outcomeRule}`;
  }
  return null;
}

export interface CategoryHint {
  /** The category that may apply instead (higher in the hierarchy), or null when the hint is about consistency. */
  category: number | null;
  message: string;
}

/**
 * Hints about the category, each from one rule a panel member can check:
 * - a referral for a safeguarding practice review (or SCR) recorded while the
 *   category is below 1 -> category 1 (deliberately inflicted injury, abuse or
 *   neglect) may apply, since the panel records the highest category that applies;
 * - category 10 (sudden unexpected, unexplained death) for a death recorded as
 *   expected -> the two do not fit together.
 * Hints never change the category.
 */
export function categoryHints(
  form: AnalysisForm,
  review: { category: number | null; referredForReview: boolean; expected: Expectedness | null },
): CategoryHint[] {
  const hints: CategoryHint[] = [];
  const label = (n: number) => form.categories.find((category) => category.number === n)?.label ?? String(n);
  if (review.referredForReview && review.category !== null && review.category > 1) {
    hints.push({
      category: 1,
      message: `A referral for a safeguarding practice review is recorded: category 1 (${label(1)}) may apply. The panel records the highest category that applies.`,
    });
  }
  if (review.category === 10 && review.expected === 'expected') {
    hints.push({
      category: null,
      message: `Category 10 (${label(10)}) is for unexpected deaths, but this death is recorded as expected.`,
    });
  }
  return hints;
}
