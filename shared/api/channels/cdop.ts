import { z } from 'zod';
import {
  CASE_STATUSES,
  type CaseStatus,
  EXPECTEDNESS,
  type Expectedness,
  MODIFIABLE_OUTCOMES,
  type ModifiableOutcome,
  PLACE_OF_DEATH_CODES,
  type PlaceOfDeath,
  RECOMMENDATION_LEVELS,
  type RecommendationLevel,
  SEXES,
  type Sex,
} from '../../cdop/case.js';
import type { AgeAtDeath, AgeBand } from '../../cdop/dates.js';
import { type CategoryHint, FORM_VERSIONS, type FormVersion, type OutcomeSuggestion } from '../../cdop/forms/index.js';
import { nhsNumberProblem, normaliseNhsNumber } from '../../cdop/nhs-number.js';
import { DEFAULT_STATISTICS_BASIS, STATISTICS_BASES, type StatisticsBasis } from '../../cdop/statistics.js';
import { CDOP_IMPORT_FIELDS, type CdopImportField, type ImportedCase } from '../../import/cdop.js';
import { channel } from '../channel.js';
import { byId, id, isoDate, optionalText, requiredText } from '../fields.js';
import { type ImportPreviewResult, importChannels } from './import.js';

/** Child death reviews (CDOP): case records, the analysis form, the panel pack and statistics. */

// ---- outputs -----------------------------------------------------------------

export interface CdopFactor {
  id: string;
  /** The form version's domain code: A-D (2018) or 1-4 (Form C). */
  domain: string;
  description: string;
  /** The form version's grade code: 0/1/2 (2018) or 0/1/1*\/2/3 (Form C). */
  grade: string;
  modifiable: boolean;
  /** Where the panel found it: report, page, paragraph. */
  evidence: string | null;
}

export interface CdopAgencyReport {
  id: string;
  agency: string;
  requestedOn: string;
  receivedOn: string | null;
}

export interface CdopLearningPoint {
  id: string;
  text: string;
}

export interface CdopRecommendation {
  id: string;
  level: RecommendationLevel;
  agency: string;
  text: string;
}

export interface CdopReferral {
  /** Referred for a safeguarding practice review (an SCR before 2018). */
  referred: boolean;
  referredOn: string | null;
  /** The review in Casebook it led to, if any. */
  reviewId: string | null;
}

export interface CdopCase {
  id: string;
  reference: string;
  childName: string;
  /** Ten digits; shown as 3 3 4. */
  nhsNumber: string | null;
  dateOfBirth: string;
  sex: Sex;
  ethnicity: string | null;
  dateOfDeath: string;
  /** HH:MM, local time. */
  timeOfDeath: string | null;
  placeOfDeath: PlaceOfDeath | null;
  homePostcode: string | null;
  expected: Expectedness | null;
  jointAgencyResponse: boolean | null;
  postMortem: boolean | null;
  circumstances: string | null;
  formVersion: FormVersion;
  status: CaseStatus;
  category: number | null;
  modifiable: ModifiableOutcome | null;
  /** Deaths reviewed before 1 April 2010 only: the panel's "preventable" answer of the time, never a modifiable outcome. */
  preventable: boolean | null;
  referral: CdopReferral;
  dateNotified: string;
  dateReviewCompleted: string | null;
  /** Derived from the dates, never typed. */
  age: AgeAtDeath;
  ageBand: AgeBand | null;
  updatedAt: string;
}

export interface CdopCaseDetail extends CdopCase {
  factors: CdopFactor[];
  agencyReports: CdopAgencyReport[];
  /** Requested and not yet received. */
  outstandingReports: CdopAgencyReport[];
  panelMeetings: string[];
  learningPoints: CdopLearningPoint[];
  recommendations: CdopRecommendation[];
  /** What the factors point to; the panel decides. */
  suggestion: OutcomeSuggestion | null;
  /** A warning when the panel's outcome disagrees with the factors; never overrides it. */
  disagreement: string | null;
  categoryHints: CategoryHint[];
}

export interface CdopCaseSummary {
  id: string;
  reference: string;
  childName: string;
  dateOfDeath: string;
  ageBand: AgeBand | null;
  status: CaseStatus;
  category: number | null;
  modifiable: ModifiableOutcome | null;
  outstandingReports: CdopAgencyReport[];
  nextPanelMeeting: string | null;
}

