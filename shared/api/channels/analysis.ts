import { z } from 'zod';
import type { TraceProblem } from '../../analysis/check.js';
import {
  ACTION_STATUSES,
  type ActionStatus,
  ADDRESSEES,
  type Analysis,
  EVIDENCE_SOURCES,
} from '../../analysis/model.js';
import { RECOMMENDATION_LEVELS } from '../../cdop/case.js';
import { proseSchema } from '../../reports/prose.js';
import { channel } from '../channel.js';
import { byId, id, isoDate, optionalText, requiredText } from '../fields.js';

/**
 * The modifiable-factor analysis (shared/analysis/model.ts): the chain from evidence
 * to actions of one review or one child death, its links, the traceability check,
 * moving a whole analysis between vaults, and the action board across every review
 * and case. Every change answers with the whole analysis, so a view redraws from one
 * read.
 */

// ---- input pieces -------------------------------------------------------------------

export const ownerSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('review'), id: id('review') }).strict(),
    z.object({ kind: z.literal('cdop-case'), id: id('case') }).strict(),
  ],
  { error: 'Give the review or the child death case' },
);

const agencies = z.array(requiredText('agency', 200)).max(50, 'At most 50 agencies');

const factorShape = {
  description: requiredText('description', 5000),
  /** A review's factor: the taxonomy version (the default when left out) and its level. */
  taxonomy: optionalText('taxonomy', 100),
  level: optionalText('level', 50),
  /** A child death's factor: the case's form's domain and grade. */
  domain: optionalText('domain', 10),
  grade: optionalText('grade', 5),
  modifiable: z.boolean(),
  agencies,
  note: optionalText('note', 5000),
};

const findingShape = {
  title: requiredText('finding', 500),
  taxonomy: optionalText('taxonomy', 100),
  pattern: optionalText('pattern', 50),
  inThisCase: optionalText('how it showed in this case', 20_000),
  widerEvidence: optionalText('evidence that it is wider than this case', 20_000),
  whyItMatters: optionalText('why it matters', 20_000),
  boardQuestions: optionalText('questions for the board', 20_000),
};

const recommendationShape = {
  text: requiredText('recommendation', 5000),
  addressee: z.enum(ADDRESSEES, { error: 'Address it to an agency or to the board' }),
  agency: optionalText('agency', 200),
  level: z.enum(RECOMMENDATION_LEVELS).nullable(),
};

const actionShape = {
  text: requiredText('action', 5000),
  ownerAgency: optionalText('owner agency', 200),
  ownerRole: optionalText('owner role', 200),
  dueOn: isoDate('Due date').nullable(),
  status: z.enum(ACTION_STATUSES, { error: `Choose ${ACTION_STATUSES.join(', ')}` }),
  outcomeMeasure: optionalText('outcome measure', 5000),
};

const evidenceShape = {
  recordedOn: isoDate('Date'),
  source: z.enum(EVIDENCE_SOURCES, { error: `Choose ${EVIDENCE_SOURCES.join(', ')}` }),
  text: requiredText('evidence', 5000),
};

/** A new item's fields: what is left out is empty (a new action is not started). */
const newFactor = {
  ...factorShape,
  taxonomy: factorShape.taxonomy.default(null),
  level: factorShape.level.default(null),
  domain: factorShape.domain.default(null),
  grade: factorShape.grade.default(null),
  agencies: agencies.default([]),
  note: factorShape.note.default(null),
};
const newRecommendation = {
  ...recommendationShape,
  agency: recommendationShape.agency.default(null),
  level: recommendationShape.level.default(null),
};
const newAction = {
  ...actionShape,
  ownerAgency: actionShape.ownerAgency.default(null),
  ownerRole: actionShape.ownerRole.default(null),
  dueOn: actionShape.dueOn.default(null),
  status: actionShape.status.default('not-started'),
  outcomeMeasure: actionShape.outcomeMeasure.default(null),
};

/** Every key optional except the id: what is left out stays as it is. */
const update = <Shape extends z.ZodRawShape>(what: string, shape: Shape) =>
  z
    .object(shape)
    .partial()
    .extend({ id: id(what) })
    .strict();

const linkSchema = z.object({ from: id('item'), to: id('item') }).strict();

/**
 * The portable analysis (`analysis export` / `analysis import`): the same shape as
 * `Analysis` without its owner; ids are the exporting vault's and are replaced on
 * import. Entries are found again in the target review by id, or else by agency,
 * date and event text.
 */
export const portableAnalysisSchema = z
  .object({
    episodes: z
      .array(
        z
          .object({
            id: id('episode'),
            title: requiredText('episode title', 300),
            from: z.string().max(10).nullable().default(null),
            to: z.string().max(10).nullable().default(null),
            entryIds: z.array(id('entry')).max(20_000).default([]),
            wentWell: proseSchema.default([]),
            wentLessWell: proseSchema.default([]),
            practitionersView: proseSchema.default([]),
            familyView: proseSchema.default([]),
          })
          .strict(),
      )
      .max(1000)
      .default([]),
    factors: z
      .array(
        z
          .object({
            id: id('factor'),
            ...newFactor,
          })
          .strict(),
      )
      .max(5000)
      .default([]),
    findings: z
      .array(
        z
          .object({ id: id('finding'), ...findingShape })
          .partial()
          .required({ id: true, title: true })
          .strict(),
      )
      .max(5000)
      .default([]),
    recommendations: z
      .array(
        z
          .object({
            id: id('recommendation'),
            ...newRecommendation,
          })
          .strict(),
      )
      .max(5000)
      .default([]),
    actions: z
      .array(
        z
          .object({
            id: id('action'),
            ...newAction,
            evidence: z
              .array(z.object({ id: id('evidence').optional(), ...evidenceShape }).strict())
              .max(1000)
              .default([]),
          })
          .strict(),
      )
      .max(5000)
      .default([]),
    links: z.array(linkSchema).max(50_000).default([]),
    entries: z
      .array(
        z
          .object({
            id: id('entry'),
            agency: z.string().max(200),
            date: z.string().max(100),
            event: z.string().max(20_000),
          })
          .strict(),
      )
      .max(20_000)
      .default([]),
  })
  .strip();

