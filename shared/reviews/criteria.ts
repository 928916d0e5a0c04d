/**
 * The SCR criteria of Working Together 2015: a Serious Case Review must be held if
 * (a) abuse or neglect of a child is known or suspected, AND (b) either the child
 * has died, OR the child has been seriously harmed and there is cause for concern
 * about the way agencies worked together. One review must always be held whatever
 * (a) says: when a child died in custody, in a secure setting or while detained
 * under the Mental Health Act (LSCB Regulations 2006, reg 5(2)).
 *
 * Reviewers often decide before every fact is established, so each answer may be
 * "not known" and the check reasons in three values: it says "met" or "not met"
 * only when the known answers already settle it, whatever the unknown ones turn
 * out to be, and otherwise names the questions still open.
 */

export type CriteriaAnswer = 'yes' | 'no' | 'not-known';
export const CRITERIA_ANSWER_CODES = ['yes', 'no', 'not-known'] as const;

export const CRITERIA_QUESTIONS = [
  { key: 'abuseOrNeglect', question: 'Is abuse or neglect of the child known or suspected?' },
  { key: 'childDied', question: 'Has the child died?' },
  { key: 'seriouslyHarmed', question: 'Has the child been seriously harmed?' },
  { key: 'agencyConcern', question: 'Is there cause for concern about the way agencies worked together?' },
  {
    key: 'diedInCustody',
    question: 'Did the child die in custody, in a secure setting, or while detained under the Mental Health Act?',
  },
] as const;

export type CriteriaQuestionKey = (typeof CRITERIA_QUESTIONS)[number]['key'];
/**
 * The reviewer's answers. The 2018 check asks only the first three questions, and a
 * decision recorded before the custody question existed has no answer to it, so
 * those two may be absent: absent means "not known".
 */
export type CriteriaAnswers = Record<'abuseOrNeglect' | 'childDied' | 'seriouslyHarmed', CriteriaAnswer> &
  Partial<Record<'agencyConcern' | 'diedInCustody', CriteriaAnswer>>;

export type CriteriaOutcome = 'met' | 'not-met' | 'not-yet-answerable';

export interface CriteriaCheck {
  outcome: CriteriaOutcome;
  /** Plain English: whether the criteria are met and why, for the form and the record of the decision. */
  explanation: string;
  /** Questions whose answers would settle it (empty once met or not met). */
  openQuestions: CriteriaQuestionKey[];
}

export const CRITERIA_OUTCOME_LABELS: Record<CriteriaOutcome, string> = {
  met: 'Criteria met',
  'not-met': 'Criteria not met',
  'not-yet-answerable': 'Not yet answerable',
};

// Kleene three-valued logic: "not known" stays unknown unless the other side settles it.
export function and(left: CriteriaAnswer, right: CriteriaAnswer): CriteriaAnswer {
  if (left === 'no' || right === 'no') return 'no';
  return left === 'yes' && right === 'yes' ? 'yes' : 'not-known';
}

export function or(left: CriteriaAnswer, right: CriteriaAnswer): CriteriaAnswer {
  if (left === 'yes' || right === 'yes') return 'yes';
  return left === 'no' && right === 'no' ? 'no' : 'not-known';
}

const STATEMENTS: Record<CriteriaQuestionKey, string> = {
  abuseOrNeglect: 'abuse or neglect of the child is known or suspected',
  childDied: 'the child has died',
  seriouslyHarmed: 'the child has been seriously harmed',
  agencyConcern: 'there is cause for concern about the way agencies worked together',
  diedInCustody: 'the child died in custody, in a secure setting or while detained under the Mental Health Act',
};

const ALWAYS =
  'Working Together 2015 says a review must always be held when a child dies in custody, in a secure setting or while detained under the Mental Health Act';

