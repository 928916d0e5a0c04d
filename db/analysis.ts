import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { type TraceProblem, traceabilityProblems } from '../shared/analysis/check.js';
import {
  type Action,
  type ActionStatus,
  type Addressee,
  type Analysis,
  type AnalysisLink,
  type AnalysisOwner,
  canLink,
  type EntryDescriptor,
  EPISODE_ACCOUNTS,
  type EpisodeAccount,
  type EpisodeAnalysis,
  type EvidenceSource,
  type Factor,
  type Finding,
  isOverdue,
  type NodeKind,
  type Recommendation,
} from '../shared/analysis/model.js';
import {
  DEFAULT_FACTOR_LEVELS,
  DEFAULT_FINDING_PATTERNS,
  FACTOR_LEVELS,
  FINDING_PATTERNS,
} from '../shared/analysis/taxonomy/index.js';
import type { Taxonomy } from '../shared/analysis/taxonomy/types.js';
import {
  type BoardAction,
  type boardFilterSchema,
  type PortableAnalysis,
  portableAnalysisSchema,
} from '../shared/api/channels/analysis.js';
import { type ApiIssue, CasebookError } from '../shared/api/errors.js';
import type { RecommendationLevel } from '../shared/cdop/case.js';
import { getForm } from '../shared/cdop/forms/index.js';
import { todayIso } from '../shared/dates/iso-date.js';
import { type Prose, proseSchema } from '../shared/reports/prose.js';
import { inIntegratedOrder } from './chronology.js';
import { listEpisodes } from './key-practice-episodes.js';
import { all, type Database, first, query, run } from './query.js';
import { requireOpenReview, requireReview } from './reviews.js';
import type {
  AnalysisActionTable,
  AnalysisFactorTable,
  AnalysisFindingTable,
  AnalysisRecommendationTable,
} from './schema/analysis.js';
import type { VaultWriter } from './vault.js';

/**
 * The modifiable-factor analysis of a review or a child death: one repository for
 * its factors, findings, recommendations, actions, their evidence and the links of
 * the chain (shared/analysis/model.ts). A child death's factors and recommendations
 * are the same rows (db/cdop-cases.ts reads and writes them through here).
 * Audit rows name ids, kinds and field names only: the texts can name a family.
 */

type ItemTable = 'analysis_factor' | 'analysis_finding' | 'analysis_recommendation' | 'analysis_action';
type ItemKind = 'factor' | 'finding' | 'recommendation' | 'action';

const TABLES: Record<ItemKind, ItemTable> = {
  factor: 'analysis_factor',
  finding: 'analysis_finding',
  recommendation: 'analysis_recommendation',
  action: 'analysis_action',
};
const ITEM_KINDS = Object.keys(TABLES) as ItemKind[];

// ---- owners ---------------------------------------------------------------------------

export function ownerColumns(owner: AnalysisOwner): { review_id: string | null; cdop_case_id: string | null } {
  return owner.kind === 'review'
    ? { review_id: owner.id, cdop_case_id: null }
    : { review_id: null, cdop_case_id: owner.id };
}

function ownerOfRow(row: { review_id: string | null; cdop_case_id: string | null }): AnalysisOwner {
  return row.review_id !== null
    ? { kind: 'review', id: row.review_id }
    : { kind: 'cdop-case', id: row.cdop_case_id ?? '' };
}

/** The case's form version for a child death; throws not_found (or conflict for an archived review). */
export function requireOwner(
  database: Database,
  owner: AnalysisOwner,
  toWrite: boolean,
): { formVersion: string | null } {
  if (owner.kind === 'review') {
    if (toWrite) requireOpenReview(database, owner.id);
    else requireReview(database, owner.id);
    return { formVersion: null };
  }
  const row = first(database, query.selectFrom('cdop_case').select('form_version').where('id', '=', owner.id));
  if (!row) throw new CasebookError('not_found', 'That child death case is not in this vault.');
  return { formVersion: row.form_version };
}

/** A change to a child death's analysis is a change to the case: its "updated" moves. */
function touchOwner(database: Database, owner: AnalysisOwner, now: Date): void {
  if (owner.kind === 'cdop-case') {
    run(database, query.updateTable('cdop_case').set({ updated_at: now.toISOString() }).where('id', '=', owner.id));
  }
}

function nextPosition(database: Database, table: ItemTable, owner: AnalysisOwner): number {
  const row = first(
    database,
    query
      .selectFrom(table)
      .select((eb) => eb.fn.max('position').as('last'))
      .where(ownerColumn(owner), '=', owner.id),
  );
  return (row?.last ?? 0) + 1;
}

interface Located {
  kind: NodeKind;
  owner: AnalysisOwner;
}

