import type { RecommendationLevel } from '../cdop/case.js';
import type { Prose } from '../reports/prose.js';

/**
 * The modifiable-factor analysis of one review or one child death, as one chain
 * (DOMAIN.md sections 4 and 7): chronology entries and key practice episodes are
 * the evidence for contributory factors; factors support findings; findings lead
 * to recommendations; recommendations are carried out by actions. The chain's
 * edges are one generic list of links (`from` -> `to`), which the forms and the
 * diagram both edit, so the two views can never disagree.
 */

/** Whose analysis: a safeguarding practice review or a child death (CDOP) case. */
export type AnalysisOwner = { kind: 'review'; id: string } | { kind: 'cdop-case'; id: string };

export const NODE_KINDS = ['entry', 'episode', 'factor', 'finding', 'recommendation', 'action'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** The only links the chain has: each kind points to the next one along. */
export const LINK_TARGETS: Record<NodeKind, readonly NodeKind[]> = {
  entry: ['factor'],
  episode: ['factor'],
  factor: ['finding'],
  finding: ['recommendation'],
  recommendation: ['action'],
  action: [],
};

export function canLink(from: NodeKind, to: NodeKind): boolean {
  return LINK_TARGETS[from].includes(to);
}

export interface AnalysisLink {
  from: string;
  to: string;
}

/** A key practice episode (its span and entries come from the chronology) with the reviewer's account of it. */
export interface EpisodeAnalysis {
  id: string;
  title: string;
  from: string | null;
  to: string | null;
  entryIds: string[];
  wentWell: Prose;
  wentLessWell: Prose;
  /** From the case group or learning event. */
  practitionersView: Prose;
  familyView: Prose;
}

export const EPISODE_ACCOUNTS = ['wentWell', 'wentLessWell', 'practitionersView', 'familyView'] as const;
export type EpisodeAccount = (typeof EPISODE_ACCOUNTS)[number];

/**
 * A contributory factor. A review's factor is classified by a level of a versioned
 * taxonomy (shared/analysis/taxonomy); a child death's by its analysis form's
 * domain and grade (shared/cdop/forms, the version the case records).
 */
export interface Factor {
  id: string;
  description: string;
  /** Taxonomy version of `level` (a review's factors); null for a child death's. */
  taxonomy: string | null;
  level: string | null;
  /** The CDOP analysis form's domain and grade codes; null for a review's factors. */
  domain: string | null;
  grade: string | null;
  modifiable: boolean;
  /** The agencies concerned, by name. */
  agencies: string[];
  /** Where it was found in words (a CDOP report, page, paragraph); the links are the chain's evidence. */
  note: string | null;
}

/** A finding in the SCIE form. */
export interface Finding {
  id: string;
  /** A short statement of the finding: how it is listed and linked. */
  title: string;
  /** Taxonomy version of `pattern`. */
  taxonomy: string | null;
  pattern: string | null;
  inThisCase: string | null;
  widerEvidence: string | null;
  whyItMatters: string | null;
  boardQuestions: string | null;
}

export const ADDRESSEES = ['agency', 'board'] as const;
export type Addressee = (typeof ADDRESSEES)[number];

export interface Recommendation {
  id: string;
  text: string;
  /** To one agency (named in `agency`) or to the safeguarding partnership's board. */
  addressee: Addressee;
  agency: string | null;
  /** A child death's recommendations are local, regional or national; null for a review's. */
  level: RecommendationLevel | null;
}

export const ACTION_STATUSES = ['not-started', 'in-progress', 'completed', 'evidenced'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  completed: 'Completed',
  evidenced: 'Evidenced',
};

export const EVIDENCE_SOURCES = ['re-audit', 'questionnaire', 'inspection', 'note'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];
export const EVIDENCE_SOURCE_LABELS: Record<EvidenceSource, string> = {
  're-audit': 'Re-audit',
  questionnaire: 'Questionnaire',
  inspection: 'Inspection',
  note: 'Note',
};

/** Evidence of an action's impact, recorded over time. */
export interface ActionEvidence {
  id: string;
  recordedOn: string;
  source: EvidenceSource;
  text: string;
}

export interface Action {
  id: string;
  text: string;
  ownerAgency: string | null;
  ownerRole: string | null;
  dueOn: string | null;
  status: ActionStatus;
  /** What would show the action worked ("clearly spelt out and monitored"). */
  outcomeMeasure: string | null;
  /** Oldest first. */
  evidence: ActionEvidence[];
}

/** A chronology entry the chain points to, described so an import into another vault can find it again. */
export interface EntryDescriptor {
  id: string;
  agency: string;
  date: string;
  event: string;
}

/** The whole analysis of a review or a child death: what `analysis export` prints and the Word report reads. */
export interface Analysis {
  owner: AnalysisOwner;
  episodes: EpisodeAnalysis[];
  factors: Factor[];
  findings: Finding[];
  recommendations: Recommendation[];
  actions: Action[];
  links: AnalysisLink[];
  /** The chronology entries the links and episodes name. */
  entries: EntryDescriptor[];
}

/** Overdue is derived, never stored: due before today (the person's local date) and not yet done. */
export function isOverdue(action: Pick<Action, 'dueOn' | 'status'>, today: string): boolean {
  return (
    action.dueOn !== null &&
    action.dueOn < today &&
    (action.status === 'not-started' || action.status === 'in-progress')
  );
}