export interface CdopPanelPack {
  meetingDate: string;
  cases: { case: CdopCaseSummary; outstanding: string[] }[];
}

/** Reviews completed (identified and all) in one group of a breakdown: the share's numerator and denominator. */
export interface ModifiableCount {
  reviewed: number;
  identified: number;
}

/** The figures of a period on a basis (shared/cdop/statistics.ts says what each basis counts). */
export interface CdopStatistics {
  basis: StatisticsBasis;
  from: string;
  to: string;
  /** `completed`: deaths notified in the period by date notified; `deaths`: deaths in the period. */
  notified: number;
  /** Reviews completed among the cases counted. */
  reviewed: number;
  /** The cases every breakdown counts: the completed reviews (`completed`) or the deaths (`deaths`). */
  cases: number;
  /** Death to review completion, reviewed cases; null with none reviewed. */
  medianDaysToReview: number | null;
  /** Reviewed cases only. */
  byCategory: Record<string, number>;
  /** Reviewed cases with modifiable factors identified, per category. */
  identifiedByCategory: Record<string, number>;
  /** Reviewed cases only. */
  modifiable: { identified: number; none: number; insufficient: number };
  /** identified / reviewed, 0-1; null with none reviewed (no share to state). */
  modifiableShare: number | null;
  byAgeBand: Record<AgeBand, number>;
  modifiableByAgeBand: Record<AgeBand, ModifiableCount>;
  bySex: Record<Sex, number>;
  modifiableBySex: Record<Sex, ModifiableCount>;
  /** Keyed by the recorded text; `Not recorded` for none. */
  byEthnicity: Record<string, number>;
  modifiableByEthnicity: Record<string, ModifiableCount>;
  expected: number;
  unexpected: number;
}

export interface CdopTrendYear {
  label: string;
  from: string;
  to: string;
  notified: number;
  reviewed: number;
  medianDaysToReview: number | null;
  identified: number;
  modifiableShare: number | null;
}

export type CdopImportPreview = ImportPreviewResult<CdopImportField, ImportedCase>;

export interface CdopStatisticsExport {
  fileName: string;
  /** The .xlsx workbook, or the annual report's .docx. */
  contentBase64: string;
}

// ---- schemas -----------------------------------------------------------------

