import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type {
  Review,
  ReviewAgency,
  ReviewSummary,
  recordStatusSchema,
  reviewCreateSchema,
  reviewUpdateSchema,
  StatusStep,
} from '../shared/api/channels/reviews.js';
import { CasebookError } from '../shared/api/errors.js';
import { todayIso } from '../shared/dates/iso-date.js';
import {
  type CriteriaAnswers,
  type CriteriaFramework,
  type CriteriaOutcome,
  checkCriteria,
  checkTransition,
  criteriaFrameworkFor,
  decisionCaution,
  nextStatuses,
  type ReviewClockDates,
  type ReviewDecision,
  type ReviewStatus,
  type ReviewType,
  reviewClockProblem,
  reviewDeadlines,
  reviewDecisionLabel,
  reviewStatusLabel,
  reviewTypeLabel,
} from '../shared/reviews/index.js';
import { all, type Database, first, query, run } from './query.js';
import type { ReviewStatusStepTable, ReviewTable } from './schema/reviews.js';
import { readExtraNonWorkingDays } from './settings.js';
import type { VaultWriter } from './vault.js';

/**
 * Reviews, their agencies and status history. Every change goes through
 * `vault.write`, so it commits with its audit row; audit detail holds ids and
 * counts only (a review's title can identify a family).
 */

export type ReviewCreateInput = z.output<typeof reviewCreateSchema>;
export type ReviewUpdateInput = z.output<typeof reviewUpdateSchema>;
export type RecordStatusInput = z.output<typeof recordStatusSchema>;
export type ArchivedFilter = 'exclude' | 'only' | 'include';

type StepRow = Selectable<ReviewStatusStepTable>;

/** The review's row, or not_found: the one check every feature makes before reading a review's records. */
export function requireReview(database: Database, id: string): ReviewTable {
  const row = first(database, query.selectFrom('review').selectAll().where('id', '=', id));
  if (!row) throw new CasebookError('not_found', `review not found: ${id}`);
  return row;
}

/** Throws unless the review exists and is not archived: an archived review is read-only until restored. */
export function requireOpenReview(database: Database, id: string): ReviewTable {
  const row = requireReview(database, id);
  if (row.archived_at !== null) {
    throw new CasebookError('conflict', 'This review is archived; restore it to make changes.');
  }
  return row;
}

function latestStep(database: Database, reviewId: string): StepRow | undefined {
  return first(
    database,
    query.selectFrom('review_status_step').selectAll().where('review_id', '=', reviewId).orderBy('id', 'desc').limit(1),
  );
}

/** What the working-day deadlines are counted against: today, and the reviewer's own non-working days. */
interface ClockContext {
  today: string;
  extraNonWorkingDays: readonly string[];
}

function clockContext(database: Database, today: string): ClockContext {
  return { today, extraNonWorkingDays: readExtraNonWorkingDays(database) };
}

function clockDates(row: ReviewTable): ReviewClockDates {
  return {
    awareOn: row.aware_on,
    notifiedOn: row.notified_on,
    rapidReviewHeldOn: row.rapid_review_held_on,
    decidedOn: row.decided_on,
    publishedOn: row.published_on,
  };
}

function toSummary(row: ReviewTable, status: ReviewStatus | null, clock: ClockContext): ReviewSummary {
  const dates = clockDates(row);
  return {
    id: row.id,
    title: row.title,
    type: row.type as ReviewType,
    typeLabel: reviewTypeLabel(row.type as ReviewType),
    scopeFrom: row.scope_from,
    scopeTo: row.scope_to,
    status,
    statusLabel: reviewStatusLabel(status),
    archived: row.archived_at !== null,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...dates,
    deadlines: reviewDeadlines(dates, clock.today, clock.extraNonWorkingDays),
  };
}

/**
 * The criteria a decision is checked against go by the review's date: the day the
 * partners became aware of the incident, else the first step recorded (the referral),
 * else the step being recorded now.
 */
function frameworkOf(database: Database, row: ReviewTable, fallbackDate: string): CriteriaFramework {
  const firstStep = first(
    database,
    query.selectFrom('review_status_step').select('step_date').where('review_id', '=', row.id).orderBy('id').limit(1),
  );
  return criteriaFrameworkFor(row.aware_on ?? firstStep?.step_date ?? fallbackDate);
}