export function joinWith(parts: readonly string[], word: string): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${word} ${parts.at(-1)}`;
}

/** Missing answers count as "not known", so the form can ask for a check after every answer. */
export function checkScrCriteria(given: Partial<CriteriaAnswers>): CriteriaCheck {
  const died = given.childDied ?? 'not-known';
  const custody = and(died, given.diedInCustody ?? 'not-known');
  const core = checkAbuseOrNeglectCriteria(given);
  if (core.outcome === 'met' || custody === 'no') return core;
  if (custody === 'yes') {
    return {
      outcome: 'met',
      explanation: `The criteria for a Serious Case Review are met: ${STATEMENTS.diedInCustody}. ${ALWAYS}, whether or not abuse or neglect is known or suspected.`,
      openQuestions: [],
    };
  }
  // Abuse or neglect known: if the child died the criteria are met anyway, so custody cannot change the outcome.
  if (given.abuseOrNeglect === 'yes') return core;
  // Otherwise whether the child died in custody is still open, and it alone could make a review necessary.
  const open: CriteriaQuestionKey[] = [
    ...core.openQuestions,
    ...(died === 'not-known' && !core.openQuestions.includes('childDied') ? (['childDied'] as const) : []),
    ...((given.diedInCustody ?? 'not-known') === 'not-known' ? (['diedInCustody'] as const) : []),
  ];
  if (core.outcome === 'not-met') {
    return {
      outcome: 'not-yet-answerable',
      explanation: `Not yet answerable: unless ${STATEMENTS.diedInCustody}, the criteria are not met, because ${notMetReason(given)}. ${ALWAYS}, and it is not yet known whether that is so.`,
      openQuestions: open,
    };
  }
  return {
    outcome: 'not-yet-answerable',
    explanation: `${core.explanation} ${ALWAYS}; it is not yet known whether that is so.`,
    openQuestions: open,
  };
}

/** Why (a) and (b) are not met, for answers that settle them as not met. */
function notMetReason(answers: Partial<CriteriaAnswers>): string {
  if (answers.abuseOrNeglect === 'no') {
    return 'abuse or neglect of the child is neither known nor suspected, and that is needed whatever harm the child came to';
  }
  const harmPart =
    answers.seriouslyHarmed === 'no'
      ? 'the child has not been seriously harmed'
      : 'there is no cause for concern about the way agencies worked together';
  return `the child has not died, and ${harmPart}; a review is needed only if the child died, or was seriously harmed with cause for concern about how agencies worked together`;
}

/** Conditions (a) and (b), without the "must always" trigger. */
function checkAbuseOrNeglectCriteria(given: Partial<CriteriaAnswers>): CriteriaCheck {
  const answers = {
    abuseOrNeglect: given.abuseOrNeglect ?? 'not-known',
    childDied: given.childDied ?? 'not-known',
    seriouslyHarmed: given.seriouslyHarmed ?? 'not-known',
    agencyConcern: given.agencyConcern ?? 'not-known',
  } as const satisfies Record<string, CriteriaAnswer>;
  const { abuseOrNeglect: a, childDied: died, seriouslyHarmed: harmed, agencyConcern: concern } = answers;
  const harmWithConcern = and(harmed, concern);
  const b = or(died, harmWithConcern);
  const outcome = and(a, b);

  if (outcome === 'yes') {
    const because =
      died === 'yes'
        ? 'the child has died'
        : 'the child has been seriously harmed and there is cause for concern about the way agencies worked together';
    return {
      outcome: 'met',
      explanation: `The criteria for a Serious Case Review are met: abuse or neglect of the child is known or suspected, and ${because}. Working Together 2015 says a review must be held.`,
      openQuestions: [],
    };
  }

  if (outcome === 'no') {
    return {
      outcome: 'not-met',
      explanation: `The criteria for a Serious Case Review are not met: ${notMetReason(answers)}. A Chair may still choose another kind of learning review.`,
      openQuestions: [],
    };
  }

  // Not settled: name only the unknowns that matter, and what would make the criteria met.
  const open: CriteriaQuestionKey[] = [];
  if (a === 'not-known') open.push('abuseOrNeglect');
  if (b === 'not-known') {
    if (died === 'not-known') open.push('childDied');
    if (harmWithConcern === 'not-known') {
      if (harmed === 'not-known') open.push('seriouslyHarmed');
      if (concern === 'not-known') open.push('agencyConcern');
    }
  }

  const routes: string[] = [];
  if (b === 'yes') {
    routes.push(
      died === 'yes'
        ? 'the child has died'
        : 'the child has been seriously harmed with cause for concern about how agencies worked together',
    );
  } else {
    if (died === 'not-known') routes.push(STATEMENTS.childDied);
    if (harmWithConcern === 'not-known') {
      const needed = (['seriouslyHarmed', 'agencyConcern'] as const)
        .filter((key) => answers[key] === 'not-known')
        .map((key) => STATEMENTS[key]);
      routes.push(needed.join(' and '));
    }
  }
  const unknown = joinWith(
    open.map((key) => `whether ${STATEMENTS[key]}`),
    'or',
  );
  // At most two routes to (b): the child died, or serious harm with concern about agencies.
  const route = routes.length === 2 ? `either ${routes[0]}, or ${routes[1]}` : (routes[0] ?? '');
  let consequence: string;
  if (a === 'not-known' && b === 'yes') {
    consequence = `If abuse or neglect is known or suspected, the criteria are met, because ${route}; if not, they are not met.`;
  } else if (a === 'not-known') {
    consequence = `The criteria are met only if abuse or neglect is known or suspected and ${route}.`;
  } else {
    consequence = `Abuse or neglect is known or suspected, so the criteria are met if ${route}.`;
  }
  return {
    outcome: 'not-yet-answerable',
    explanation: `Not yet answerable: it is not yet known ${unknown}. ${consequence}`,
    openQuestions: open,
  };
}