/** What an id names, and whose it is: an analysis item, a chronology entry or a key practice episode. */
export function locate(database: Database, id: string): Located | undefined {
  for (const kind of ITEM_KINDS) {
    const row = first(
      database,
      query.selectFrom(TABLES[kind]).select(['review_id', 'cdop_case_id']).where('id', '=', id),
    );
    if (row) return { kind, owner: ownerOfRow(row) };
  }
  const entry = first(database, query.selectFrom('chronology_entry').select('review_id').where('id', '=', id));
  if (entry) return { kind: 'entry', owner: { kind: 'review', id: entry.review_id } };
  const episode = first(database, query.selectFrom('key_practice_episode').select('review_id').where('id', '=', id));
  if (episode) return { kind: 'episode', owner: { kind: 'review', id: episode.review_id } };
  return undefined;
}

function requireItem(database: Database, id: string, kind?: ItemKind): Located & { kind: ItemKind } {
  const found = locate(database, id);
  if (!found || !(ITEM_KINDS as NodeKind[]).includes(found.kind) || (kind && found.kind !== kind)) {
    throw new CasebookError('not_found', `That ${kind ?? 'item'} is not in this vault.`);
  }
  return found as Located & { kind: ItemKind };
}

const sameOwner = (a: AnalysisOwner, b: AnalysisOwner) => a.kind === b.kind && a.id === b.id;

// ---- classification -------------------------------------------------------------------

function invalid(path: string, message: string): CasebookError {
  return new CasebookError('invalid_payload', message, [{ path, message }]);
}

function checkLabel(taxonomies: Record<string, Taxonomy>, version: string, code: string | null, path: string): void {
  const taxonomy = taxonomies[version];
  if (!taxonomy) throw invalid('taxonomy', `Casebook does not know the taxonomy ${version}`);
  if (code !== null && !taxonomy.labels.some((label) => label.code === code)) {
    throw invalid(path, `${taxonomy.title} has ${taxonomy.labels.map((label) => label.code).join(', ')}, not ${code}`);
  }
}

type FactorClassification = Pick<Factor, 'taxonomy' | 'level' | 'domain' | 'grade'>;

/**
 * A review's factor is classified by a taxonomy level (the default taxonomy when none
 * is named); a child death's by its case's form: domain and grade both required.
 */
function classifyFactor(formVersion: string | null, given: FactorClassification): FactorClassification {
  if (formVersion === null) {
    if (given.domain !== null || given.grade !== null) {
      throw invalid('domain', 'Domains and grades belong to a child death analysis; classify a review factor by level');
    }
    const taxonomy = given.taxonomy ?? DEFAULT_FACTOR_LEVELS.version;
    checkLabel(FACTOR_LEVELS, taxonomy, given.level, 'level');
    return { taxonomy, level: given.level, domain: null, grade: null };
  }
  const form = getForm(formVersion);
  if (given.domain === null || !form.domains.some((domain) => domain.code === given.domain)) {
    throw invalid(
      'domain',
      `${form.title} has domains ${form.domains.map((domain) => domain.code).join(', ')}, not ${given.domain ?? 'none'}`,
    );
  }
  // Form C's grade 1 "No factors identified" grades a whole domain, never a factor.
  const factorGrades = form.grades.filter((grade) => !grade.domainOnly);
  if (given.grade === null || !factorGrades.some((grade) => grade.code === given.grade)) {
    const domainGrade = form.grades.find((grade) => grade.domainOnly && grade.code === given.grade);
    throw invalid(
      'grade',
      domainGrade
        ? `Grade ${domainGrade.code} "${domainGrade.label}" is a grade of a whole domain: with no factor found in a domain, record no factor there`
        : `${form.title} grades factors ${factorGrades.map((grade) => grade.code).join(', ')}, not ${given.grade ?? 'none'}`,
    );
  }
  if (given.level !== null)
    checkLabel(FACTOR_LEVELS, given.taxonomy ?? DEFAULT_FACTOR_LEVELS.version, given.level, 'level');
  return {
    taxonomy: given.level === null ? null : (given.taxonomy ?? DEFAULT_FACTOR_LEVELS.version),
    level: given.level,
    domain: given.domain,
    grade: given.grade,
  };
}

function checkPattern(taxonomy: string | null, pattern: string | null): string | null {
  if (pattern === null) return taxonomy;
  const version = taxonomy ?? DEFAULT_FINDING_PATTERNS.version;
  checkLabel(FINDING_PATTERNS, version, pattern, 'pattern');
  return version;
}

function checkAddressee(addressee: Addressee, agency: string | null): void {
  if (addressee === 'agency' && agency === null) throw invalid('agency', 'Name the agency the recommendation is for');
}

// ---- reading --------------------------------------------------------------------------

export const ownerColumn = (owner: AnalysisOwner) => (owner.kind === 'review' ? 'review_id' : 'cdop_case_id');

function parseProse(text: string | null): Prose {
  if (text === null) return [];
  const parsed = proseSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : [];
}

const toFactor = (row: AnalysisFactorTable): Factor => ({
  id: row.id,
  description: row.description,
  taxonomy: row.taxonomy,
  level: row.level,
  domain: row.domain,
  grade: row.grade,
  modifiable: row.modifiable === 1,
  agencies: JSON.parse(row.agencies) as string[],
  note: row.note,
});

