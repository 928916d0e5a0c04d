import { z } from 'zod';
import {
  CRITERIA_ANSWER_CODES,
  type CriteriaAnswers,
  type CriteriaCheck,
  type CriteriaFramework,
  type CriteriaOutcome,
  type Deadline,
  normalisePersonRole,
  PERSON_ROLE_CODES,
  type PersonRole,
  REVIEW_DECISION_CODES,
  REVIEW_STATUS_CODES,
  REVIEW_TYPE_CODES,
  type ReviewClockDates,
  type ReviewDecision,
  type ReviewStatus,
  type ReviewType,
  reviewClockProblem,
  TERMS_OF_REFERENCE_MAX_LENGTH,
} from '../../reviews/index.js';
import { channel } from '../channel.js';
import { byId, id, isoDate, optionalText, requiredText } from '../fields.js';
import { nhsNumber, postcode } from './cdop.js';

/** Channels of the reviews feature: reviews, their status process and the people in them. */

// ---- input pieces ---------------------------------------------------------------

export const reviewTypeSchema = z.enum(REVIEW_TYPE_CODES, {
  error: `Choose a review type: ${REVIEW_TYPE_CODES.join(', ')}`,
});
/** Accepts "Family member", "FAMILY_MEMBER"... and stores the code. */
export const personRoleSchema = z
  .string()
  .transform((value, context) => {
    const role = normalisePersonRole(value);
    if (role) return role;
    context.addIssue({ code: 'custom', message: `Choose a role: ${PERSON_ROLE_CODES.join(', ')}` });
    return z.NEVER;
  })
  .pipe(z.enum(PERSON_ROLE_CODES));

const answer = z.enum(CRITERIA_ANSWER_CODES, { error: 'Answer yes, no or not-known' });
/** The 2018 check asks only the first three; a 2015 decision recorded before the custody question has no answer to it. */
export const criteriaAnswersSchema = z
  .object({
    abuseOrNeglect: answer,
    childDied: answer,
    seriouslyHarmed: answer,
    agencyConcern: answer.optional(),
    diedInCustody: answer.optional(),
  })
  .strict();
export const criteriaFrameworkSchema = z.enum(['2015', '2018'], {
  error: 'Choose the criteria: 2015 (Serious Case Review) or 2018 (serious child safeguarding case)',
});

const names = (what: string) =>
  z
    .array(requiredText(what, 200))
    .max(50, `At most 50 ${what}s`)
    .refine((list) => new Set(list.map((name) => name.toLowerCase())).size === list.length, {
      message: `Each ${what} once only`,
    });

const scopeOrder = {
  message: 'The scope period must not end before it starts',
  path: ['scopeTo'],
};
const scopeInOrder = (value: { scopeFrom?: string | null | undefined; scopeTo?: string | null | undefined }) =>
  !value.scopeFrom || !value.scopeTo || value.scopeFrom <= value.scopeTo;

const reviewFields = {
  title: requiredText('title', 200),
  type: reviewTypeSchema,
  scopeFrom: isoDate('Scope start').nullable(),
  scopeTo: isoDate('Scope end').nullable(),
  termsOfReference: z
    .string()
    .max(
      TERMS_OF_REFERENCE_MAX_LENGTH,
      `The terms of reference are too long (at most ${TERMS_OF_REFERENCE_MAX_LENGTH} characters)`,
    ),
  agencies: names('agency'),
  leadReviewers: names('lead reviewer'),
  awareOn: isoDate('Date of becoming aware').nullable(),
  notifiedOn: isoDate('Date the notification was sent').nullable(),
  rapidReviewHeldOn: isoDate('Date the rapid review was held').nullable(),
  decidedOn: isoDate('Date of the decision').nullable(),
  publishedOn: isoDate('Date of publication').nullable(),
};

/** The clock's dates must follow the date of becoming aware (checked again against stored dates on update). */
const clockInOrder = (value: Partial<ReviewClockDates>, context: z.RefinementCtx) => {
  const problem = reviewClockProblem({
    awareOn: value.awareOn ?? null,
    notifiedOn: value.notifiedOn ?? null,
    rapidReviewHeldOn: value.rapidReviewHeldOn ?? null,
    decidedOn: value.decidedOn ?? null,
    publishedOn: value.publishedOn ?? null,
  });
  if (problem) context.addIssue({ code: 'custom', message: problem, path: ['awareOn'] });
};

