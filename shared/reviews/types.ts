/**
 * Review types and the roles of people in a review, as data: codes are what the
 * vault stores and the CLI accepts; labels are what reviewers read.
 */

export const REVIEW_TYPES = [
  { code: 'scr', label: 'Serious Case Review (SCR)' },
  { code: 'cspr', label: 'Child Safeguarding Practice Review (CSPR)' },
  { code: 'rapid', label: 'Rapid Review' },
  { code: 'learning', label: 'Multi-agency learning review' },
  { code: 'single-agency', label: 'Single-agency review' },
] as const;

export type ReviewType = (typeof REVIEW_TYPES)[number]['code'];
export const REVIEW_TYPE_CODES = REVIEW_TYPES.map((type) => type.code) as [ReviewType, ...ReviewType[]];

export function reviewTypeLabel(code: ReviewType): string {
  return REVIEW_TYPES.find((type) => type.code === code)?.label ?? code;
}

/**
 * Who a person is in the review. Deliberately few: the relationship ("Mother",
 * "Maternal grandmother", "Health visitor") carries the detail.
 */
export const PERSON_ROLES = [
  { code: 'child', label: 'Child' },
  { code: 'parent', label: 'Parent or carer' },
  { code: 'family-member', label: 'Family member' },
  { code: 'professional', label: 'Professional' },
  { code: 'other', label: 'Other adult' },
] as const;

export type PersonRole = (typeof PERSON_ROLES)[number]['code'];
export const PERSON_ROLE_CODES = PERSON_ROLES.map((role) => role.code) as [PersonRole, ...PersonRole[]];

export function personRoleLabel(code: PersonRole): string {
  return PERSON_ROLES.find((role) => role.code === code)?.label ?? code;
}

/** "Family member", "family_member", "FAMILY-MEMBER" all mean `family-member`; null if none matches. */
export function normalisePersonRole(typed: string): PersonRole | null {
  const key = typed
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return PERSON_ROLE_CODES.find((code) => code === key) ?? null;
}