const toFinding = (row: AnalysisFindingTable): Finding => ({
  id: row.id,
  title: row.title,
  taxonomy: row.taxonomy,
  pattern: row.pattern,
  inThisCase: row.in_this_case,
  widerEvidence: row.wider_evidence,
  whyItMatters: row.why_it_matters,
  boardQuestions: row.board_questions,
});

const toRecommendation = (row: AnalysisRecommendationTable): Recommendation => ({
  id: row.id,
  text: row.text,
  addressee: row.addressee as Addressee,
  agency: row.agency,
  level: row.level as RecommendationLevel | null,
});

export function factorsOf(database: Database, owner: AnalysisOwner): Factor[] {
  return all(
    database,
    query
      .selectFrom('analysis_factor')
      .selectAll()
      .where(ownerColumn(owner), '=', owner.id)
      .orderBy('position')
      .orderBy('id'),
  ).map(toFactor);
}

export function recommendationsOf(database: Database, owner: AnalysisOwner): Recommendation[] {
  return all(
    database,
    query
      .selectFrom('analysis_recommendation')
      .selectAll()
      .where(ownerColumn(owner), '=', owner.id)
      .orderBy('position')
      .orderBy('id'),
  ).map(toRecommendation);
}

const toAction = (row: AnalysisActionTable, evidence: Action['evidence']): Action => ({
  id: row.id,
  text: row.text,
  ownerAgency: row.owner_agency,
  ownerRole: row.owner_role,
  dueOn: row.due_on,
  status: row.status as ActionStatus,
  outcomeMeasure: row.outcome_measure,
  evidence,
});

function actionsOf(database: Database, owner: AnalysisOwner): Action[] {
  const rows = all(
    database,
    query
      .selectFrom('analysis_action')
      .selectAll()
      .where(ownerColumn(owner), '=', owner.id)
      .orderBy('position')
      .orderBy('id'),
  );
  const evidence = new Map<string, Action['evidence']>();
  if (rows.length > 0) {
    for (const row of all(
      database,
      query
        .selectFrom('analysis_action_evidence')
        .selectAll()
        .where(
          'action_id',
          'in',
          rows.map((action) => action.id),
        )
        .orderBy('recorded_on')
        .orderBy('created_at'),
    )) {
      evidence.set(row.action_id, [
        ...(evidence.get(row.action_id) ?? []),
        { id: row.id, recordedOn: row.recorded_on, source: row.source as EvidenceSource, text: row.text },
      ]);
    }
  }
  return rows.map((row) => toAction(row, evidence.get(row.id) ?? []));
}

/** The chronology's key practice episodes (db/key-practice-episodes.ts) with the reviewer's account of each. */
function episodesOf(database: Database, owner: AnalysisOwner): EpisodeAnalysis[] {
  if (owner.kind !== 'review') return [];
  const accounts = new Map(
    all(
      database,
      query
        .selectFrom('key_practice_episode')
        .select(['id', 'went_well', 'went_less_well', 'practitioners_view', 'family_view'])
        .where('review_id', '=', owner.id),
    ).map((row) => [row.id, row]),
  );
  return listEpisodes(database, owner.id).map((episode) => {
    const account = accounts.get(episode.id);
    return {
      id: episode.id,
      title: episode.title,
      from: episode.from,
      to: episode.to,
      entryIds: episode.entryIds,
      wentWell: parseProse(account?.went_well ?? null),
      wentLessWell: parseProse(account?.went_less_well ?? null),
      practitionersView: parseProse(account?.practitioners_view ?? null),
      familyView: parseProse(account?.family_view ?? null),
    };
  });
}

function linksOf(database: Database, owner: AnalysisOwner): AnalysisLink[] {
  return all(
    database,
    query
      .selectFrom('analysis_link')
      .select(['from_id', 'to_id'])
      .where(ownerColumn(owner), '=', owner.id)
      .orderBy('created_at')
      .orderBy('from_id')
      .orderBy('to_id'),
  ).map((row) => ({ from: row.from_id, to: row.to_id }));
}

function describeEntries(database: Database, ids: readonly string[]): EntryDescriptor[] {
  if (ids.length === 0) return [];
  return all(
    database,
    inIntegratedOrder(
      query
        .selectFrom('chronology_entry as e')
        .innerJoin('review_agency as a', 'a.id', 'e.agency_id')
        .select(['e.id', 'a.name as agency', 'e.date_text as date', 'e.event'])
        .where('e.id', 'in', [...new Set(ids)]),
    ),
  );
}

/** The whole analysis of a review or a child death in one read: the forms, the diagram, `analysis export` and the Word report all use it. */
export function readAnalysis(database: Database, owner: AnalysisOwner): Analysis {
  requireOwner(database, owner, false);
  const episodes = episodesOf(database, owner);
  const links = linksOf(database, owner);
  const entryIds = [
    ...episodes.flatMap((episode) => episode.entryIds),
    ...all(
      database,
      query
        .selectFrom('analysis_link')
        .select('from_id')
        .where('from_kind', '=', 'entry')
        .where(ownerColumn(owner), '=', owner.id),
    ).map((row) => row.from_id),
  ];
  return {
    owner,
    episodes,
    factors: factorsOf(database, owner),
    findings: all(
      database,
      query
        .selectFrom('analysis_finding')
        .selectAll()
        .where(ownerColumn(owner), '=', owner.id)
        .orderBy('position')
        .orderBy('id'),
    ).map(toFinding),
    recommendations: recommendationsOf(database, owner),
    actions: actionsOf(database, owner),
    links,
    entries: describeEntries(database, entryIds),
  };
}

