import type { ColumnsOf } from './columns.js';

/** Tables of the modifiable-factor analysis (migration 0011_analysis). */

/** Each item belongs to one review or one child death case; `position` keeps the reviewer's order. */
interface Owned {
  review_id: string | null;
  cdop_case_id: string | null;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface AnalysisFactorTable extends Owned {
  id: string;
  description: string;
  taxonomy: string | null;
  level: string | null;
  domain: string | null;
  grade: string | null;
  modifiable: number;
  /** JSON array of agency names. */
  agencies: string;
  note: string | null;
}

export interface AnalysisFindingTable extends Owned {
  id: string;
  title: string;
  taxonomy: string | null;
  pattern: string | null;
  in_this_case: string | null;
  wider_evidence: string | null;
  why_it_matters: string | null;
  board_questions: string | null;
}

export interface AnalysisRecommendationTable extends Owned {
  id: string;
  text: string;
  addressee: string;
  agency: string | null;
  level: string | null;
}

export interface AnalysisActionTable extends Owned {
  id: string;
  text: string;
  owner_agency: string | null;
  owner_role: string | null;
  due_on: string | null;
  status: string;
  outcome_measure: string | null;
}

export interface AnalysisActionEvidenceTable {
  id: string;
  action_id: string;
  recorded_on: string;
  source: string;
  text: string;
  created_at: string;
}

export interface AnalysisLinkTable {
  from_id: string;
  to_id: string;
  from_kind: string;
  to_kind: string;
  review_id: string | null;
  cdop_case_id: string | null;
  created_at: string;
}

export interface AnalysisTables {
  analysis_factor: AnalysisFactorTable;
  analysis_finding: AnalysisFindingTable;
  analysis_recommendation: AnalysisRecommendationTable;
  analysis_action: AnalysisActionTable;
  analysis_action_evidence: AnalysisActionEvidenceTable;
  analysis_link: AnalysisLinkTable;
}

const owned = {
  review_id: 'text | null',
  cdop_case_id: 'text | null',
  position: 'integer',
  created_at: 'text',
  updated_at: 'text',
} as const;

/** The columns as data, held to the interfaces by the compiler (see ./columns.ts). */
export const analysisColumns = {
  analysis_factor: {
    id: 'text',
    description: 'text',
    taxonomy: 'text | null',
    level: 'text | null',
    domain: 'text | null',
    grade: 'text | null',
    modifiable: 'integer',
    agencies: 'text',
    note: 'text | null',
    ...owned,
  },
  analysis_finding: {
    id: 'text',
    title: 'text',
    taxonomy: 'text | null',
    pattern: 'text | null',
    in_this_case: 'text | null',
    wider_evidence: 'text | null',
    why_it_matters: 'text | null',
    board_questions: 'text | null',
    ...owned,
  },
  analysis_recommendation: {
    id: 'text',
    text: 'text',
    addressee: 'text',
    agency: 'text | null',
    level: 'text | null',
    ...owned,
  },
  analysis_action: {
    id: 'text',
    text: 'text',
    owner_agency: 'text | null',
    owner_role: 'text | null',
    due_on: 'text | null',
    status: 'text',
    outcome_measure: 'text | null',
    ...owned,
  },
  analysis_action_evidence: {
    id: 'text',
    action_id: 'text',
    recorded_on: 'text',
    source: 'text',
    text: 'text',
    created_at: 'text',
  },
  analysis_link: {
    from_id: 'text',
    to_id: 'text',
    from_kind: 'text',
    to_kind: 'text',
    review_id: 'text | null',
    cdop_case_id: 'text | null',
    created_at: 'text',
  },
} satisfies ColumnsOf<AnalysisTables>;