export type PortableAnalysis = z.output<typeof portableAnalysisSchema>;

export const boardFilterSchema = z
  .object({
    agency: z.string().trim().max(200).optional(),
    /** Owner role, matched in part and ignoring case. */
    owner: z.string().trim().max(200).optional(),
    status: z.enum(ACTION_STATUSES).optional(),
    overdue: z.boolean().optional(),
  })
  .strict();

// ---- outputs ----------------------------------------------------------------------------

/** An action on the board, with where it comes from. */
export interface BoardAction {
  id: string;
  text: string;
  ownerAgency: string | null;
  ownerRole: string | null;
  dueOn: string | null;
  status: ActionStatus;
  /** Derived from the due date and today's local date, never stored. */
  overdue: boolean;
  outcomeMeasure: string | null;
  evidenceCount: number;
  latestEvidenceOn: string | null;
  /** The review or child death case, and its reference or title as shown. */
  owner: { kind: 'review' | 'cdop-case'; id: string; title: string };
  recommendations: string[];
}

export interface ActionPlanExport {
  fileName: string;
  mimeType: string;
  contentBase64: string;
  actions: number;
}

// ---- channels -----------------------------------------------------------------------------

const unlocked = { requiresUnlocked: true };
const byOwner = z.object({ owner: ownerSchema }).strict();

export const analysisChannels = {
  /** The whole analysis of a review or a child death in one read (the Word report reads the same). */
  'analysis.get': channel<Analysis>()(byOwner, unlocked),
  /** Gaps in the chain, each naming its item. */
  'analysis.check': channel<TraceProblem[]>()(byOwner, unlocked),
  /** A key practice episode's account: what went well, what did not, the practitioners' and family's views. */
  'analysis.episode.update': channel<Analysis>()(
    z
      .object({
        id: id('episode'),
        wentWell: proseSchema.optional(),
        wentLessWell: proseSchema.optional(),
        practitionersView: proseSchema.optional(),
        familyView: proseSchema.optional(),
      })
      .strict(),
    unlocked,
  ),
  'analysis.factor.create': channel<Analysis>()(
    z
      .object({
        owner: ownerSchema,
        ...newFactor,
      })
      .strict(),
    unlocked,
  ),
  'analysis.factor.update': channel<Analysis>()(update('factor', factorShape), unlocked),
  'analysis.finding.create': channel<Analysis>()(
    z
      .object({ owner: ownerSchema, ...findingShape })
      .partial()
      .required({ owner: true, title: true })
      .strict(),
    unlocked,
  ),
  'analysis.finding.update': channel<Analysis>()(update('finding', findingShape), unlocked),
  'analysis.recommendation.create': channel<Analysis>()(
    z
      .object({
        owner: ownerSchema,
        ...newRecommendation,
      })
      .strict(),
    unlocked,
  ),
  'analysis.recommendation.update': channel<Analysis>()(update('recommendation', recommendationShape), unlocked),
  /** An action, linked at once to the recommendation it carries out when one is given. */
  'analysis.action.create': channel<Analysis>()(
    z
      .object({
        owner: ownerSchema,
        recommendationId: id('recommendation').optional(),
        ...newAction,
      })
      .strict(),
    unlocked,
  ),
  'analysis.action.update': channel<Analysis>()(update('action', actionShape), unlocked),
  'analysis.action.addEvidence': channel<Analysis>()(
    z.object({ actionId: id('action'), ...evidenceShape }).strict(),
    unlocked,
  ),
  'analysis.action.removeEvidence': channel<Analysis>()(byId('evidence'), unlocked),
  /** Removes a factor, finding, recommendation or action with its links (the chronology's entries and episodes stay). */
  'analysis.remove': channel<Analysis>()(byId('item'), unlocked),
  /** Links two items along the chain (entry or episode -> factor -> finding -> recommendation -> action). */
  'analysis.link': channel<Analysis>()(linkSchema, unlocked),
  'analysis.unlink': channel<Analysis>()(linkSchema, unlocked),
  /** Adds a whole exported analysis with new ids; refused whole, every problem listed, if any part is wrong. */
  'analysis.import': channel<Analysis>()(z.object({ owner: ownerSchema, analysis: z.unknown() }).strict(), unlocked),
  /** Every action of every review and child death, filtered; overdue by today's local date. */
  'actions.board': channel<BoardAction[]>()(boardFilterSchema, unlocked),
  /** The filtered action plan as an XLSX workbook carrying the audit anchor. */
  'actions.export': channel<ActionPlanExport>()(boardFilterSchema, unlocked),
} as const;
