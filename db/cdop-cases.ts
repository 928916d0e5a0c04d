import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  CdopAgencyReport,
  CdopCase,
  CdopCaseDetail,
  CdopCaseSummary,
  CdopFactor,
  CdopPanelPack,
  caseCreateInput,
  caseUpdateInput,
} from '../shared/api/channels/cdop.js';
import { CasebookError } from '../shared/api/errors.js';
import {
  type CaseStatus,
  canMoveStatus,
  type Expectedness,
  type ModifiableOutcome,
  type PlaceOfDeath,
  type RecommendationLevel,
  reviewCompletionProblems,
  type Sex,
} from '../shared/cdop/case.js';
import { ageAtDeath, ageBandOf, caseDateProblems } from '../shared/cdop/dates.js';
import {
  categoryHints,
  type FormVersion,
  formChangeAccount,
  formVersionForDates,
  getForm,
  MODIFIABLE_FACTORS_FROM,
  outcomeDisagreement,
  suggestOutcome,
} from '../shared/cdop/forms/index.js';
import * as analysis from './analysis.js';
import { all, type Database, first, query, run } from './query.js';
import type { CdopCaseInsert, CdopCaseRow } from './schema/cdop.js';
import type { VaultWriter } from './vault.js';

/**
 * Child death case records. Reads take the database; writes take the vault, so
 * each change commits with its audit row. Audit details hold ids, counts and
 * field names, never names or circumstances.
 */

export type CaseCreate = z.output<typeof caseCreateInput>;
export type CaseUpdate = z.output<typeof caseUpdateInput>;

const CASE = 'cdop_case';

function invalid(path: string, message: string): CasebookError {
  return new CasebookError('invalid_payload', message, [{ path, message }]);
}

const bool = (value: number | null): boolean | null => (value === null ? null : value === 1);
const bit = (value: boolean | null | undefined): number | null =>
  value === null || value === undefined ? null : value ? 1 : 0;

// ---- reading -------------------------------------------------------------------------

/** The case's row, or `not_found`: the one "case must exist" check (db/cdop-pathway.ts uses it too). */
export function requireCaseRow(database: Database, id: string): CdopCaseRow {
  const row = first(database, query.selectFrom('cdop_case').selectAll().where('id', '=', id));
  if (!row) throw new CasebookError('not_found', 'That child death case is not in this vault.');
  return row;
}

function toCase(row: CdopCaseRow): CdopCase {
  const age = ageAtDeath(row.date_of_birth, row.date_of_death);
  return {
    id: row.id,
    reference: row.reference,
    childName: row.child_name,
    nhsNumber: row.nhs_number,
    dateOfBirth: row.date_of_birth,
    sex: row.sex as Sex,
    ethnicity: row.ethnicity,
    dateOfDeath: row.date_of_death,
    timeOfDeath: row.time_of_death,
    placeOfDeath: row.place_of_death as PlaceOfDeath | null,
    homePostcode: row.home_postcode,
    expected: row.expected as Expectedness | null,
    jointAgencyResponse: bool(row.joint_agency_response),
    postMortem: bool(row.post_mortem),
    circumstances: row.circumstances,
    formVersion: row.form_version as FormVersion,
    status: row.status as CaseStatus,
    category: row.category,
    modifiable: row.modifiable as ModifiableOutcome | null,
    preventable: bool(row.preventable),
    referral: {
      referred: row.referred_for_review === 1,
      referredOn: row.referred_on,
      reviewId: row.linked_review_id,
    },
    dateNotified: row.date_notified,
    dateReviewCompleted: row.date_review_completed,
    age,
    ageBand: ageBandOf(age),
    updatedAt: row.updated_at,
  };
}

/** The cases' agency reports as stored, in the order the case and its pathway list them: as requested, then by agency. */
export function agencyReportRows(database: Database, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return all(
    database,
    query
      .selectFrom('cdop_agency_report')
      .selectAll()
      .where('case_id', 'in', caseIds)
      .orderBy('requested_on')
      .orderBy('agency'),
  );
}

