/**
 * The child death case record's fixed lists and its status flow: pure data the
 * contract, the services and the screens share. Source: the 2018 notification
 * dataset and Form B place-of-death list as summarised in DOMAIN.md section 5.
 */

// ---- place of death (Form B) ------------------------------------------------------

export const PLACES_OF_DEATH = [
  { code: 'hospital_ed', label: 'Acute hospital: emergency department' },
  { code: 'hospital_paediatric_ward', label: 'Acute hospital: paediatric ward' },
  { code: 'hospital_neonatal_unit', label: 'Acute hospital: neonatal unit' },
  { code: 'hospital_icu', label: 'Acute hospital: intensive care unit' },
  { code: 'hospital_other', label: 'Acute hospital: other' },
  { code: 'home', label: 'Home of normal residence' },
  { code: 'other_private_residence', label: 'Other private residence' },
  { code: 'foster_home', label: 'Foster home' },
  { code: 'residential_care', label: 'Residential care' },
  { code: 'public_place', label: 'Public place' },
  { code: 'school', label: 'School' },
  { code: 'hospice', label: 'Hospice' },
  { code: 'mental_health_inpatient', label: 'Mental health inpatient unit' },
  { code: 'abroad', label: 'Abroad' },
  { code: 'other', label: 'Other' },
  { code: 'not_known', label: 'Not known' },
] as const;

export type PlaceOfDeath = (typeof PLACES_OF_DEATH)[number]['code'];
export const PLACE_OF_DEATH_CODES = PLACES_OF_DEATH.map((place) => place.code) as [PlaceOfDeath, ...PlaceOfDeath[]];

// ---- sex, ethnicity, expected ------------------------------------------------------

/** As the NHS records a person's stated sex; statistics count each. */
export const SEXES = ['male', 'female', 'indeterminate', 'not_known'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Record<Sex, string> = {
  male: 'Male',
  female: 'Female',
  indeterminate: 'Indeterminate',
  not_known: 'Not known',
};

/**
 * Offered choices for ethnicity: the NHS Data Dictionary's ethnic categories
 * (2001 census groups). Stored as the label text so an imported historical value
 * outside this list is kept as written; statistics group by the text.
 */
export const ETHNIC_CATEGORIES = [
  'White - British',
  'White - Irish',
  'White - Any other White background',
  'Mixed - White and Black Caribbean',
  'Mixed - White and Black African',
  'Mixed - White and Asian',
  'Mixed - Any other mixed background',
  'Asian or Asian British - Indian',
  'Asian or Asian British - Pakistani',
  'Asian or Asian British - Bangladeshi',
  'Asian or Asian British - Any other Asian background',
  'Black or Black British - Caribbean',
  'Black or Black British - African',
  'Black or Black British - Any other Black background',
  'Other Ethnic Groups - Chinese',
  'Other Ethnic Groups - Any other ethnic group',
  'Not stated',
] as const;

/** "Not anticipated as a significant possibility, e.g. 24 hours before the death" makes a death unexpected. */
export const EXPECTEDNESS = ['expected', 'unexpected'] as const;
export type Expectedness = (typeof EXPECTEDNESS)[number];

// ---- modifiable outcome (stored the same for every form version) --------------------

/** The stored outcome; each form version words it in its own labels (Form C: "preventable"). */
export const MODIFIABLE_OUTCOMES = ['identified', 'none', 'insufficient'] as const;
export type ModifiableOutcome = (typeof MODIFIABLE_OUTCOMES)[number];

export const RECOMMENDATION_LEVELS = ['local', 'regional', 'national'] as const;
export type RecommendationLevel = (typeof RECOMMENDATION_LEVELS)[number];

// ---- status flow ---------------------------------------------------------------------

export const CASE_STATUSES = ['notified', 'information_gathering', 'ready_for_panel', 'reviewed', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  notified: 'Notified',
  information_gathering: 'Information gathering',
  ready_for_panel: 'Ready for panel',
  reviewed: 'Reviewed',
  closed: 'Closed',
};

/**
 * A case moves one step forward at a time, or one step back (the panel defers a
 * case for more information, or reopens a review). Moving to "reviewed" needs the
 * category, the modifiable outcome and the date the review was completed; those
 * checks are `reviewCompletionProblems`.
 */
export function canMoveStatus(from: CaseStatus, to: CaseStatus): boolean {
  const distance = CASE_STATUSES.indexOf(to) - CASE_STATUSES.indexOf(from);
  return distance === 1 || distance === -1;
}

export function nextStatus(status: CaseStatus): CaseStatus | null {
  return CASE_STATUSES[CASE_STATUSES.indexOf(status) + 1] ?? null;
}

export function reviewCompletionProblems(review: {
  category: number | null;
  modifiable: ModifiableOutcome | null;
  dateReviewCompleted: string | null;
}): string[] {
  const problems: string[] = [];
  if (review.category === null) problems.push('choose the category of death');
  if (review.modifiable === null) problems.push('record whether modifiable factors were identified');
  if (review.dateReviewCompleted === null) problems.push('give the date the review was completed');
  return problems;
}