export function checkAnalysis(database: Database, owner: AnalysisOwner): TraceProblem[] {
  return traceabilityProblems(readAnalysis(database, owner));
}

// ---- writing --------------------------------------------------------------------------

type Changes<T> = { [K in keyof T]?: T[K] | undefined };

function changedFields(changes: object): string[] {
  return Object.entries(changes)
    .filter(([key, value]) => key !== 'id' && value !== undefined)
    .map(([key]) => key)
    .sort();
}

function insertItem(
  vault: VaultWriter,
  kind: ItemKind,
  owner: AnalysisOwner,
  values: Record<string, unknown>,
  now: Date,
  id: string = randomUUID(),
): string {
  const { database } = vault;
  run(
    database,
    query.insertInto(TABLES[kind]).values({
      id,
      ...values,
      ...ownerColumns(owner),
      position: nextPosition(database, TABLES[kind], owner),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    } as never),
  );
  touchOwner(database, owner, now);
  return id;
}

function updateItem(vault: VaultWriter, kind: ItemKind, id: string, set: Record<string, unknown>, now: Date): void {
  // `set` was built from the table's own columns by the caller.
  run(
    vault.database,
    query
      .updateTable(TABLES[kind])
      .set({ ...set, updated_at: now.toISOString() } as never)
      .where('id', '=', id),
  );
}