function agencyReports(database: Database, caseIds: string[]): Map<string, CdopAgencyReport[]> {
  const byCase = new Map<string, CdopAgencyReport[]>();
  for (const row of agencyReportRows(database, caseIds)) {
    const list = byCase.get(row.case_id) ?? [];
    list.push({ id: row.id, agency: row.agency, requestedOn: row.requested_on, receivedOn: row.received_on });
    byCase.set(row.case_id, list);
  }
  return byCase;
}

export function getCase(database: Database, id: string): CdopCaseDetail {
  const record = toCase(requireCaseRow(database, id));
  const owner = { kind: 'cdop-case', id } as const;
  // The case's factors and recommendations are its analysis's (db/analysis.ts), listed here in the form's words.
  const factors: CdopFactor[] = analysis
    .factorsOf(database, owner)
    .map((factor) => ({
      id: factor.id,
      domain: factor.domain ?? '',
      description: factor.description,
      grade: factor.grade ?? '',
      modifiable: factor.modifiable,
      evidence: factor.note,
    }))
    .sort((a, b) => a.domain.localeCompare(b.domain));
  const reports = agencyReports(database, [id]).get(id) ?? [];
  const form = getForm(record.formVersion);
  return {
    ...record,
    factors,
    agencyReports: reports,
    outstandingReports: reports.filter((report) => report.receivedOn === null),
    panelMeetings: all(
      database,
      query.selectFrom('cdop_panel_meeting').select('meeting_date').where('case_id', '=', id).orderBy('meeting_date'),
    ).map((row) => row.meeting_date),
    learningPoints: all(
      database,
      query.selectFrom('cdop_learning_point').select(['id', 'text']).where('case_id', '=', id).orderBy('created_at'),
    ),
    recommendations: analysis.recommendationsOf(database, owner).map((recommendation) => ({
      id: recommendation.id,
      level: recommendation.level ?? 'local',
      agency: recommendation.agency ?? '',
      text: recommendation.text,
    })),
    suggestion: suggestOutcome(form, factors),
    disagreement: outcomeDisagreement(form, factors, record.modifiable),
    categoryHints: categoryHints(form, {
      category: record.category,
      referredForReview: record.referral.referred,
      expected: record.expected,
    }),
  };
}

function summaries(database: Database, rows: CdopCaseRow[], today: string): CdopCaseSummary[] {
  const ids = rows.map((row) => row.id);
  const reports = agencyReports(database, ids);
  const meetings = new Map<string, string>();
  if (ids.length > 0) {
    for (const row of all(
      database,
      query
        .selectFrom('cdop_panel_meeting')
        .select(['case_id', (eb) => eb.fn.min('meeting_date').as('next')])
        .where('case_id', 'in', ids)
        .where('meeting_date', '>=', today)
        .groupBy('case_id'),
    )) {
      meetings.set(row.case_id, row.next);
    }
  }
  return rows.map((row) => {
    const record = toCase(row);
    return {
      id: record.id,
      reference: record.reference,
      childName: record.childName,
      dateOfDeath: record.dateOfDeath,
      ageBand: record.ageBand,
      status: record.status,
      category: record.category,
      modifiable: record.modifiable,
      outstandingReports: (reports.get(row.id) ?? []).filter((report) => report.receivedOn === null),
      nextPanelMeeting: meetings.get(row.id) ?? null,
    };
  });
}

export function listCases(
  database: Database,
  filter: {
    status?: CaseStatus | undefined;
    deathFrom?: string | undefined;
    deathTo?: string | undefined;
    limit: number;
  },
  today: string = new Date().toISOString().slice(0, 10),
): CdopCaseSummary[] {
  let built = query.selectFrom('cdop_case').selectAll();
  if (filter.status) built = built.where('status', '=', filter.status);
  if (filter.deathFrom) built = built.where('date_of_death', '>=', filter.deathFrom);
  if (filter.deathTo) built = built.where('date_of_death', '<=', filter.deathTo);
  const rows = all(database, built.orderBy('date_of_death', 'desc').orderBy('reference').limit(filter.limit));
  return summaries(database, rows, today);
}

