import type { Generated } from 'kysely';

/** Tables of the reviews feature (migration 0002_reviews; the review's clock dates from 0006_review_clock). */

export interface ReviewTable {
  id: string;
  title: string;
  type: string;
  scope_from: string | null;
  scope_to: string | null;
  terms_of_reference: string;
  /** JSON array of names. */
  lead_reviewers: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  aware_on: string | null;
  notified_on: string | null;
  rapid_review_held_on: string | null;
  decided_on: string | null;
  published_on: string | null;
}

export interface ReviewAgencyTable {
  id: string;
  review_id: string;
  name: string;
  position: number;
}

export interface ReviewStatusStepTable {
  id: Generated<number>;
  review_id: string;
  status: string;
  step_date: string;
  decision: string | null;
  rationale: string | null;
  /** JSON of the criteria answers. */
  criteria_answers: string | null;
  criteria_outcome: string | null;
  criteria_explanation: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface PersonTable {
  id: string;
  review_id: string;
  real_name: string;
  role: string;
  relationship: string | null;
  agency_id: string | null;
  pseudonym: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReviewTables {
  review: ReviewTable;
  review_agency: ReviewAgencyTable;
  review_status_step: ReviewStatusStepTable;
  person: PersonTable;
}