function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Adds one item in one audited write. `values` receives the owner's form version
 * (a child death's), which classifies a factor; `after` runs in the same write.
 */
function createItem(
  vault: VaultWriter,
  kind: ItemKind,
  owner: AnalysisOwner,
  values: (formVersion: string | null) => Record<string, unknown>,
  now: Date,
  after?: (id: string) => void,
): string {
  const id = randomUUID();
  vault.write({ entity: TABLES[kind], entityId: id, action: 'created', detail: { [owner.kind]: owner.id } }, () => {
    const { formVersion } = requireOwner(vault.database, owner, true);
    insertItem(vault, kind, owner, values(formVersion), now, id);
    after?.(id);
  });
  return id;
}

/**
 * Changes one item: what was given over what is stored (its row, turned back into input by `stored`),
 * checked as a whole (a recommendation to an agency still names it), in one audited
 * write naming the fields, never their text.
 */
function changeItem<T extends object, Row>(
  vault: VaultWriter,
  kind: ItemKind,
  input: { id: string } & Changes<T>,
  stored: (row: Row) => T,
  values: (merged: T, formVersion: string | null) => Record<string, unknown>,
  now: Date,
): AnalysisOwner {
  const { owner } = requireItem(vault.database, input.id, kind);
  vault.write(
    { entity: TABLES[kind], entityId: input.id, action: 'updated', detail: { fields: changedFields(input) } },
    () => {
      const { formVersion } = requireOwner(vault.database, owner, true);
      const { id: _id, ...changes } = defined(input) as { id: string } & Partial<T>;
      // requireItem found the row in TABLES[kind]: it is that table's Row.
      const row = first(vault.database, query.selectFrom(TABLES[kind]).selectAll().where('id', '=', input.id)) as Row;
      updateItem(vault, kind, input.id, values({ ...stored(row), ...changes }, formVersion), now);
      touchOwner(vault.database, owner, now);
    },
  );
  return owner;
}

export type FactorInput = Omit<Factor, 'id'>;

function factorValues(input: FactorInput, formVersion: string | null) {
  const classified = classifyFactor(formVersion, input);
  return {
    description: input.description,
    taxonomy: classified.taxonomy,
    level: classified.level,
    domain: classified.domain,
    grade: classified.grade,
    modifiable: input.modifiable ? 1 : 0,
    agencies: JSON.stringify([...new Set(input.agencies)]),
    note: input.note,
  };
}

export function createFactor(vault: VaultWriter, owner: AnalysisOwner, input: FactorInput, now = new Date()): string {
  return createItem(vault, 'factor', owner, (formVersion) => factorValues(input, formVersion), now);
}

export function updateFactor(vault: VaultWriter, input: { id: string } & Changes<FactorInput>, now = new Date()) {
  return changeItem(vault, 'factor', input, toFactor, factorValues, now);
}

export type FindingInput = Omit<Finding, 'id'>;

function findingValues(input: FindingInput) {
  return {
    title: input.title,
    taxonomy: checkPattern(input.taxonomy, input.pattern),
    pattern: input.pattern,
    in_this_case: input.inThisCase,
    wider_evidence: input.widerEvidence,
    why_it_matters: input.whyItMatters,
    board_questions: input.boardQuestions,
  };
}

const EMPTY_FINDING: Omit<FindingInput, 'title'> = {
  taxonomy: null,
  pattern: null,
  inThisCase: null,
  widerEvidence: null,
  whyItMatters: null,
  boardQuestions: null,
};

export function createFinding(
  vault: VaultWriter,
  owner: AnalysisOwner,
  input: Changes<FindingInput> & { title: string },
  now = new Date(),
): string {
  return createItem(
    vault,
    'finding',
    owner,
    () => findingValues({ ...EMPTY_FINDING, ...defined(input), title: input.title }),
    now,
  );
}

export function updateFinding(vault: VaultWriter, input: { id: string } & Changes<FindingInput>, now = new Date()) {
  return changeItem(vault, 'finding', input, toFinding, findingValues, now);
}

export type RecommendationInput = Omit<Recommendation, 'id'>;

function recommendationValues(input: RecommendationInput) {
  checkAddressee(input.addressee, input.agency);
  return { text: input.text, addressee: input.addressee, agency: input.agency, level: input.level };
}

export function createRecommendation(
  vault: VaultWriter,
  owner: AnalysisOwner,
  input: RecommendationInput,
  now = new Date(),
): string {
  return createItem(vault, 'recommendation', owner, () => recommendationValues(input), now);
}

export function updateRecommendation(
  vault: VaultWriter,
  input: { id: string } & Changes<RecommendationInput>,
  now = new Date(),
) {
  return changeItem(vault, 'recommendation', input, toRecommendation, recommendationValues, now);
}

export type ActionInput = Omit<Action, 'id' | 'evidence'>;

function actionValues(input: ActionInput) {
  return {
    text: input.text,
    owner_agency: input.ownerAgency,
    owner_role: input.ownerRole,
    due_on: input.dueOn,
    status: input.status,
    outcome_measure: input.outcomeMeasure,
  };
}

/** An action, linked at once to the recommendation it carries out when one is given. */
export function createAction(
  vault: VaultWriter,
  owner: AnalysisOwner,
  input: ActionInput & { recommendationId?: string | undefined },
  now = new Date(),
): string {
  return createItem(
    vault,
    'action',
    owner,
    () => actionValues(input),
    now,
    (id) => {
      if (input.recommendationId !== undefined) addLink(vault.database, { from: input.recommendationId, to: id }, now);
    },
  );
}

export function updateAction(vault: VaultWriter, input: { id: string } & Changes<ActionInput>, now = new Date()) {
  return changeItem(vault, 'action', input, (row: AnalysisActionTable) => toAction(row, []), actionValues, now);
}

export function addActionEvidence(
  vault: VaultWriter,
  input: { actionId: string; recordedOn: string; source: EvidenceSource; text: string },
  now = new Date(),
): AnalysisOwner {
  const { owner } = requireItem(vault.database, input.actionId, 'action');
  const id = randomUUID();
  vault.write(
    {
      entity: 'analysis_action_evidence',
      entityId: id,
      action: 'added',
      detail: { action: input.actionId, source: input.source },
    },
    () => {
      requireOwner(vault.database, owner, true);
      run(
        vault.database,
        query.insertInto('analysis_action_evidence').values({
          id,
          action_id: input.actionId,
          recorded_on: input.recordedOn,
          source: input.source,
          text: input.text,
          created_at: now.toISOString(),
        }),
      );
      touchOwner(vault.database, owner, now);
    },
  );
  return owner;
}

export function removeActionEvidence(vault: VaultWriter, id: string, now = new Date()): AnalysisOwner {
  const row = first(
    vault.database,
    query.selectFrom('analysis_action_evidence').select('action_id').where('id', '=', id),
  );
  if (!row) throw new CasebookError('not_found', 'That evidence is not in this vault.');
  const { owner } = requireItem(vault.database, row.action_id, 'action');
  vault.write(
    { entity: 'analysis_action_evidence', entityId: id, action: 'removed', detail: { action: row.action_id } },
    () => {
      requireOwner(vault.database, owner, true);
      run(vault.database, query.deleteFrom('analysis_action_evidence').where('id', '=', id));
      touchOwner(vault.database, owner, now);
    },
  );
  return owner;
}

/** Removes a factor, finding, recommendation or action; its links go with it (0011's triggers). */
export function removeItem(vault: VaultWriter, id: string, now = new Date()): AnalysisOwner {
  const { kind, owner } = requireItem(vault.database, id);
  vault.write({ entity: TABLES[kind], entityId: id, action: 'removed', detail: { [owner.kind]: owner.id } }, () => {
    requireOwner(vault.database, owner, true);
    run(vault.database, query.deleteFrom(TABLES[kind]).where('id', '=', id));
    touchOwner(vault.database, owner, now);
  });
  return owner;
}

/** Both ends must be of the same review or case, and the link must go one step along the chain. */
function addLink(database: Database, link: AnalysisLink, now: Date): AnalysisOwner {
  const from = locate(database, link.from);
  const to = locate(database, link.to);
  if (!from) throw new CasebookError('not_found', `Nothing in this vault has the id ${link.from}`);
  if (!to) throw new CasebookError('not_found', `Nothing in this vault has the id ${link.to}`);
  if (!sameOwner(from.owner, to.owner)) {
    throw new CasebookError('invalid_payload', 'Both ends of a link must belong to the same review or child death');
  }
  if (!canLink(from.kind, to.kind)) {
    throw new CasebookError(
      'invalid_payload',
      `A ${from.kind} cannot be linked to a ${to.kind}: the chain runs evidence -> factor -> finding -> recommendation -> action`,
    );
  }
  requireOwner(database, to.owner, true);
  run(
    database,
    query
      .insertInto('analysis_link')
      .values({
        from_id: link.from,
        to_id: link.to,
        from_kind: from.kind,
        to_kind: to.kind,
        ...ownerColumns(to.owner),
        created_at: now.toISOString(),
      })
      .onConflict((conflict) => conflict.doNothing()),
  );
  touchOwner(database, to.owner, now);
  return to.owner;
}

export function link(vault: VaultWriter, input: AnalysisLink, now = new Date()): AnalysisOwner {
  return vault.write(
    (owner: AnalysisOwner) => ({
      entity: 'analysis_link',
      action: 'linked',
      detail: { from: input.from, to: input.to, [owner.kind]: owner.id },
    }),
    () => addLink(vault.database, input, now),
  );
}

export function unlink(vault: VaultWriter, input: AnalysisLink, now = new Date()): AnalysisOwner {
  const row = first(
    vault.database,
    query.selectFrom('analysis_link').selectAll().where('from_id', '=', input.from).where('to_id', '=', input.to),
  );
  if (!row) throw new CasebookError('not_found', 'Those two are not linked.');
  const owner = ownerOfRow(row);
  vault.write({ entity: 'analysis_link', action: 'unlinked', detail: { from: input.from, to: input.to } }, () => {
    requireOwner(vault.database, owner, true);
    run(
      vault.database,
      query.deleteFrom('analysis_link').where('from_id', '=', input.from).where('to_id', '=', input.to),
    );
    touchOwner(vault.database, owner, now);
  });
  return owner;
}

const ACCOUNT_COLUMNS: Record<EpisodeAccount, 'went_well' | 'went_less_well' | 'practitioners_view' | 'family_view'> = {
  wentWell: 'went_well',
  wentLessWell: 'went_less_well',
  practitionersView: 'practitioners_view',
  familyView: 'family_view',
};

/** A key practice episode's account (what went well, what did not, the practitioners' and the family's views). */
export function updateEpisodeAccount(
  vault: VaultWriter,
  input: { id: string } & Partial<Record<EpisodeAccount, Prose>>,
): AnalysisOwner {
  const row = first(
    vault.database,
    query.selectFrom('key_practice_episode').select('review_id').where('id', '=', input.id),
  );
  if (!row) throw new CasebookError('not_found', `key practice episode not found: ${input.id}`);
  const set: Partial<Record<(typeof ACCOUNT_COLUMNS)[EpisodeAccount], string | null>> = {};
  for (const account of EPISODE_ACCOUNTS) {
    const prose = input[account];
    if (prose !== undefined) set[ACCOUNT_COLUMNS[account]] = prose.length === 0 ? null : JSON.stringify(prose);
  }
  vault.write(
    {
      entity: 'key_practice_episode',
      entityId: input.id,
      action: 'account updated',
      detail: { fields: changedFields(input) },
    },
    () => {
      requireOpenReview(vault.database, row.review_id);
      run(
        vault.database,
        query
          .updateTable('key_practice_episode')
          .set({ ...set, updated_at: new Date().toISOString() })
          .where('id', '=', input.id),
      );
    },
  );
  return { kind: 'review', id: row.review_id };
}

// ---- import ----------------------------------------------------------------------------

/**
 * Adds an exported analysis to a review or case with new ids; links follow their
 * items. Every problem is found before anything is written, and any problem refuses
 * the whole file. A chronology entry is found in the target review by its id or,
 * in another vault, by its agency, date as written and event text (exactly one match).
 */
export function importAnalysis(vault: VaultWriter, owner: AnalysisOwner, input: unknown, now = new Date()): Analysis {
  const { database } = vault;
  const { formVersion } = requireOwner(database, owner, true);
  const parsed = portableAnalysisSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw refused(issues);
  }
  const data = parsed.data;
  const problems: ApiIssue[] = [];
  const kinds = new Map<string, NodeKind>();
  const claim = (id: string, kind: NodeKind, path: string) => {
    if (kinds.has(id)) problems.push({ path, message: `The id ${id} is used twice` });
    kinds.set(id, kind);
  };
  if (owner.kind !== 'review' && data.episodes.length > 0) {
    problems.push({ path: 'episodes', message: 'A child death has no key practice episodes' });
  }
  for (const [index, episode] of data.episodes.entries()) claim(episode.id, 'episode', `episodes.${index}.id`);
  data.factors.forEach((factor, index) => {
    claim(factor.id, 'factor', `factors.${index}.id`);
    try {
      classifyFactor(formVersion, factor);
    } catch (error) {
      problems.push({ path: `factors.${index}`, message: (error as Error).message });
    }
  });
  data.findings.forEach((finding, index) => {
    claim(finding.id, 'finding', `findings.${index}.id`);
    try {
      checkPattern(finding.taxonomy ?? null, finding.pattern ?? null);
    } catch (error) {
      problems.push({ path: `findings.${index}.pattern`, message: (error as Error).message });
    }
  });
  data.recommendations.forEach((recommendation, index) => {
    claim(recommendation.id, 'recommendation', `recommendations.${index}.id`);
    if (recommendation.addressee === 'agency' && recommendation.agency === null) {
      problems.push({ path: `recommendations.${index}.agency`, message: 'Name the agency the recommendation is for' });
    }
  });
  for (const [index, action] of data.actions.entries()) claim(action.id, 'action', `actions.${index}.id`);

  const entries = resolveEntries(database, owner, data, problems);
  // A `from` that is not one of the file's items is an entry: resolveEntries has reported it if it is not found.
  data.links.forEach((link, index) => {
    const from = kinds.get(link.from) ?? (entries.has(link.from) ? 'entry' : undefined);
    const to = kinds.get(link.to);
    if (!to) problems.push({ path: `links.${index}.to`, message: `${link.to} is not in the file` });
    if (from && to && !canLink(from, to)) {
      problems.push({ path: `links.${index}`, message: `A ${from} cannot be linked to a ${to}` });
    }
  });
  if (problems.length > 0) throw refused(problems);

  vault.write(
    {
      entity: 'analysis',
      entityId: owner.id,
      action: 'imported',
      detail: {
        [owner.kind]: owner.id,
        factors: data.factors.length,
        findings: data.findings.length,
        recommendations: data.recommendations.length,
        actions: data.actions.length,
        links: data.links.length,
      },
    },
    () => writeImport(vault, owner, formVersion, data, entries, now),
  );
  return readAnalysis(database, owner);
}