/** What the panel will not have for this case at the meeting, in the panel's words. */
export function outstandingInformation(detail: CdopCaseDetail): string[] {
  const outstanding: string[] = detail.outstandingReports.map(
    (report) => `Report from ${report.agency} (requested ${report.requestedOn}) not received`,
  );
  const missing: [unknown, string][] = [
    [detail.nhsNumber, 'NHS number'],
    [detail.placeOfDeath, 'place of death'],
    [detail.expected, 'whether the death was expected'],
    [detail.jointAgencyResponse, 'whether a Joint Agency Response was held'],
    [detail.postMortem, 'whether there was a post-mortem'],
    [detail.circumstances, 'summary of circumstances'],
  ];
  for (const [value, label] of missing) if (value === null) outstanding.push(`Notification: ${label} not recorded`);
  const form = getForm(detail.formVersion);
  const covered = new Set(detail.factors.map((factor) => factor.domain));
  for (const domain of form.domains) {
    if (!covered.has(domain.code)) outstanding.push(`No factors recorded in domain ${domain.code} (${domain.label})`);
  }
  return outstanding;
}

export function panelPack(database: Database, meetingDate: string): CdopPanelPack {
  const rows = all(
    database,
    query
      .selectFrom('cdop_case')
      .innerJoin('cdop_panel_meeting', 'cdop_panel_meeting.case_id', 'cdop_case.id')
      .selectAll('cdop_case')
      .where('cdop_panel_meeting.meeting_date', '=', meetingDate)
      .orderBy('cdop_case.date_of_death')
      .orderBy('cdop_case.reference'),
  );
  return {
    meetingDate,
    cases: summaries(database, rows, meetingDate).map((summary) => ({
      case: summary,
      outstanding: outstandingInformation(getCase(database, summary.id)),
    })),
  };
}

// ---- checks ----------------------------------------------------------------------

/** The dates of a case must fit together: death on or after birth, under 18, notified and reviewed after death. */
function checkDates(dates: Parameters<typeof caseDateProblems>[0]): void {
  const [problem] = caseDateProblems(dates);
  if (problem) throw invalid(problem.field, problem.message);
}

function referenceTaken(database: Database, reference: string, exceptId: string | null): boolean {
  const row = first(
    database,
    query
      .selectFrom('cdop_case')
      .select('id')
      .where('reference', '=', reference)
      .where('id', '!=', exceptId ?? ''),
  );
  return row !== undefined;
}

// ---- writing ----------------------------------------------------------------------

/** Marks the case changed: every write to a case or a record of it does (the pathway's too). */
export function touchCase(database: Database, caseId: string, now: Date): void {
  run(database, query.updateTable('cdop_case').set({ updated_at: now.toISOString() }).where('id', '=', caseId));
}

/**
 * One audited change to the case's own row, stamped with `now`: every setter below
 * writes through here, then hands back the case as it now stands.
 */
function writeCase(
  vault: VaultWriter,
  id: string,
  audit: { action: string; detail: Record<string, unknown> },
  changes: Partial<CdopCaseInsert>,
  now: Date,
): CdopCaseDetail {
  vault.write({ entity: CASE, entityId: id, ...audit }, () =>
    run(
      vault.database,
      query
        .updateTable('cdop_case')
        .set({ ...changes, updated_at: now.toISOString() })
        .where('id', '=', id),
    ),
  );
  return getCase(vault.database, id);
}