function toStep(row: StepRow, framework: CriteriaFramework): StatusStep {
  const decision = row.decision as ReviewDecision | null;
  const outcome = row.criteria_outcome as CriteriaOutcome | null;
  const answers = row.criteria_answers ? (JSON.parse(row.criteria_answers) as CriteriaAnswers) : null;
  return {
    id: row.id,
    status: row.status as ReviewStatus,
    statusLabel: reviewStatusLabel(row.status as ReviewStatus),
    date: row.step_date,
    decision,
    decisionLabel: decision ? reviewDecisionLabel(decision) : null,
    rationale: row.rationale,
    criteria:
      answers && outcome
        ? {
            answers,
            outcome,
            // The explanation as it was shown when the decision was recorded, not today's wording.
            explanation: row.criteria_explanation ?? '',
            openQuestions: checkCriteria(framework, answers).openQuestions,
          }
        : null,
    caution: decisionCaution(decision, outcome),
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

export function listAgencies(database: Database, reviewId: string): ReviewAgency[] {
  return all(
    database,
    query
      .selectFrom('review_agency')
      .select(['id', 'name'])
      .where('review_id', '=', reviewId)
      .orderBy('position')
      .orderBy('name'),
  );
}

/** `today` decides which deadlines are overdue (tests pass a fixed day). */
export function getReview(database: Database, id: string, today: string = todayIso()): Review {
  const row = requireReview(database, id);
  const framework = frameworkOf(database, row, today);
  const steps = all(
    database,
    query.selectFrom('review_status_step').selectAll().where('review_id', '=', id).orderBy('id'),
  ).map((step) => toStep(step, framework));
  const latest = steps.at(-1);
  const current = latest ? { status: latest.status, decision: latest.decision, date: latest.date } : null;
  return {
    ...toSummary(row, latest?.status ?? null, clockContext(database, today)),
    termsOfReference: row.terms_of_reference,
    agencies: listAgencies(database, id),
    leadReviewers: JSON.parse(row.lead_reviewers) as string[],
    statusHistory: steps,
    nextStatuses: nextStatuses(current).map((status) => ({ status, label: reviewStatusLabel(status) })),
    criteriaFramework: framework,
  };
}

export function listReviews(
  database: Database,
  archived: ArchivedFilter = 'exclude',
  today: string = todayIso(),
): ReviewSummary[] {
  const clock = clockContext(database, today);
  let select = query
    .selectFrom('review')
    .selectAll('review')
    .select((eb) =>
      eb
        .selectFrom('review_status_step')
        .select('status')
        .whereRef('review_status_step.review_id', '=', 'review.id')
        .orderBy('review_status_step.id', 'desc')
        .limit(1)
        .as('current_status'),
    )
    .orderBy('review.updated_at', 'desc')
    .orderBy('review.id');
  if (archived === 'exclude') select = select.where('review.archived_at', 'is', null);
  if (archived === 'only') select = select.where('review.archived_at', 'is not', null);
  return all(database, select).map((row) => toSummary(row, (row.current_status as ReviewStatus | null) ?? null, clock));
}

/**
 * Finds the review's agency by name (case-insensitively) or adds it at the end of
 * the list. Call inside a write. Exported for the chronology import, which names
 * agencies the same way.
 */
export function ensureAgency(database: Database, reviewId: string, name: string): ReviewAgency {
  const existing = first(
    database,
    query
      .selectFrom('review_agency')
      .select(['id', 'name'])
      .where('review_id', '=', reviewId)
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())),
  );
  if (existing) return existing;
  const position =
    first(
      database,
      query
        .selectFrom('review_agency')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('review_id', '=', reviewId),
    )?.max ?? -1;
  const agency = { id: randomUUID(), name };
  run(database, query.insertInto('review_agency').values({ ...agency, review_id: reviewId, position: position + 1 }));
  return agency;
}

/** Makes the review's agency list exactly `names`, in that order, keeping the ids of names already there. */
function replaceAgencies(database: Database, reviewId: string, names: readonly string[]): void {
  const current = listAgencies(database, reviewId);
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  for (const agency of current) {
    if (wanted.has(agency.name.toLowerCase())) continue;
    // An agency still named by people or chronology entries stays: say what holds it.
    const count = (table: 'person' | 'chronology_entry') =>
      first(
        database,
        query
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('agency_id', '=', agency.id),
      )?.n ?? 0;
    const uses = { people: count('person'), entries: count('chronology_entry') };
    const reasons = [
      uses.people > 0
        ? `${uses.people} ${uses.people === 1 ? 'person in this review works' : 'people in this review work'} for it`
        : '',
      uses.entries > 0
        ? `${uses.entries} chronology ${uses.entries === 1 ? 'entry comes' : 'entries come'} from it`
        : '',
    ].filter((reason) => reason !== '');
    if (reasons.length > 0) {
      throw new CasebookError(
        'conflict',
        `"${agency.name}" cannot be removed: ${reasons.join(' and ')}. Change their agency first.`,
      );
    }
    run(database, query.deleteFrom('review_agency').where('id', '=', agency.id));
  }
  names.forEach((name, position) => {
    const agency = ensureAgency(database, reviewId, name);
    // The typed spelling wins, so a reviewer can correct "nhs trust" to "NHS Trust".
    run(database, query.updateTable('review_agency').set({ name, position }).where('id', '=', agency.id));
  });
}

export function createReview(vault: VaultWriter, input: ReviewCreateInput): Review {
  const id = randomUUID();
  const now = new Date().toISOString();
  vault.write(
    { entity: 'review', entityId: id, action: 'created', detail: { agencies: input.agencies.length } },
    () => {
      run(
        vault.database,
        query.insertInto('review').values({
          id,
          title: input.title,
          type: input.type,
          scope_from: input.scopeFrom,
          scope_to: input.scopeTo,
          terms_of_reference: input.termsOfReference,
          lead_reviewers: JSON.stringify(input.leadReviewers),
          archived_at: null,
          created_at: now,
          updated_at: now,
          aware_on: input.awareOn,
          notified_on: input.notifiedOn,
          rapid_review_held_on: input.rapidReviewHeldOn,
          decided_on: input.decidedOn,
          published_on: input.publishedOn,
        }),
      );
      replaceAgencies(vault.database, id, input.agencies);
    },
  );
  return getReview(vault.database, id);
}

