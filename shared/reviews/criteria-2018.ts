import {
  and,
  CRITERIA_QUESTIONS,
  type CriteriaAnswers,
  type CriteriaCheck,
  checkScrCriteria,
  joinWith,
  or,
} from './criteria.js';

/**
 * Since Working Together 2018 (and 2023) the test is whether the case is a
 * "serious child safeguarding case": abuse or neglect of a child is known or
 * suspected AND the child has died or been seriously harmed. There is no
 * condition about how agencies worked together. Such a case is notified to the
 * national panel and gets a rapid review (see deadlines.ts).
 *
 * Which test applies goes by the review's date: the 2018 arrangements, with the
 * national Child Safeguarding Practice Review Panel and its notification duty,
 * began on 29 June 2018.
 */

export const WORKING_TOGETHER_2018_FROM = '2018-06-29';

export type CriteriaFramework = '2015' | '2018';

export const CRITERIA_FRAMEWORKS: Record<CriteriaFramework, { label: string; questions: readonly QuestionKey[] }> = {
  '2015': {
    label: 'SCR criteria (Working Together 2015)',
    questions: CRITERIA_QUESTIONS.map((question) => question.key),
  },
  '2018': {
    label: 'Serious child safeguarding case (Working Together 2018 and 2023)',
    questions: ['abuseOrNeglect', 'childDied', 'seriouslyHarmed'],
  },
};

type QuestionKey = (typeof CRITERIA_QUESTIONS)[number]['key'];

/** The test in force on `date` (YYYY-MM-DD). */
export function criteriaFrameworkFor(date: string): CriteriaFramework {
  return date >= WORKING_TOGETHER_2018_FROM ? '2018' : '2015';
}

/** The check of a framework's own questions; missing answers count as "not known". */
export function checkCriteria(framework: CriteriaFramework, answers: Partial<CriteriaAnswers>): CriteriaCheck {
  return framework === '2018' ? checkSeriousCaseCriteria(answers) : checkScrCriteria(answers);
}

const STATEMENTS = {
  abuseOrNeglect: 'abuse or neglect of the child is known or suspected',
  childDied: 'the child has died',
  seriouslyHarmed: 'the child has been seriously harmed',
} as const;

export function checkSeriousCaseCriteria(given: Partial<CriteriaAnswers>): CriteriaCheck {
  const a = given.abuseOrNeglect ?? 'not-known';
  const died = given.childDied ?? 'not-known';
  const harmed = given.seriouslyHarmed ?? 'not-known';
  const harm = or(died, harmed);
  const outcome = and(a, harm);
  const name = 'a serious child safeguarding case';

  if (outcome === 'yes') {
    const because = died === 'yes' ? STATEMENTS.childDied : STATEMENTS.seriouslyHarmed;
    return {
      outcome: 'met',
      explanation: `This is ${name}: ${STATEMENTS.abuseOrNeglect}, and ${because}. Notify the national panel within 5 working days of becoming aware, and complete a rapid review within 15 working days.`,
      openQuestions: [],
    };
  }
  if (outcome === 'no') {
    const why =
      a === 'no'
        ? 'abuse or neglect of the child is neither known nor suspected'
        : 'the child has neither died nor been seriously harmed';
    return {
      outcome: 'not-met',
      explanation: `This is not ${name}: ${why}. The partners may still choose another kind of learning review.`,
      openQuestions: [],
    };
  }
  const open = (['abuseOrNeglect', 'childDied', 'seriouslyHarmed'] as const).filter((key) => {
    if (key === 'abuseOrNeglect') return a === 'not-known';
    return harm === 'not-known' && (key === 'childDied' ? died : harmed) === 'not-known';
  });
  const unknown = joinWith(
    open.map((key) => `whether ${STATEMENTS[key]}`),
    'or',
  );
  return {
    outcome: 'not-yet-answerable',
    explanation: `Not yet answerable: it is not yet known ${unknown}. It is ${name} if abuse or neglect is known or suspected and the child has died or been seriously harmed.`,
    openQuestions: open,
  };
}