export function createCase(vault: VaultWriter, input: CaseCreate, now: Date = new Date()): CdopCaseDetail {
  checkDates({ ...input, dateReviewCompleted: null });
  if (referenceTaken(vault.database, input.reference, null)) {
    throw new CasebookError('conflict', `A case with reference ${input.reference} already exists`);
  }
  const id = randomUUID();
  const at = now.toISOString();
  // A version chosen at creation is the panel's choice: the dates no longer move it (followDates).
  const created = input.formVersion ? { detail: { formVersion: input.formVersion } } : {};
  vault.write({ entity: CASE, entityId: id, action: 'created', ...created }, () =>
    run(
      vault.database,
      query.insertInto('cdop_case').values({
        id,
        reference: input.reference,
        child_name: input.childName,
        nhs_number: input.nhsNumber,
        date_of_birth: input.dateOfBirth,
        sex: input.sex,
        ethnicity: input.ethnicity || null,
        date_of_death: input.dateOfDeath,
        time_of_death: input.timeOfDeath,
        place_of_death: input.placeOfDeath,
        home_postcode: input.homePostcode,
        expected: input.expected,
        joint_agency_response: bit(input.jointAgencyResponse),
        post_mortem: bit(input.postMortem),
        circumstances: input.circumstances || null,
        form_version:
          input.formVersion ?? formVersionForDates({ dateOfDeath: input.dateOfDeath, dateReviewCompleted: null }),
        status: 'notified',
        category: null,
        modifiable: null,
        referred_for_review: 0,
        referred_on: null,
        linked_review_id: null,
        date_notified: input.dateNotified,
        date_review_completed: null,
        created_at: at,
        updated_at: at,
      }),
    ),
  );
  return getCase(vault.database, id);
}

const COLUMN_OF: Record<Exclude<keyof CaseUpdate, 'id'>, keyof CdopCaseInsert> = {
  reference: 'reference',
  childName: 'child_name',
  nhsNumber: 'nhs_number',
  dateOfBirth: 'date_of_birth',
  sex: 'sex',
  ethnicity: 'ethnicity',
  dateOfDeath: 'date_of_death',
  timeOfDeath: 'time_of_death',
  placeOfDeath: 'place_of_death',
  homePostcode: 'home_postcode',
  expected: 'expected',
  jointAgencyResponse: 'joint_agency_response',
  postMortem: 'post_mortem',
  circumstances: 'circumstances',
  dateNotified: 'date_notified',
};

export function updateCase(vault: VaultWriter, input: CaseUpdate, now: Date = new Date()): CdopCaseDetail {
  const current = requireCaseRow(vault.database, input.id);
  const changes: Partial<CdopCaseInsert> = {};
  for (const [key, column] of Object.entries(COLUMN_OF) as [keyof typeof COLUMN_OF, keyof CdopCaseInsert][]) {
    const value = input[key];
    if (value === undefined) continue;
    const stored = typeof value === 'boolean' ? bit(value) : value === '' ? null : value;
    (changes as Record<string, unknown>)[column] = stored;
  }
  const fields = Object.keys(changes);
  if (fields.length === 0) return getCase(vault.database, input.id);
  const merged = { ...current, ...changes };
  checkDates({
    dateOfBirth: merged.date_of_birth,
    dateOfDeath: merged.date_of_death,
    dateNotified: merged.date_notified,
    dateReviewCompleted: merged.date_review_completed,
  });
  if (changes.reference !== undefined && referenceTaken(vault.database, merged.reference, input.id)) {
    throw new CasebookError('conflict', `A case with reference ${merged.reference} already exists`);
  }
  const updated = writeCase(vault, input.id, { action: 'updated', detail: { fields: fields.sort() } }, changes, now);
  return changes.date_of_death === undefined ? updated : followDates(vault, input.id, now);
}

