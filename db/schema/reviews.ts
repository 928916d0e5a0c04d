import type { Generated } from 'kysely';
import type { ColumnsOf } from './columns.js';

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
  /** JSON array of the other names the text uses (0009_people_names). */
  also_known_as: Generated<string>;
  nhs_number: string | null;
  date_of_birth: string | null;
  address: string | null;
  postcode: string | null;
}

export interface ReviewTables {
  review: ReviewTable;
  review_agency: ReviewAgencyTable;
  review_status_step: ReviewStatusStepTable;
  person: PersonTable;
}

/** The columns as data, held to the interfaces by the compiler (see ./columns.ts). */
export const reviewColumns = {
  review: {
    id: 'text',
    title: 'text',
    type: 'text',
    scope_from: 'text | null',
    scope_to: 'text | null',
    terms_of_reference: 'text',
    lead_reviewers: 'text',
    archived_at: 'text | null',
    created_at: 'text',
    updated_at: 'text',
    aware_on: 'text | null',
    notified_on: 'text | null',
    rapid_review_held_on: 'text | null',
    decided_on: 'text | null',
    published_on: 'text | null',
  },
  review_agency: {
    id: 'text',
    review_id: 'text',
    name: 'text',
    position: 'integer',
  },
  review_status_step: {
    id: 'integer',
    review_id: 'text',
    status: 'text',
    step_date: 'text',
    decision: 'text | null',
    rationale: 'text | null',
    criteria_answers: 'text | null',
    criteria_outcome: 'text | null',
    criteria_explanation: 'text | null',
    recorded_by: 'text',
    recorded_at: 'text',
  },
  person: {
    id: 'text',
    review_id: 'text',
    real_name: 'text',
    role: 'text',
    relationship: 'text | null',
    agency_id: 'text | null',
    pseudonym: 'text',
    notes: 'text | null',
    created_at: 'text',
    updated_at: 'text',
    also_known_as: 'text',
    nhs_number: 'text | null',
    date_of_birth: 'text | null',
    address: 'text | null',
    postcode: 'text | null',
  },
} satisfies ColumnsOf<ReviewTables>;
