import type { Analysis, NodeKind } from './model.js';

/**
 * The traceability check a reviewer runs before drafting: each gap in the chain,
 * named by kind with the item it concerns, so every problem links to its item.
 */

export const PROBLEM_KINDS = [
  'finding-without-evidence',
  'recommendation-without-finding',
  'action-without-owner',
  'action-without-date',
  'action-without-outcome-measure',
  'episode-without-entries',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export const PROBLEM_LABELS: Record<ProblemKind, string> = {
  'finding-without-evidence': 'Finding without evidence',
  'recommendation-without-finding': 'Recommendation without a finding',
  'action-without-owner': 'Action without an owner',
  'action-without-date': 'Action without a due date',
  'action-without-outcome-measure': 'Action without an outcome measure',
  'episode-without-entries': 'Key practice episode without entries',
};

export interface TraceProblem {
  kind: ProblemKind;
  /** The item's id and kind, to open it. */
  id: string;
  item: NodeKind;
  title: string;
}

/**
 * - A finding has evidence when one of its factors is linked to a chronology entry
 *   or a key practice episode, or (a child death, which has no chronology) records
 *   where it was found.
 * - An action has an owner when it names the owning agency.
 */
export function traceabilityProblems(analysis: Omit<Analysis, 'owner' | 'entries'>): TraceProblem[] {
  const into = new Map<string, string[]>();
  for (const link of analysis.links) into.set(link.to, [...(into.get(link.to) ?? []), link.from]);
  const evidenced = new Set(
    analysis.factors
      .filter((factor) => (into.get(factor.id) ?? []).length > 0 || factor.note !== null)
      .map((factor) => factor.id),
  );
  const findings = new Set(analysis.findings.map((finding) => finding.id));
  const problems: TraceProblem[] = [];
  for (const finding of analysis.findings) {
    if (!(into.get(finding.id) ?? []).some((from) => evidenced.has(from))) {
      problems.push({ kind: 'finding-without-evidence', id: finding.id, item: 'finding', title: finding.title });
    }
  }
  for (const recommendation of analysis.recommendations) {
    if (!(into.get(recommendation.id) ?? []).some((from) => findings.has(from))) {
      problems.push({
        kind: 'recommendation-without-finding',
        id: recommendation.id,
        item: 'recommendation',
        title: recommendation.text,
      });
    }
  }
  for (const action of analysis.actions) {
    const item = { id: action.id, item: 'action' as const, title: action.text };
    if (action.ownerAgency === null) problems.push({ kind: 'action-without-owner', ...item });
    if (action.dueOn === null) problems.push({ kind: 'action-without-date', ...item });
    if (action.outcomeMeasure === null) problems.push({ kind: 'action-without-outcome-measure', ...item });
  }
  for (const episode of analysis.episodes) {
    if (episode.entryIds.length === 0) {
      problems.push({ kind: 'episode-without-entries', id: episode.id, item: 'episode', title: episode.title });
    }
  }
  return problems;
}