export function setStatus(
  vault: VaultWriter,
  input: { id: string; status: CaseStatus; dateReviewCompleted?: string | undefined },
  now: Date = new Date(),
): CdopCaseDetail {
  const current = requireCaseRow(vault.database, input.id);
  const from = current.status as CaseStatus;
  if (from === input.status) return getCase(vault.database, input.id);
  if (!canMoveStatus(from, input.status)) {
    throw new CasebookError(
      'conflict',
      `A case moves one step at a time: it cannot go from ${from.replaceAll('_', ' ')} to ${input.status.replaceAll('_', ' ')}`,
    );
  }
  let dateReviewCompleted = current.date_review_completed;
  if (input.status === 'reviewed' && from === 'ready_for_panel') {
    dateReviewCompleted = input.dateReviewCompleted ?? dateReviewCompleted;
    const problems = reviewCompletionProblems({
      category: current.category,
      modifiable: current.modifiable as ModifiableOutcome | null,
      dateReviewCompleted,
    });
    if (problems.length > 0) throw invalid('status', `Before marking the review complete, ${problems.join('; ')}`);
    checkDates({
      dateOfBirth: current.date_of_birth,
      dateOfDeath: current.date_of_death,
      dateNotified: current.date_notified,
      dateReviewCompleted,
    });
  }
  // Reopening a review (back to ready for panel) means it is no longer complete: the statistics must not count it.
  if (input.status === 'ready_for_panel') dateReviewCompleted = null;
  const changed = writeCase(
    vault,
    input.id,
    { action: 'status changed', detail: { from, to: input.status } },
    { status: input.status, date_review_completed: dateReviewCompleted },
    now,
  );
  // A review date recorded moves the version; a review reopened keeps the one it was reviewed on.
  return input.status === 'reviewed' ? followDates(vault, input.id, now) : changed;
}

/** Whether the panel has chosen the case's form version: at creation, or by changing it since. */
function panelChoseForm(database: Database, id: string): boolean {
  const rows = all(
    database,
    query
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('entity', '=', CASE)
      .where('entity_id', '=', id)
      .where('action', 'in', ['created', 'form version changed']),
  );
  return rows.some((row) => {
    const detail = row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : {};
    return row.action === 'created' ? detail.formVersion !== undefined : detail.followed === undefined;
  });
}

/** What changing a case's form version would carry over, and what must change first. */
function formChange(database: Database, id: string, from: string, to: FormVersion) {
  const { factors } = getCase(database, id);
  const reportDomains = all(
    database,
    query
      .selectFrom('cdop_agency_report_factor')
      .innerJoin('cdop_agency_report', 'cdop_agency_report.id', 'cdop_agency_report_factor.report_id')
      .select('cdop_agency_report_factor.domain')
      .where('cdop_agency_report.case_id', '=', id),
  ).map((row) => row.domain);
  return formChangeAccount(getForm(from), getForm(to), { factors, reportDomains });
}

/**
 * The form version follows the case's dates (the review's, else the death's) until the panel
 * chooses one: when a review date is recorded, or the date of death corrected, it moves to the
 * form in use then, where every factor recorded fits that form. Otherwise it stays, for the panel.
 */
function followDates(vault: VaultWriter, id: string, now: Date): CdopCaseDetail {
  const current = requireCaseRow(vault.database, id);
  const implied = formVersionForDates({
    dateOfDeath: current.date_of_death,
    dateReviewCompleted: current.date_review_completed,
  });
  if (implied === current.form_version || panelChoseForm(vault.database, id)) return getCase(vault.database, id);
  if (formChange(vault.database, id, current.form_version, implied).mustChange.length > 0) {
    return getCase(vault.database, id);
  }
  return writeCase(
    vault,
    id,
    { action: 'form version changed', detail: { from: current.form_version, to: implied, followed: 'dates' } },
    { form_version: implied },
    now,
  );
}

function refuseClearingOnceReviewed(current: CdopCaseRow, what: string): void {
  if (current.status === 'reviewed' || current.status === 'closed') {
    throw new CasebookError(
      'conflict',
      `A reviewed case keeps its ${what}: move it back to "ready for panel" to clear it`,
    );
  }
}

export function setCategory(
  vault: VaultWriter,
  input: { id: string; category: number | null },
  now: Date = new Date(),
): CdopCaseDetail {
  const current = requireCaseRow(vault.database, input.id);
  const { category } = input;
  if (category === null) refuseClearingOnceReviewed(current, 'category');
  return writeCase(vault, input.id, { action: 'category set', detail: { category } }, { category }, now);
}