function refused(issues: ApiIssue[]): CasebookError {
  return new CasebookError(
    'invalid_payload',
    `The analysis was not imported: ${issues.length} problem${issues.length === 1 ? '' : 's'}, nothing was changed`,
    issues,
  );
}

/** The file's entry ids -> this review's entry ids. */
function resolveEntries(
  database: Database,
  owner: AnalysisOwner,
  data: PortableAnalysis,
  problems: ApiIssue[],
): Map<string, string> {
  const resolved = new Map<string, string>();
  const fileIds = new Set(
    [...data.episodes, ...data.factors, ...data.findings, ...data.recommendations, ...data.actions].map(
      (item) => item.id,
    ),
  );
  const wanted = new Set([
    ...data.episodes.flatMap((episode) => episode.entryIds),
    ...data.links.map((link) => link.from).filter((id) => !fileIds.has(id)),
  ]);
  if (wanted.size === 0) return resolved;
  if (owner.kind !== 'review') {
    problems.push({ path: 'links', message: 'A child death has no chronology: links may not start at an entry' });
    return resolved;
  }
  const described = new Map(data.entries.map((entry) => [entry.id, entry]));
  for (const id of wanted) {
    const own = first(
      database,
      query.selectFrom('chronology_entry').select('id').where('id', '=', id).where('review_id', '=', owner.id),
    );
    if (own) {
      resolved.set(id, own.id);
      continue;
    }
    const descriptor = described.get(id);
    if (!descriptor) {
      problems.push({
        path: 'links',
        message: `The chronology entry ${id} is not in this review and the file does not describe it`,
      });
      continue;
    }
    const matches = all(
      database,
      query
        .selectFrom('chronology_entry as e')
        .innerJoin('review_agency as a', 'a.id', 'e.agency_id')
        .select('e.id')
        .where('e.review_id', '=', owner.id)
        .where('a.name', '=', descriptor.agency)
        .where('e.date_text', '=', descriptor.date)
        .where('e.event', '=', descriptor.event)
        .limit(2),
    );
    const [match] = matches;
    if (matches.length === 1 && match) resolved.set(id, match.id);
    else {
      problems.push({
        path: 'entries',
        message: `${matches.length === 0 ? 'No' : 'More than one'} entry of this review matches ${descriptor.agency}, ${descriptor.date}: "${descriptor.event.slice(0, 60)}"`,
      });
    }
  }
  return resolved;
}

