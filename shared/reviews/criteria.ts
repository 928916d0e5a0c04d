/**
 * The SCR criteria of Working Together 2015: a Serious Case Review must be held if
 * (a) abuse or neglect of a child is known or suspected, AND (b) either the child
 * has died, OR the child has been seriously harmed and there is cause for concern
 * about the way agencies worked together.
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
] as const;

export type CriteriaQuestionKey = (typeof CRITERIA_QUESTIONS)[number]['key'];
export type CriteriaAnswers = Record<CriteriaQuestionKey, CriteriaAnswer>;

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
function and(left: CriteriaAnswer, right: CriteriaAnswer): CriteriaAnswer {
  if (left === 'no' || right === 'no') return 'no';
  return left === 'yes' && right === 'yes' ? 'yes' : 'not-known';
}

function or(left: CriteriaAnswer, right: CriteriaAnswer): CriteriaAnswer {
  if (left === 'yes' || right === 'yes') return 'yes';
  return left === 'no' && right === 'no' ? 'no' : 'not-known';
}

const STATEMENTS: Record<CriteriaQuestionKey, string> = {
  abuseOrNeglect: 'abuse or neglect of the child is known or suspected',
  childDied: 'the child has died',
  seriouslyHarmed: 'the child has been seriously harmed',
  agencyConcern: 'there is cause for concern about the way agencies worked together',
};

function joinWith(parts: readonly string[], word: string): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${word} ${parts.at(-1)}`;
}

/** Missing answers count as "not known", so the form can ask for a check after every answer. */
export function checkScrCriteria(given: Partial<CriteriaAnswers>): CriteriaCheck {
  const answers: CriteriaAnswers = {
    abuseOrNeglect: given.abuseOrNeglect ?? 'not-known',
    childDied: given.childDied ?? 'not-known',
    seriouslyHarmed: given.seriouslyHarmed ?? 'not-known',
    agencyConcern: given.agencyConcern ?? 'not-known',
  };
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
    let why: string;
    if (a === 'no') {
      why =
        'abuse or neglect of the child is neither known nor suspected, and that is needed whatever harm the child came to';
    } else {
      const harmPart =
        harmed === 'no'
          ? 'has not been seriously harmed'
          : 'there is no cause for concern about the way agencies worked together';
      why = `the child has not died, and ${harmed === 'no' ? 'the child ' : ''}${harmPart}; a review is needed only if the child died, or was seriously harmed with cause for concern about how agencies worked together`;
    }
    return {
      outcome: 'not-met',
      explanation: `The criteria for a Serious Case Review are not met: ${why}. A Chair may still choose another kind of learning review.`,
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