export function updateReview(vault: VaultWriter, input: ReviewUpdateInput): Review {
  const { id, agencies, leadReviewers, ...rest } = input;
  const changed = Object.entries({ ...rest, agencies, leadReviewers })
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  vault.write({ entity: 'review', entityId: id, action: 'updated', detail: { fields: changed } }, () => {
    const row = requireOpenReview(vault.database, id);
    const scopeFrom = rest.scopeFrom === undefined ? row.scope_from : rest.scopeFrom;
    const scopeTo = rest.scopeTo === undefined ? row.scope_to : rest.scopeTo;
    if (scopeFrom && scopeTo && scopeFrom > scopeTo) {
      throw new CasebookError('invalid_payload', 'The scope period must not end before it starts');
    }
    const stored = clockDates(row);
    const keep = <K extends keyof ReviewClockDates>(key: K) => (rest[key] === undefined ? stored[key] : rest[key]);
    const dates: ReviewClockDates = {
      awareOn: keep('awareOn'),
      notifiedOn: keep('notifiedOn'),
      rapidReviewHeldOn: keep('rapidReviewHeldOn'),
      decidedOn: keep('decidedOn'),
      publishedOn: keep('publishedOn'),
    };
    const problem = reviewClockProblem(dates);
    if (problem) throw new CasebookError('invalid_payload', problem);
    run(
      vault.database,
      query
        .updateTable('review')
        .set({
          ...(rest.title !== undefined && { title: rest.title }),
          ...(rest.type !== undefined && { type: rest.type }),
          ...(rest.termsOfReference !== undefined && { terms_of_reference: rest.termsOfReference }),
          ...(leadReviewers !== undefined && { lead_reviewers: JSON.stringify(leadReviewers) }),
          scope_from: scopeFrom,
          scope_to: scopeTo,
          aware_on: dates.awareOn,
          notified_on: dates.notifiedOn,
          rapid_review_held_on: dates.rapidReviewHeldOn,
          decided_on: dates.decidedOn,
          published_on: dates.publishedOn,
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', id),
    );
    if (agencies !== undefined) replaceAgencies(vault.database, id, agencies);
  });
  return getReview(vault.database, id);
}

/** Archived reviews leave the default list and become read-only; nothing is deleted. */
export function setArchived(vault: VaultWriter, id: string, archived: boolean): Review {
  vault.write({ entity: 'review', entityId: id, action: archived ? 'archived' : 'restored' }, () => {
    const row = requireReview(vault.database, id);
    if ((row.archived_at !== null) === archived) {
      throw new CasebookError(
        'conflict',
        archived ? 'This review is already archived.' : 'This review is not archived.',
      );
    }
    const now = new Date().toISOString();
    run(
      vault.database,
      query
        .updateTable('review')
        .set({ archived_at: archived ? now : null, updated_at: now })
        .where('id', '=', id),
    );
  });
  return getReview(vault.database, id);
}

export function recordStatus(vault: VaultWriter, input: RecordStatusInput): Review {
  const actor = vault.actor();
  vault.write(
    (stepId: number) => ({
      entity: 'review',
      entityId: input.reviewId,
      action: 'status recorded',
      detail: { step: stepId, status: input.status, ...(input.decision && { decision: input.decision }) },
    }),
    () => {
      const review = requireOpenReview(vault.database, input.reviewId);
      const latest = latestStep(vault.database, input.reviewId);
      const current = latest
        ? {
            status: latest.status as ReviewStatus,
            decision: latest.decision as ReviewDecision | null,
            date: latest.step_date,
          }
        : null;
      const verdict = checkTransition(current, {
        status: input.status,
        date: input.date,
        decision: input.decision,
        rationale: input.rationale,
        hasCriteria: input.criteria !== null,
      });
      if (!verdict.ok) throw new CasebookError('conflict', verdict.reason);
      const framework = frameworkOf(vault.database, review, input.date);
      const check = input.criteria ? checkCriteria(framework, input.criteria) : null;
      const result = run(
        vault.database,
        query.insertInto('review_status_step').values({
          review_id: input.reviewId,
          status: input.status,
          step_date: input.date,
          decision: input.decision,
          rationale: input.rationale,
          criteria_answers: input.criteria ? JSON.stringify(input.criteria) : null,
          criteria_outcome: check?.outcome ?? null,
          criteria_explanation: check?.explanation ?? null,
          recorded_by: actor,
          recorded_at: new Date().toISOString(),
        }),
      );
      run(
        vault.database,
        query.updateTable('review').set({ updated_at: new Date().toISOString() }).where('id', '=', input.reviewId),
      );
      return Number(result.lastInsertRowid);
    },
  );
  return getReview(vault.database, input.reviewId);
}