function writeImport(
  vault: VaultWriter,
  owner: AnalysisOwner,
  formVersion: string | null,
  data: PortableAnalysis,
  entries: Map<string, string>,
  now: Date,
): void {
  const { database } = vault;
  const ids = new Map(entries);
  for (const episode of data.episodes) {
    const id = randomUUID();
    ids.set(episode.id, id);
    const prose = (value: Prose) => (value.length === 0 ? null : JSON.stringify(value));
    run(
      database,
      query.insertInto('key_practice_episode').values({
        id,
        review_id: owner.id,
        title: episode.title,
        description: null,
        span_from: episode.from,
        span_to: episode.to,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        went_well: prose(episode.wentWell),
        went_less_well: prose(episode.wentLessWell),
        practitioners_view: prose(episode.practitionersView),
        family_view: prose(episode.familyView),
      }),
    );
    for (const entryId of new Set(episode.entryIds)) {
      run(
        database,
        query
          .insertInto('key_practice_episode_entry')
          .values({ episode_id: id, entry_id: entries.get(entryId) ?? entryId }),
      );
    }
  }
  for (const factor of data.factors) {
    ids.set(factor.id, insertItem(vault, 'factor', owner, factorValues(factor, formVersion), now));
  }
  for (const finding of data.findings) {
    ids.set(
      finding.id,
      insertItem(
        vault,
        'finding',
        owner,
        findingValues({ ...EMPTY_FINDING, ...defined(finding), title: finding.title }),
        now,
      ),
    );
  }
  for (const recommendation of data.recommendations) {
    ids.set(recommendation.id, insertItem(vault, 'recommendation', owner, recommendationValues(recommendation), now));
  }
  for (const action of data.actions) {
    const id = insertItem(vault, 'action', owner, actionValues(action), now);
    ids.set(action.id, id);
    for (const evidence of action.evidence) {
      run(
        database,
        query.insertInto('analysis_action_evidence').values({
          id: randomUUID(),
          action_id: id,
          recorded_on: evidence.recordedOn,
          source: evidence.source,
          text: evidence.text,
          created_at: now.toISOString(),
        }),
      );
    }
  }
  for (const link of data.links) {
    addLink(database, { from: ids.get(link.from) ?? link.from, to: ids.get(link.to) ?? link.to }, now);
  }
}