/** The panel changes the case's form version; refused, saying why, while a factor recorded does not fit the new form. */
export function setFormVersion(
  vault: VaultWriter,
  input: { id: string; formVersion: FormVersion },
  now: Date = new Date(),
): CdopCaseDetail {
  const current = requireCaseRow(vault.database, input.id);
  const account = formChange(vault.database, input.id, current.form_version, input.formVersion);
  if (account.mustChange.length > 0) {
    throw invalid('formVersion', `The form version cannot change yet. ${account.mustChange.join(' ')}`);
  }
  return writeCase(
    vault,
    input.id,
    { action: 'form version changed', detail: { from: current.form_version, to: input.formVersion } },
    { form_version: input.formVersion },
    now,
  );
}

/**
 * The historical "preventable" answer of a death reviewed before 1 April 2010: its own
 * outcome, never the modifiable one (shared/cdop/forms: MODIFIABLE_FACTORS_FROM).
 */
export function setPreventable(
  vault: VaultWriter,
  input: { id: string; preventable: boolean | null },
  now: Date = new Date(),
): CdopCaseDetail {
  const current = requireCaseRow(vault.database, input.id);
  const reviewedOn = current.date_review_completed ?? current.date_of_death;
  if (input.preventable !== null && reviewedOn >= MODIFIABLE_FACTORS_FROM) {
    throw invalid(
      'preventable',
      'Panels recorded "preventable" only for deaths reviewed before 1 April 2010; from then they record modifiable factors.',
    );
  }
  return writeCase(
    vault,
    input.id,
    { action: 'preventable set', detail: { preventable: input.preventable } },
    { preventable: bit(input.preventable) },
    now,
  );
}

export function setOutcome(
  vault: VaultWriter,
  input: { id: string; outcome: ModifiableOutcome | null },
  now: Date = new Date(),
): CdopCaseDetail {
  const current = requireCaseRow(vault.database, input.id);
  if (input.outcome === null) refuseClearingOnceReviewed(current, 'modifiable outcome');
  return writeCase(
    vault,
    input.id,
    { action: 'modifiable outcome set', detail: { outcome: input.outcome } },
    { modifiable: input.outcome },
    now,
  );
}

export function setReferral(
  vault: VaultWriter,
  input: { id: string; referred: boolean; referredOn: string | null; reviewId: string | null },
  now: Date = new Date(),
): CdopCaseDetail {
  const current = requireCaseRow(vault.database, input.id);
  if (input.referred && input.referredOn !== null && input.referredOn < current.date_of_death) {
    throw invalid('referredOn', 'The referral date is before the date of death');
  }
  return writeCase(
    vault,
    input.id,
    {
      action: input.referred ? 'referral recorded' : 'referral cleared',
      detail: { reviewId: input.referred ? input.reviewId : null },
    },
    {
      referred_for_review: input.referred ? 1 : 0,
      referred_on: input.referred ? input.referredOn : null,
      linked_review_id: input.referred ? input.reviewId : null,
    },
    now,
  );
}

// ---- factors ----------------------------------------------------------------------

/** The case a child row belongs to, or not_found (db/cdop-pathway.ts uses it too). */
export function ownerOf(
  database: Database,
  table: 'cdop_agency_report' | 'cdop_learning_point',
  id: string,
  what: string,
): string {
  const row = first(database, query.selectFrom(table).select('case_id').where('id', '=', id));
  if (!row) throw new CasebookError('not_found', `That ${what} is not in this vault.`);
  return row.case_id;
}

/** A factor of the case's analysis, classified by its form's domain and grade (checked in db/analysis.ts). */
export function addFactor(
  vault: VaultWriter,
  input: {
    caseId: string;
    domain: string;
    description: string;
    grade: string;
    modifiable: boolean;
    evidence: string | null;
  },
  now: Date = new Date(),
): CdopCaseDetail {
  analysis.createFactor(
    vault,
    { kind: 'cdop-case', id: input.caseId },
    {
      description: input.description,
      taxonomy: null,
      level: null,
      domain: input.domain,
      grade: input.grade,
      modifiable: input.modifiable,
      agencies: [],
      note: input.evidence || null,
    },
    now,
  );
  return getCase(vault.database, input.caseId);
}