export const nhsNumber = z
  .string()
  .max(20)
  .superRefine((value, context) => {
    const problem = nhsNumberProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => normaliseNhsNumber(value) ?? value);

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;
export const postcode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(POSTCODE, 'Enter a UK postcode, e.g. SW1A 1AA')
  .transform((value) => value.replace(/^(.+?) ?(\d[A-Z]{2})$/, '$1 $2'));

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM (24-hour)');

/** The notification dataset fields a panel member may change after notification. */
const notificationShape = {
  reference: requiredText('reference', 50),
  childName: requiredText("child's name", 200),
  nhsNumber: nhsNumber.nullable(),
  dateOfBirth: isoDate('Date of birth'),
  sex: z.enum(SEXES),
  ethnicity: optionalText('ethnicity', 100),
  dateOfDeath: isoDate('Date of death'),
  timeOfDeath: timeOfDay.nullable(),
  placeOfDeath: z.enum(PLACE_OF_DEATH_CODES).nullable(),
  homePostcode: postcode.nullable(),
  expected: z.enum(EXPECTEDNESS).nullable(),
  jointAgencyResponse: z.boolean().nullable(),
  postMortem: z.boolean().nullable(),
  circumstances: optionalText('summary of circumstances', 20_000),
  dateNotified: isoDate('Date notified'),
};

export const caseCreateInput = z
  .object({
    ...notificationShape,
    nhsNumber: notificationShape.nhsNumber.default(null),
    ethnicity: notificationShape.ethnicity.default(null),
    timeOfDeath: notificationShape.timeOfDeath.default(null),
    placeOfDeath: notificationShape.placeOfDeath.default(null),
    homePostcode: notificationShape.homePostcode.default(null),
    expected: notificationShape.expected.default(null),
    jointAgencyResponse: notificationShape.jointAgencyResponse.default(null),
    postMortem: notificationShape.postMortem.default(null),
    circumstances: notificationShape.circumstances.default(null),
    formVersion: z.enum(FORM_VERSIONS).optional(),
  })
  .strict();

export const caseUpdateInput = z
  .object({ id: id('case'), ...notificationShape })
  .partial()
  .required({ id: true })
  .strict();

const factorShape = {
  domain: requiredText('domain', 10),
  description: requiredText('description', 5000),
  grade: requiredText('grade', 5),
  modifiable: z.boolean(),
  evidence: optionalText('evidence', 5000),
};

const CDOP_IMPORT_FIELD_NAMES = CDOP_IMPORT_FIELDS.map((field) => field.field) as [
  CdopImportField,
  ...CdopImportField[],
];

export const cdopImportChannels = importChannels<CdopImportField, ImportedCase>()('cdop', CDOP_IMPORT_FIELD_NAMES, {});

export const CDOP_LIST_LIMIT = { max: 5000, default: 500 } as const;

// ---- channels ----------------------------------------------------------------

const unlocked = { requiresUnlocked: true };

const statisticsExportInput = z
  .object({
    from: isoDate('From'),
    to: isoDate('To'),
    basis: z.enum(STATISTICS_BASES).default(DEFAULT_STATISTICS_BASIS),
    suppressSmallNumbers: z.boolean().default(false),
  })
  .strict()
  .refine((period) => period.from <= period.to, { message: 'The period ends before it starts', path: ['to'] });

const statisticsPeriod = z
  .object({
    from: isoDate('From'),
    to: isoDate('To'),
    basis: z.enum(STATISTICS_BASES).default(DEFAULT_STATISTICS_BASIS),
  })
  .strict()
  .refine((period) => period.from <= period.to, { message: 'The period ends before it starts', path: ['to'] });

export const cdopChannels = {
  /** A new case from the notification; status "notified", the default form version unless given. */
  'cdop.case.create': channel<CdopCaseDetail>()(caseCreateInput, unlocked),
  /** Changes notification fields; dates are checked together (death after birth, under 18). */
  'cdop.case.update': channel<CdopCaseDetail>()(caseUpdateInput, unlocked),
  'cdop.case.get': channel<CdopCaseDetail>()(byId('case'), unlocked),
  /** Cases, newest death first, each with its outstanding agency reports. */
  'cdop.case.list': channel<CdopCaseSummary[]>()(
    z
      .object({
        status: z.enum(CASE_STATUSES).optional(),
        deathFrom: isoDate('Deaths from').optional(),
        deathTo: isoDate('Deaths to').optional(),
        limit: z.number().int().min(1).max(CDOP_LIST_LIMIT.max).default(CDOP_LIST_LIMIT.default),
      })
      .strict(),
    unlocked,
  ),
  /** One step along notified -> information gathering -> ready for panel -> reviewed -> closed, or one back. */
  'cdop.case.setStatus': channel<CdopCaseDetail>()(
    z
      .object({
        id: id('case'),
        status: z.enum(CASE_STATUSES),
        dateReviewCompleted: isoDate('Date review completed').optional(),
      })
      .strict(),
    unlocked,
  ),
  'cdop.case.setCategory': channel<CdopCaseDetail>()(
    z.object({ id: id('case'), category: z.number().int().min(1).max(10).nullable() }).strict(),
    unlocked,
  ),
  /** The panel changes the analysis form version (shared/cdop/forms: formChangeAccount says what carries over). */
  'cdop.case.setFormVersion': channel<CdopCaseDetail>()(
    z.object({ id: id('case'), formVersion: z.enum(FORM_VERSIONS) }).strict(),
    unlocked,
  ),
  /** Whether a death reviewed before 1 April 2010 was assessed "preventable" (refused for a later review). */
  'cdop.case.setPreventable': channel<CdopCaseDetail>()(
    z.object({ id: id('case'), preventable: z.boolean().nullable() }).strict(),
    unlocked,
  ),
  /** The panel's modifiable outcome; stored as given even when the factors suggest otherwise. */
  'cdop.case.setOutcome': channel<CdopCaseDetail>()(
    z.object({ id: id('case'), outcome: z.enum(MODIFIABLE_OUTCOMES).nullable() }).strict(),
    unlocked,
  ),
  'cdop.case.setReferral': channel<CdopCaseDetail>()(
    z
      .object({
        id: id('case'),
        referred: z.boolean(),
        referredOn: isoDate('Date referred').nullable().default(null),
        reviewId: id('review').nullable().default(null),
      })
      .strict(),
    unlocked,
  ),
  'cdop.factor.add': channel<CdopCaseDetail>()(
    z.object({ caseId: id('case'), ...factorShape, evidence: factorShape.evidence.default(null) }).strict(),
    unlocked,
  ),
  'cdop.factor.update': channel<CdopCaseDetail>()(
    z
      .object({ id: id('factor'), ...factorShape })
      .partial()
      .required({ id: true })
      .strict(),
    unlocked,
  ),
  'cdop.factor.remove': channel<CdopCaseDetail>()(byId('factor'), unlocked),
  'cdop.agencyReport.request': channel<CdopCaseDetail>()(
    z
      .object({ caseId: id('case'), agency: requiredText('agency', 200), requestedOn: isoDate('Date requested') })
      .strict(),
    unlocked,
  ),
  /** Records the report's arrival (or clears it with null). */
  'cdop.agencyReport.update': channel<CdopCaseDetail>()(
    z
      .object({
        id: id('agency report'),
        agency: requiredText('agency', 200).optional(),
        requestedOn: isoDate('Date requested').optional(),
        receivedOn: isoDate('Date received').nullable().optional(),
      })
      .strict(),
    unlocked,
  ),
  'cdop.agencyReport.remove': channel<CdopCaseDetail>()(byId('agency report'), unlocked),
  'cdop.panelMeeting.add': channel<CdopCaseDetail>()(
    z.object({ caseId: id('case'), meetingDate: isoDate('Meeting date') }).strict(),
    unlocked,
  ),
  'cdop.panelMeeting.remove': channel<CdopCaseDetail>()(
    z.object({ caseId: id('case'), meetingDate: isoDate('Meeting date') }).strict(),
    unlocked,
  ),
  'cdop.learningPoint.add': channel<CdopCaseDetail>()(
    z.object({ caseId: id('case'), text: requiredText('text', 5000) }).strict(),
    unlocked,
  ),
  'cdop.learningPoint.update': channel<CdopCaseDetail>()(
    z.object({ id: id('learning point'), text: requiredText('text', 5000) }).strict(),
    unlocked,
  ),
  'cdop.learningPoint.remove': channel<CdopCaseDetail>()(byId('learning point'), unlocked),
  'cdop.recommendation.add': channel<CdopCaseDetail>()(
    z
      .object({
        caseId: id('case'),
        level: z.enum(RECOMMENDATION_LEVELS),
        agency: requiredText('agency', 200),
        text: requiredText('text', 5000),
      })
      .strict(),
    unlocked,
  ),
  'cdop.recommendation.update': channel<CdopCaseDetail>()(
    z
      .object({
        id: id('recommendation'),
        level: z.enum(RECOMMENDATION_LEVELS).optional(),
        agency: requiredText('agency', 200).optional(),
        text: requiredText('text', 5000).optional(),
      })
      .strict(),
    unlocked,
  ),
  'cdop.recommendation.remove': channel<CdopCaseDetail>()(byId('recommendation'), unlocked),
  /** The cases listed for a panel meeting, each with what is still outstanding. */
  'cdop.panelPack': channel<CdopPanelPack>()(z.object({ meetingDate: isoDate('Meeting date') }).strict(), unlocked),
  /** Figures for [from, to] on a basis: reviews completed in the period (the national one, by default) or deaths in it. */
  'cdop.statistics': channel<CdopStatistics>()(statisticsPeriod, unlocked),
  /** The main figures per financial year (April to March) across [from, to], on the same basis. */
  'cdop.statistics.trend': channel<CdopTrendYear[]>()(statisticsPeriod, unlocked),
  /** The latest date that counts on a basis (a review completed, or a death): the screen opens on its financial year. */
  'cdop.statistics.latest': channel<{ date: string | null }>()(
    z.object({ basis: z.enum(STATISTICS_BASES).default(DEFAULT_STATISTICS_BASIS) }).strict(),
    unlocked,
  ),
  /**
   * Every table of the statistics screen (shared/cdop/statistics.ts) and the trend as
   * an .xlsx workbook (a sheet per table, OFFICIAL-SENSITIVE in header and footer,
   * the basis and the suppression rule on each sheet); small numbers withheld when asked.
   */
  'cdop.statistics.export': channel<CdopStatisticsExport>()(statisticsExportInput, unlocked),
  /** The annual report for the period as a Word document: every table above with its chart, the basis, suppression when asked. */
  'cdop.statistics.report': channel<CdopStatisticsExport>()(statisticsExportInput, unlocked),
  /** Historical cases from CSV / .xlsx: the import channels every kind has (./import.ts); into the vault, no target. */
  ...cdopImportChannels,
} as const;