// ---- the action board ------------------------------------------------------------------

export type BoardFilter = z.output<typeof boardFilterSchema>;

/** Every action of every review and child death, filtered; overdue by `today` (the person's local date). */
export function actionBoard(database: Database, filter: BoardFilter, today: string = todayIso()): BoardAction[] {
  let select = query
    .selectFrom('analysis_action as t')
    .leftJoin('review as r', 'r.id', 't.review_id')
    .leftJoin('cdop_case as c', 'c.id', 't.cdop_case_id')
    .selectAll('t')
    .select(['r.title as review_title', 'c.reference as case_reference'])
    .orderBy((eb) => eb('t.due_on', 'is', null))
    .orderBy('t.due_on')
    .orderBy('t.created_at')
    .orderBy('t.id');
  if (filter.agency)
    select = select.where((eb) => eb(eb.fn('lower', ['t.owner_agency']), '=', filter.agency?.toLowerCase() ?? ''));
  if (filter.owner)
    select = select.where((eb) =>
      eb(eb.fn('instr', [eb.fn('lower', ['t.owner_role']), eb.val(filter.owner?.toLowerCase() ?? '')]), '>', 0),
    );
  if (filter.status) select = select.where('t.status', '=', filter.status);
  const rows = all(database, select);
  const recommendations = new Map<string, string[]>();
  const evidence = new Map<string, { count: number; latest: string | null }>();
  if (rows.length > 0) {
    const ids = rows.map((row) => row.id);
    for (const row of all(
      database,
      query
        .selectFrom('analysis_link as l')
        .innerJoin('analysis_recommendation as m', 'm.id', 'l.from_id')
        .select(['l.to_id', 'm.text'])
        .where('l.to_id', 'in', ids)
        .orderBy('m.position'),
    )) {
      recommendations.set(row.to_id, [...(recommendations.get(row.to_id) ?? []), row.text]);
    }
    for (const row of all(
      database,
      query
        .selectFrom('analysis_action_evidence')
        .select((eb) => ['action_id', eb.fn.countAll<number>().as('count'), eb.fn.max('recorded_on').as('latest')])
        .where('action_id', 'in', ids)
        .groupBy('action_id'),
    )) {
      evidence.set(row.action_id, { count: Number(row.count), latest: row.latest });
    }
  }
  return rows
    .map((row) => {
      const status = row.status as ActionStatus;
      const owner: BoardAction['owner'] =
        row.review_id !== null
          ? { kind: 'review', id: row.review_id, title: row.review_title ?? '' }
          : { kind: 'cdop-case', id: row.cdop_case_id ?? '', title: row.case_reference ?? '' };
      return {
        id: row.id,
        text: row.text,
        ownerAgency: row.owner_agency,
        ownerRole: row.owner_role,
        dueOn: row.due_on,
        status,
        overdue: isOverdue({ dueOn: row.due_on, status }, today),
        outcomeMeasure: row.outcome_measure,
        evidenceCount: evidence.get(row.id)?.count ?? 0,
        latestEvidenceOn: evidence.get(row.id)?.latest ?? null,
        owner,
        recommendations: recommendations.get(row.id) ?? [],
      };
    })
    .filter((action) => filter.overdue === undefined || action.overdue === filter.overdue);
}