export function updateFactor(
  vault: VaultWriter,
  input: {
    id: string;
    domain?: string | undefined;
    description?: string | undefined;
    grade?: string | undefined;
    modifiable?: boolean | undefined;
    evidence?: string | null | undefined;
  },
  now: Date = new Date(),
): CdopCaseDetail {
  const { evidence, ...rest } = input;
  const owner = analysis.updateFactor(
    vault,
    { ...rest, note: evidence === undefined ? undefined : evidence || null },
    now,
  );
  return getCase(vault.database, owner.id);
}

type ChildTable = 'cdop_agency_report' | 'cdop_learning_point';

function removeChild(vault: VaultWriter, table: ChildTable, id: string, what: string, now: Date): CdopCaseDetail {
  const caseId = ownerOf(vault.database, table, id, what);
  vault.write({ entity: table, entityId: id, action: 'removed', detail: { caseId } }, () => {
    run(vault.database, query.deleteFrom(table).where('id', '=', id));
    touchCase(vault.database, caseId, now);
  });
  return getCase(vault.database, caseId);
}

/** Changes a case's factor, report, learning point or recommendation, audited by field name, and touches the case. */
function updateChild(
  vault: VaultWriter,
  table: ChildTable,
  id: string,
  caseId: string,
  changes: Record<string, unknown>,
  now: Date,
  action = 'updated',
): CdopCaseDetail {
  if (Object.keys(changes).length === 0) return getCase(vault.database, caseId);
  vault.write({ entity: table, entityId: id, action, detail: { caseId, fields: Object.keys(changes).sort() } }, () => {
    // The changes were built from each table's own columns by its caller.
    run(
      vault.database,
      query
        .updateTable(table)
        .set(changes as never)
        .where('id', '=', id),
    );
    touchCase(vault.database, caseId, now);
  });
  return getCase(vault.database, caseId);
}

export function removeFactor(vault: VaultWriter, id: string, now: Date = new Date()): CdopCaseDetail {
  return getCase(vault.database, analysis.removeItem(vault, id, now).id);
}

// ---- agency reports and panel meetings ----------------------------------------------

export function requestAgencyReport(
  vault: VaultWriter,
  input: { caseId: string; agency: string; requestedOn: string },
  now: Date = new Date(),
): CdopCaseDetail {
  requireCaseRow(vault.database, input.caseId);
  const id = randomUUID();
  vault.write(
    { entity: 'cdop_agency_report', entityId: id, action: 'requested', detail: { caseId: input.caseId } },
    () => {
      run(
        vault.database,
        query.insertInto('cdop_agency_report').values({
          id,
          case_id: input.caseId,
          agency: input.agency,
          requested_on: input.requestedOn,
          received_on: null,
          created_at: now.toISOString(),
        }),
      );
      touchCase(vault.database, input.caseId, now);
    },
  );
  return getCase(vault.database, input.caseId);
}

export function updateAgencyReport(
  vault: VaultWriter,
  input: {
    id: string;
    agency?: string | undefined;
    requestedOn?: string | undefined;
    receivedOn?: string | null | undefined;
  },
  now: Date = new Date(),
): CdopCaseDetail {
  const caseId = ownerOf(vault.database, 'cdop_agency_report', input.id, 'agency report');
  const current = first(vault.database, query.selectFrom('cdop_agency_report').selectAll().where('id', '=', input.id));
  const requestedOn = input.requestedOn ?? current?.requested_on ?? '';
  const receivedOn = input.receivedOn === undefined ? (current?.received_on ?? null) : input.receivedOn;
  if (receivedOn !== null && receivedOn < requestedOn) {
    throw invalid('receivedOn', 'The report cannot be received before it was requested');
  }
  const changes = {
    ...(input.agency !== undefined && { agency: input.agency }),
    ...(input.requestedOn !== undefined && { requested_on: input.requestedOn }),
    ...(input.receivedOn !== undefined && { received_on: input.receivedOn }),
  };
  return updateChild(
    vault,
    'cdop_agency_report',
    input.id,
    caseId,
    changes,
    now,
    input.receivedOn ? 'received' : 'updated',
  );
}