export const reviewCreateSchema = z
  .object({
    title: reviewFields.title,
    type: reviewFields.type,
    scopeFrom: reviewFields.scopeFrom.default(null),
    scopeTo: reviewFields.scopeTo.default(null),
    termsOfReference: reviewFields.termsOfReference.default(''),
    agencies: reviewFields.agencies.default([]),
    leadReviewers: reviewFields.leadReviewers.default([]),
    awareOn: reviewFields.awareOn.default(null),
    notifiedOn: reviewFields.notifiedOn.default(null),
    rapidReviewHeldOn: reviewFields.rapidReviewHeldOn.default(null),
    decidedOn: reviewFields.decidedOn.default(null),
    publishedOn: reviewFields.publishedOn.default(null),
  })
  .strict()
  .refine(scopeInOrder, scopeOrder)
  .superRefine(clockInOrder);

export const reviewUpdateSchema = z
  .object({
    id: id('review'),
    title: reviewFields.title.optional(),
    type: reviewFields.type.optional(),
    scopeFrom: reviewFields.scopeFrom.optional(),
    scopeTo: reviewFields.scopeTo.optional(),
    termsOfReference: reviewFields.termsOfReference.optional(),
    /** The whole list: names kept keep their agency (and what refers to it), new ones are added. */
    agencies: reviewFields.agencies.optional(),
    leadReviewers: reviewFields.leadReviewers.optional(),
    awareOn: reviewFields.awareOn.optional(),
    notifiedOn: reviewFields.notifiedOn.optional(),
    rapidReviewHeldOn: reviewFields.rapidReviewHeldOn.optional(),
    decidedOn: reviewFields.decidedOn.optional(),
    publishedOn: reviewFields.publishedOn.optional(),
  })
  .strict()
  .refine(scopeInOrder, scopeOrder);

export const recordStatusSchema = z
  .object({
    reviewId: id('review'),
    status: z.enum(REVIEW_STATUS_CODES, { error: `Choose a status: ${REVIEW_STATUS_CODES.join(', ')}` }),
    date: isoDate('Date'),
    decision: z
      .enum(REVIEW_DECISION_CODES, { error: `Choose a decision: ${REVIEW_DECISION_CODES.join(', ')}` })
      .nullable()
      .default(null),
    rationale: optionalText('rationale', 10_000).default(null),
    criteria: criteriaAnswersSchema.nullable().default(null),
  })
  .strict();

const emptyAsNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

const personFields = {
  name: requiredText('name', 200),
  role: personRoleSchema,
  relationship: optionalText('relationship', 200),
  agency: optionalText('agency', 200),
  pseudonym: requiredText('pseudonym or role code', 60),
  notes: optionalText('notes', 5_000),
  /** Other forms of the name the text uses ("Tyler", "Dr Okafor", "Ms Brown"): found and anonymised like the name. */
  alsoKnownAs: z
    .array(z.string().trim().min(1, 'Enter the other name').max(200, 'An other name is at most 200 characters'))
    .max(50, 'At most 50 other names')
    .transform((names) => [...new Map(names.map((name) => [name.toLowerCase(), name])).values()]),
  // What identifies them beyond a name, for the leak check of anonymised output; empty clears.
  nhsNumber: z.preprocess(emptyAsNull, nhsNumber.nullable()),
  dateOfBirth: z.preprocess(emptyAsNull, isoDate('Date of birth').nullable()),
  address: optionalText('address', 500),
  postcode: z.preprocess(emptyAsNull, postcode.nullable()),
};

export const personAddSchema = z
  .object({
    reviewId: id('review'),
    name: personFields.name,
    role: personFields.role,
    pseudonym: personFields.pseudonym,
    relationship: personFields.relationship.default(null),
    agency: personFields.agency.default(null),
    notes: personFields.notes.default(null),
    alsoKnownAs: personFields.alsoKnownAs.default([]),
    nhsNumber: personFields.nhsNumber.default(null),
    dateOfBirth: personFields.dateOfBirth.default(null),
    address: personFields.address.default(null),
    postcode: personFields.postcode.default(null),
  })
  .strict();

export const personUpdateSchema = z
  .object({
    id: id('person'),
    name: personFields.name.optional(),
    role: personFields.role.optional(),
    pseudonym: personFields.pseudonym.optional(),
    relationship: personFields.relationship.optional(),
    agency: personFields.agency.optional(),
    notes: personFields.notes.optional(),
    alsoKnownAs: personFields.alsoKnownAs.optional(),
    nhsNumber: personFields.nhsNumber.optional(),
    dateOfBirth: personFields.dateOfBirth.optional(),
    address: personFields.address.optional(),
    postcode: personFields.postcode.optional(),
  })
  .strict();

// ---- outputs ----------------------------------------------------------------------

export interface ReviewAgency {
  id: string;
  name: string;
}

