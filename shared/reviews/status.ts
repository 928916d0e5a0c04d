import type { CriteriaOutcome } from './criteria.js';

/**
 * The review's status process (DOMAIN.md section 2): referral received -> considered
 * by the SCR sub-group (a recommendation) -> the Independent Chair's decision ->
 * in progress -> draft report -> board sign-off -> published. Each step is a row in
 * the history with its date; the current status is the latest step.
 */

export const REVIEW_STATUSES = [
  { code: 'referral-received', label: 'Referral received' },
  { code: 'subgroup-considered', label: 'Considered by the SCR sub-group' },
  { code: 'chair-decided', label: "Independent Chair's decision" },
  { code: 'in-progress', label: 'Review in progress' },
  { code: 'draft-report', label: 'Draft report' },
  { code: 'board-signed-off', label: 'Signed off by the board' },
  { code: 'published', label: 'Published' },
] as const;

export type ReviewStatus = (typeof REVIEW_STATUSES)[number]['code'];
export const REVIEW_STATUS_CODES = REVIEW_STATUSES.map((status) => status.code) as [ReviewStatus, ...ReviewStatus[]];

/** The sub-group's recommendation and the Chair's decision choose from the same three outcomes. */
export const REVIEW_DECISIONS = [
  { code: 'scr', label: 'Serious Case Review' },
  { code: 'alternative-review', label: 'Alternative multi-agency learning review' },
  { code: 'no-review', label: 'No review' },
] as const;

export type ReviewDecision = (typeof REVIEW_DECISIONS)[number]['code'];
export const REVIEW_DECISION_CODES = REVIEW_DECISIONS.map((decision) => decision.code) as [
  ReviewDecision,
  ...ReviewDecision[],
];

export function reviewStatusLabel(code: ReviewStatus | null): string {
  if (code === null) return 'Not started';
  return REVIEW_STATUSES.find((status) => status.code === code)?.label ?? code;
}

export function reviewDecisionLabel(code: ReviewDecision): string {
  return REVIEW_DECISIONS.find((decision) => decision.code === code)?.label ?? code;
}

/** What a step needs besides its date. */
export interface StepRequirements {
  /** The step records a decision (the sub-group's recommendation, the Chair's decision). */
  decision: boolean;
  /** Why: required where a decision is made, an optional note elsewhere. */
  rationaleRequired: boolean;
  /** The reviewer's answers to the SCR criteria questions are stored with the decision. */
  criteria: boolean;
}

export function stepRequirements(status: ReviewStatus): StepRequirements {
  const decides = status === 'subgroup-considered' || status === 'chair-decided';
  return { decision: decides, rationaleRequired: decides, criteria: decides };
}

const NEXT: Record<ReviewStatus | 'none', readonly ReviewStatus[]> = {
  // A review the board commissions directly (a single-agency or learning review) starts in progress.
  none: ['referral-received', 'in-progress'],
  'referral-received': ['subgroup-considered'],
  'subgroup-considered': ['chair-decided'],
  'chair-decided': ['in-progress'],
  'in-progress': ['draft-report'],
  // The board may send a draft back for more work.
  'draft-report': ['in-progress', 'board-signed-off'],
  'board-signed-off': ['published'],
  published: [],
};

export interface CurrentStep {
  status: ReviewStatus;
  decision: ReviewDecision | null;
  date: string;
}

/** The steps that may follow the current one (none after publication or a Chair's "no review"). */
export function nextStatuses(current: CurrentStep | null): readonly ReviewStatus[] {
  if (current === null) return NEXT.none;
  if (current.status === 'chair-decided' && current.decision === 'no-review') return [];
  return NEXT[current.status];
}

export interface ProposedStep {
  status: ReviewStatus;
  date: string;
  decision?: ReviewDecision | null | undefined;
  rationale?: string | null | undefined;
  hasCriteria: boolean;
}

/** Whether `next` may be recorded after `current`; the reason in plain English when not. */
export function checkTransition(
  current: CurrentStep | null,
  next: ProposedStep,
): { ok: true } | { ok: false; reason: string } {
  const allowed = nextStatuses(current);
  const nextLabel = reviewStatusLabel(next.status);
  if (!allowed.includes(next.status)) {
    const from = current ? `after "${reviewStatusLabel(current.status)}"` : 'as the first step';
    const closed =
      current?.status === 'chair-decided' && current.decision === 'no-review'
        ? ' The Chair decided on no review, so the process has ended.'
        : '';
    const options =
      allowed.length > 0 ? ` Next can be: ${allowed.map((code) => `"${reviewStatusLabel(code)}"`).join(' or ')}.` : '';
    return { ok: false, reason: `"${nextLabel}" cannot be recorded ${from}.${closed}${options}` };
  }
  if (current && next.date < current.date) {
    return {
      ok: false,
      reason: `The date of "${nextLabel}" (${next.date}) is before the previous step (${current.date}).`,
    };
  }
  const needs = stepRequirements(next.status);
  if (needs.decision && !next.decision) {
    const what = next.status === 'subgroup-considered' ? "the sub-group's recommendation" : "the Chair's decision";
    return { ok: false, reason: `Record ${what}: Serious Case Review, alternative review or no review.` };
  }
  if (!needs.decision && next.decision) {
    return { ok: false, reason: `"${nextLabel}" does not record a decision.` };
  }
  if (needs.rationaleRequired && !next.rationale?.trim()) {
    return { ok: false, reason: `Give the rationale for "${nextLabel}".` };
  }
  if (needs.criteria && !next.hasCriteria) {
    return { ok: false, reason: `Answer the SCR criteria questions for "${nextLabel}".` };
  }
  if (!needs.criteria && next.hasCriteria) {
    return { ok: false, reason: `The SCR criteria are recorded only with the sub-group's and the Chair's decisions.` };
  }
  return { ok: true };
}

/**
 * A decision that goes against the criteria is allowed (the rationale says why),
 * but the record should show it plainly.
 */
export function decisionCaution(decision: ReviewDecision | null, outcome: CriteriaOutcome | null): string | null {
  if (outcome === 'met' && decision !== null && decision !== 'scr') {
    return 'The SCR criteria are met but this decision is not for a Serious Case Review; Working Together 2015 says one must be held, so the rationale should explain why.';
  }
  return null;
}