export const removeAgencyReport = (vault: VaultWriter, id: string, now: Date = new Date()) =>
  removeChild(vault, 'cdop_agency_report', id, 'agency report', now);

export function addPanelMeeting(
  vault: VaultWriter,
  input: { caseId: string; meetingDate: string },
  now: Date = new Date(),
): CdopCaseDetail {
  requireCaseRow(vault.database, input.caseId);
  vault.write(
    {
      entity: CASE,
      entityId: input.caseId,
      action: 'panel meeting added',
      detail: { meetingDate: input.meetingDate },
    },
    () => {
      run(
        vault.database,
        query
          .insertInto('cdop_panel_meeting')
          .orIgnore()
          .values({ case_id: input.caseId, meeting_date: input.meetingDate }),
      );
      touchCase(vault.database, input.caseId, now);
    },
  );
  return getCase(vault.database, input.caseId);
}

export function removePanelMeeting(
  vault: VaultWriter,
  input: { caseId: string; meetingDate: string },
  now: Date = new Date(),
): CdopCaseDetail {
  requireCaseRow(vault.database, input.caseId);
  vault.write(
    {
      entity: CASE,
      entityId: input.caseId,
      action: 'panel meeting removed',
      detail: { meetingDate: input.meetingDate },
    },
    () => {
      run(
        vault.database,
        query
          .deleteFrom('cdop_panel_meeting')
          .where('case_id', '=', input.caseId)
          .where('meeting_date', '=', input.meetingDate),
      );
      touchCase(vault.database, input.caseId, now);
    },
  );
  return getCase(vault.database, input.caseId);
}

// ---- learning points and recommendations ------------------------------------------------

export function addLearningPoint(
  vault: VaultWriter,
  input: { caseId: string; text: string },
  now: Date = new Date(),
): CdopCaseDetail {
  requireCaseRow(vault.database, input.caseId);
  const id = randomUUID();
  vault.write(
    { entity: 'cdop_learning_point', entityId: id, action: 'added', detail: { caseId: input.caseId } },
    () => {
      run(
        vault.database,
        query
          .insertInto('cdop_learning_point')
          .values({ id, case_id: input.caseId, text: input.text, created_at: now.toISOString() }),
      );
      touchCase(vault.database, input.caseId, now);
    },
  );
  return getCase(vault.database, input.caseId);
}

export function updateLearningPoint(
  vault: VaultWriter,
  input: { id: string; text: string },
  now: Date = new Date(),
): CdopCaseDetail {
  const caseId = ownerOf(vault.database, 'cdop_learning_point', input.id, 'learning point');
  return updateChild(vault, 'cdop_learning_point', input.id, caseId, { text: input.text }, now);
}

export const removeLearningPoint = (vault: VaultWriter, id: string, now: Date = new Date()) =>
  removeChild(vault, 'cdop_learning_point', id, 'learning point', now);

/** A recommendation of the case's analysis, addressed to the agency responsible. */
export function addRecommendation(
  vault: VaultWriter,
  input: { caseId: string; level: RecommendationLevel; agency: string; text: string },
  now: Date = new Date(),
): CdopCaseDetail {
  analysis.createRecommendation(
    vault,
    { kind: 'cdop-case', id: input.caseId },
    { text: input.text, addressee: 'agency', agency: input.agency, level: input.level },
    now,
  );
  return getCase(vault.database, input.caseId);
}

export function updateRecommendation(
  vault: VaultWriter,
  input: {
    id: string;
    level?: RecommendationLevel | undefined;
    agency?: string | undefined;
    text?: string | undefined;
  },
  now: Date = new Date(),
): CdopCaseDetail {
  return getCase(vault.database, analysis.updateRecommendation(vault, input, now).id);
}

export function removeRecommendation(vault: VaultWriter, id: string, now: Date = new Date()): CdopCaseDetail {
  return getCase(vault.database, analysis.removeItem(vault, id, now).id);
}