export interface StatusStep {
  id: number;
  status: ReviewStatus;
  /** "Considered by the SCR sub-group". */
  statusLabel: string;
  /** YYYY-MM-DD: when it happened, not when it was typed in. */
  date: string;
  /** The sub-group's recommendation or the Chair's decision. */
  decision: ReviewDecision | null;
  decisionLabel: string | null;
  rationale: string | null;
  /** The answers and what the check said, as they stood when the decision was recorded. */
  criteria: (CriteriaCheck & { answers: CriteriaAnswers }) | null;
  /** Set when the decision goes against the criteria check. */
  caution: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface ReviewSummary {
  id: string;
  title: string;
  type: ReviewType;
  /** "Child Safeguarding Practice Review (CSPR)". */
  typeLabel: string;
  scopeFrom: string | null;
  scopeTo: string | null;
  /** The latest step; null before the first is recorded. */
  status: ReviewStatus | null;
  statusLabel: string;
  archived: boolean;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The post-2018 clock, YYYY-MM-DD or null: day 0 and what has been done since. */
  awareOn: string | null;
  notifiedOn: string | null;
  rapidReviewHeldOn: string | null;
  decidedOn: string | null;
  publishedOn: string | null;
  /** Notification and rapid review due dates in working days from `awareOn` (none until it is set). */
  deadlines: Deadline[];
}

export interface Review extends ReviewSummary {
  /** Plain text in the format of shared/reviews/terms.ts. */
  termsOfReference: string;
  agencies: ReviewAgency[];
  leadReviewers: string[];
  statusHistory: StatusStep[];
  /** What may be recorded next, for the status form. */
  nextStatuses: { status: ReviewStatus; label: string }[];
  /** Which criteria decisions are checked against, by the review's date (Working Together 2015 or 2018). */
  criteriaFramework: CriteriaFramework;
}

export interface Person {
  id: string;
  reviewId: string;
  /** The real name: kept in the vault, replaced by the pseudonym in anonymised output. */
  name: string;
  role: PersonRole;
  roleLabel: string;
  relationship: string | null;
  agency: string | null;
  agencyId: string | null;
  /** "Child H", "Mother", "GP1": unique within the review. */
  pseudonym: string;
  notes: string | null;
  /** Other forms of the name the text uses; found in entries and anonymised like the name. */
  alsoKnownAs: string[];
  /** Ten digits. These four are only for the leak check of anonymised output. */
  nhsNumber: string | null;
  /** YYYY-MM-DD. */
  dateOfBirth: string | null;
  address: string | null;
  postcode: string | null;
  createdAt: string;
  updatedAt: string;
}

export type { CriteriaAnswers, CriteriaCheck, CriteriaFramework, CriteriaOutcome, Deadline };

// ---- channels ---------------------------------------------------------------------

export const reviewsChannels = {
  'reviews.create': channel<Review>()(reviewCreateSchema, { requiresUnlocked: true }),
  'reviews.update': channel<Review>()(reviewUpdateSchema, { requiresUnlocked: true }),
  'reviews.get': channel<Review>()(byId('review'), { requiresUnlocked: true }),
  'reviews.list': channel<ReviewSummary[]>()(
    z.object({ archived: z.enum(['exclude', 'only', 'include']).default('exclude') }).strict(),
    { requiresUnlocked: true },
  ),
  'reviews.archive': channel<Review>()(byId('review'), { requiresUnlocked: true }),
  'reviews.restore': channel<Review>()(byId('review'), { requiresUnlocked: true }),
  'reviews.recordStatus': channel<Review>()(recordStatusSchema, { requiresUnlocked: true }),
  /** Pure evaluation as the reviewer answers: reads nothing from the vault. */
  'reviews.criteriaCheck': channel<CriteriaCheck>()(
    criteriaAnswersSchema.partial().extend({ framework: criteriaFrameworkSchema.default('2015') }),
    { requiresUnlocked: false },
  ),
  'people.add': channel<Person>()(personAddSchema, { requiresUnlocked: true }),
  'people.update': channel<Person>()(personUpdateSchema, { requiresUnlocked: true }),
  'people.remove': channel<{ removed: true }>()(byId('person'), { requiresUnlocked: true }),
  'people.list': channel<Person[]>()(z.object({ reviewId: id('review') }).strict(), { requiresUnlocked: true }),
  'people.suggestPseudonym': channel<{ pseudonym: string }>()(
    z
      .object({
        reviewId: id('review'),
        role: personRoleSchema,
        relationship: optionalText('relationship', 200).default(null),
      })
      .strict(),
    { requiresUnlocked: true },
  ),
} as const;
