import { randomUUID } from 'node:crypto';
import { type Expression, expressionBuilder, type InferResult } from 'kysely';
import type { z } from 'zod';
import type {
  ChronologyEntry,
  ChronologyListResult,
  EntryDate,
  EntryUpdateResult,
  EntryUpdateValues,
  entryCreateSchema,
  entryUpdateSchema,
  ImportMode,
  ImportRecord,
  listSchema,
  TimelineData,
} from '../shared/api/channels/chronology.js';
import { CasebookError } from '../shared/api/errors.js';
import { entryDateFields, readEndDate, readTime, withTime } from '../shared/chronology/entry.js';
import type { ChildSeen, ChronologyField, EntryContent } from '../shared/chronology/fields.js';
import { compareEntries, type OrderedEntry, sequenceNumber } from '../shared/chronology/order.js';
import {
  type DatePrecision,
  type DateQualifier,
  earliestOf,
  type FuzzyDate,
  formatFuzzyDate,
  isoOf,
  latestOf,
  parseFuzzyDate,
  spanMsOf,
} from '../shared/dates/fuzzy-date.js';
import { checkpointAfterwards } from './checkpoint.js';
import { flagPossibleDuplicates } from './chronology-duplicates.js';
import { linkPeopleFoundInText, setEntryPeople } from './entry-people.js';
import { all, type Database, first, insertRows, nocase, prepare, query, run } from './query.js';
import { ensureAgency, listAgencies, requireOpenReview, requireReview } from './reviews.js';
import type { ChronologyEntryTable } from './schema/chronology.js';
import type { ReviewAgencyTable } from './schema/reviews.js';
import { timeOrderedId } from './time-ordered-id.js';
import type { VaultWriter } from './vault.js';

/**
 * The integrated chronology in the vault: entries, imports, saved mappings and the
 * timeline's compact data. Every write goes through `vault.write`; audit detail
 * holds ids and counts only (event text names families).
 *
 * The integrated order is shared/chronology/order.ts; `INTEGRATED_ORDER` below is the
 * same rule in SQL, over the stored `orderKey` (`sort_key`), so a page of 500 is the
 * right 500 (tests/integration/chronology-order.test.ts holds the two together).
 * Each entry's `ref` is its number in the review: see `numberNewEntries` and `renumber`.
 */

export type EntryCreateInput = z.output<typeof entryCreateSchema>;
export type EntryUpdateInput = z.output<typeof entryUpdateSchema>;
export type ListInput = z.output<typeof listSchema>;

/** An entry ready to store: what an imported row or a typed-in entry becomes. */
export interface EntryRecord extends EntryContent {
  /** Spreadsheet row; null for a typed-in entry. */
  row: number | null;
  /** The agency by name (ensureAgency), e.g. from an Agency column. */
  agencyName: string;
  date: FuzzyDate;
}

/** The integrated order, typed against the schema, for any query that names the entry `e` and its agency `a`. */
const order = expressionBuilder<{ e: ChronologyEntryTable; a: ReviewAgencyTable }, 'e' | 'a'>();
const INTEGRATED_ORDER: readonly Expression<unknown>[] = [
  // One review at a time, so this orders nothing; it steers SQLite to the (review_id, sort_key)
  // index, which reads the entries already in date order and stops at the page's end. Without it
  // SQLite took the (review_id, ref) index and sorted the whole review for every page: 260 ms for
  // the first 50 of 100,000 entries, 0.3 ms with it.
  order.ref('e.review_id'),
  order.ref('e.sort_key'),
  order.ref('a.position'),
  order('e.sequence_number', 'is', null),
  order.ref('e.sequence_number'),
  order('e.sequence', 'is', null),
  order.ref('e.sequence'),
  order('e.source_row', 'is', null),
  order.ref('e.source_row'),
  order.ref('e.seq'),
];

export function inIntegratedOrder<Select extends { orderBy(term: Expression<unknown>): Select }>(
  select: Select,
): Select {
  return INTEGRATED_ORDER.reduce((ordered, term) => ordered.orderBy(term), select);
}

const entries = () => query.selectFrom('chronology_entry as e');

/** Entries (`e`) with their agency's name and their import's provenance. */
function withEntryColumns(select: ReturnType<typeof entries>) {
  return select
    .innerJoin('review_agency as a', 'a.id', 'e.agency_id')
    .leftJoin('chronology_import as i', 'i.id', 'e.import_id')
    .selectAll('e')
    .select(['a.name as agency_name', 'i.file_name', 'i.content_hash', 'i.imported_at']);
}

const entrySelect = () => withEntryColumns(entries());

type EntryRow = InferResult<ReturnType<typeof entrySelect>>[number];

export function entryDate(date: FuzzyDate): EntryDate {
  return { ...date, iso: isoOf(date), display: formatFuzzyDate(date) };
}

function rowDate(row: EntryRow): FuzzyDate {
  return {
    precision: row.date_precision as DatePrecision,
    qualifier: row.date_qualifier as DateQualifier,
    start: row.date_start,
    end: row.date_end,
    text: row.date_text,
  };
}

interface EntryLinks {
  tags: string[];
  duplicates: string[];
  linked: string[];
  people: string[];
  peopleFoundInText: string[];
}

function toEntry(row: EntryRow, { tags, duplicates, linked, people, peopleFoundInText }: EntryLinks): ChronologyEntry {
  return {
    id: row.id,
    ref: row.ref,
    reviewId: row.review_id,
    agency: { id: row.agency_id, name: row.agency_name },
    date: entryDate(rowDate(row)),
    sequence: row.sequence,
    time: row.time,
    endDate: row.end_date,
    endTime: row.end_time,
    source: row.source,
    practitioner: row.practitioner,
    childSeen: row.child_seen as ChildSeen | null,
    childSeenText: row.child_seen_text,
    event: row.event,
    action: row.action,
    significance: row.significance,
    significant: row.significant === 1,
    tags,
    provenance:
      row.import_id !== null && row.file_name !== null
        ? {
            importId: row.import_id,
            fileName: row.file_name,
            contentHash: row.content_hash ?? '',
            row: row.source_row ?? 0,
            importedAt: row.imported_at ?? '',
          }
        : null,
    possibleDuplicateOf: duplicates,
    linkedWith: linked,
    personIds: people,
    peopleFoundInText,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function groupBy(rows: { key: string; value: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, value } of rows) {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }
  return map;
}

/** Tags, people and open duplicate flags of a review's entries (or of just `onlyIds`), by entry id. */
function sideTables(database: Database, reviewId: string, onlyIds?: readonly string[]) {
  const ids = onlyIds !== undefined && onlyIds.length <= 500 ? [...onlyIds] : null;
  const tags = groupBy(
    all(
      database,
      query
        .selectFrom('chronology_entry_tag as x')
        .innerJoin('chronology_entry as e', 'e.id', 'x.entry_id')
        .select(['x.entry_id as key', 'x.tag as value'])
        .where('e.review_id', '=', reviewId)
        .$if(ids !== null, (select) => select.where('x.entry_id', 'in', ids ?? []))
        .orderBy('x.tag'),
    ),
  );
  const personLinks = all(
    database,
    query
      .selectFrom('chronology_entry_person as x')
      .innerJoin('chronology_entry as e', 'e.id', 'x.entry_id')
      .select(['x.entry_id as key', 'x.person_id as value', 'x.found_in_text'])
      .where('e.review_id', '=', reviewId)
      .$if(ids !== null, (select) => select.where('x.entry_id', 'in', ids ?? [])),
  );
  const people = groupBy(personLinks);
  const peopleFoundInText = groupBy(personLinks.filter((link) => link.found_in_text === 1));
  // Both directions of each pair: a flag is stored once with entry_id < other_id.
  const openFlags = (from: 'entry_id' | 'other_id', to: 'entry_id' | 'other_id') =>
    query
      .selectFrom('chronology_duplicate as x')
      .innerJoin('chronology_entry as e', 'e.id', `x.${from}`)
      .select([`x.${from} as key`, `x.${to} as value`, 'x.status'])
      .where('e.review_id', '=', reviewId)
      .where('x.status', 'in', ['flagged', 'linked'])
      .$if(ids !== null, (select) => select.where(`x.${from}`, 'in', ids ?? []));
  const pairs = all(database, openFlags('entry_id', 'other_id').unionAll(openFlags('other_id', 'entry_id')));
  const duplicates = groupBy(pairs.filter((pair) => pair.status === 'flagged'));
  const linked = groupBy(pairs.filter((pair) => pair.status === 'linked'));
  return { tags, duplicates, linked, people, peopleFoundInText };
}

function linksOf(side: ReturnType<typeof sideTables>, id: string): EntryLinks {
  return {
    tags: side.tags.get(id) ?? [],
    duplicates: side.duplicates.get(id) ?? [],
    linked: side.linked.get(id) ?? [],
    people: side.people.get(id) ?? [],
    peopleFoundInText: side.peopleFoundInText.get(id) ?? [],
  };
}

export function getEntry(database: Database, id: string): ChronologyEntry {
  const row = first(database, entrySelect().where('e.id', '=', id));
  if (!row) throw new CasebookError('not_found', `chronology entry not found: ${id}`);
  return toEntry(row, linksOf(sideTables(database, row.review_id, [id]), id));
}

/** The integrated chronology, filtered, in order. */
export function listEntries(database: Database, input: ListInput): ChronologyListResult {
  requireReview(database, input.reviewId);
  const { filters } = input;
  const { agencyIds, personIds, tag, from, to, episodeId } = filters;
  const filtered = entries()
    .where('e.review_id', '=', input.reviewId)
    .$if(agencyIds !== undefined && agencyIds.length > 0, (select) =>
      select.where('e.agency_id', 'in', agencyIds ?? []),
    )
    .$if(personIds !== undefined && personIds.length > 0, (select) =>
      select.where('e.id', 'in', (eb) =>
        eb
          .selectFrom('chronology_entry_person')
          .select('entry_id')
          .where('person_id', 'in', personIds ?? []),
      ),
    )
    .$if(tag !== undefined, (select) =>
      select.where('e.id', 'in', (eb) =>
        eb
          .selectFrom('chronology_entry_tag')
          .select('entry_id')
          .where(nocase('tag'), '=', tag ?? ''),
      ),
    )
    // A fuzzy date is in the window when its range could overlap it; open ends always could.
    .$if(from !== undefined, (select) =>
      select.where((eb) => eb.or([eb('e.range_end', 'is', null), eb('e.range_end', '>=', earliestOf(from ?? ''))])),
    )
    .$if(to !== undefined, (select) =>
      select.where((eb) => eb.or([eb('e.range_start', 'is', null), eb('e.range_start', '<=', latestOf(to ?? ''))])),
    )
    .$if(filters.significantOnly === true, (select) => select.where('e.significant', '=', 1))
    .$if(episodeId !== undefined, (select) =>
      select.where('e.id', 'in', (eb) =>
        eb
          .selectFrom('key_practice_episode_entry')
          .select('entry_id')
          .where('episode_id', '=', episodeId ?? ''),
      ),
    );
  const total =
    first(
      database,
      filtered.select((eb) => eb.fn.countAll<number>().as('total')),
    )?.total ?? 0;
  const rows = all(database, inIntegratedOrder(withEntryColumns(filtered)).limit(input.limit).offset(input.offset));
  const side = sideTables(
    database,
    input.reviewId,
    rows.map((row) => row.id),
  );
  return { total, entries: rows.map((row) => toEntry(row, linksOf(side, row.id))) };
}

// ---- writing ------------------------------------------------------------------------

const ENTRY_COLUMNS = [
  'id',
  'review_id',
  'agency_id',
  'import_id',
  'source_row',
  'sequence',
  'sequence_number',
  'date_text',
  'date_precision',
  'date_qualifier',
  'date_start',
  'date_end',
  'sort_key',
  'range_start',
  'range_end',
  'time',
  'end_date',
  'end_time',
  'source',
  'practitioner',
  'child_seen',
  'child_seen_text',
  'event',
  'action',
  'significance',
  'significant',
  'created_at',
  'updated_at',
  'ref',
] as const;

/**
 * Inserts records with one prepared statement; call inside a write, then
 * `indexForSearch` once for all of them. `refOf` numbers each record by its index.
 * Returns the new ids in order.
 */
function insertRecords(
  database: Database,
  reviewId: string,
  importId: string | null,
  records: readonly EntryRecord[],
  refOf: (index: number) => number,
): string[] {
  const insert = insertRows(database, 'chronology_entry', ENTRY_COLUMNS);
  const now = new Date().toISOString();
  const agencyIds = new Map<string, string>();
  const ids: string[] = new Array(records.length);
  for (let index = 0; index < records.length; index += 1) {
    const record = records[index] as EntryRecord;
    const agencyKey = record.agencyName.toLowerCase();
    let agencyId = agencyIds.get(agencyKey);
    if (agencyId === undefined) {
      agencyId = ensureAgency(database, reviewId, record.agencyName).id;
      agencyIds.set(agencyKey, agencyId);
    }
    const fields = entryDateFields(record.date);
    const id = timeOrderedId();
    ids[index] = id;
    insert({
      id,
      review_id: reviewId,
      agency_id: agencyId,
      import_id: importId,
      source_row: record.row,
      sequence: record.sequence,
      sequence_number: sequenceNumber(record.sequence),
      date_text: record.date.text,
      date_precision: record.date.precision,
      date_qualifier: record.date.qualifier,
      date_start: record.date.start,
      date_end: record.date.end,
      sort_key: fields.sortKey,
      range_start: fields.rangeStart,
      range_end: fields.rangeEnd,
      time: record.time,
      end_date: record.endDate,
      end_time: record.endTime,
      source: record.source,
      practitioner: record.practitioner,
      child_seen: record.childSeen,
      child_seen_text: record.childSeenText,
      event: record.event,
      action: record.action,
      significance: record.significance,
      significant: record.significant ? 1 : 0,
      created_at: now,
      updated_at: now,
      ref: refOf(index),
    });
  }
  return ids;
}

/** The highest entry number a review has used: a deleted entry keeps its number, so a restored one gets it back. */
function lastRef(database: Database, reviewId: string): number {
  const highest = (table: 'chronology_entry' | 'chronology_entry_deleted') =>
    query
      .selectFrom(table)
      .select((eb) => eb.fn.max('ref').as('ref'))
      .where('review_id', '=', reviewId);
  const rows = all(database, highest('chronology_entry').unionAll(highest('chronology_entry_deleted')));
  return Math.max(0, ...rows.map((row) => row.ref ?? 0));
}

/**
 * The numbers of the entries an import is about to write: after the review's last, in
 * the integrated order among themselves (shared/chronology/order.ts, the rule the SQL
 * order follows; tests/integration/chronology-order.test.ts holds them together). They
 * are written with each row: numbering afterwards rewrote every new row once more, 1.7 s
 * of a 100,000-row import.
 */
function newEntryRefs(database: Database, reviewId: string, records: readonly EntryRecord[]): number[] {
  const positions = new Map<string, number>();
  for (const record of records) {
    const key = record.agencyName.toLowerCase();
    if (positions.has(key)) continue;
    const { id } = ensureAgency(database, reviewId, record.agencyName);
    const row = first(database, query.selectFrom('review_agency').select('position').where('id', '=', id));
    positions.set(key, row?.position ?? 0);
  }
  const ordered: OrderedEntry[] = records.map((record, index) => ({
    date: record.date,
    agencyPosition: positions.get(record.agencyName.toLowerCase()) ?? 0,
    sequence: record.sequence,
    row: record.row,
    added: index,
  }));
  const ranked = ordered
    .map((_, index) => index)
    .sort((a, b) => compareEntries(ordered[a] as OrderedEntry, ordered[b] as OrderedEntry));
  const base = lastRef(database, reviewId);
  const refs: number[] = new Array(records.length);
  ranked.forEach((index, rank) => {
    refs[index] = base + rank + 1;
  });
  return refs;
}

/**
 * Numbers the entries written with a provisional negative ref after `base`, in the
 * integrated order, in SQL: for `renumber`, which makes every ref provisional. An
 * import ranks its own entries in code as it writes them (`newEntryRefs`).
 */
function numberNewEntries(database: Database, reviewId: string, base = lastRef(database, reviewId)): void {
  const numbered = query
    .selectFrom('chronology_entry as e')
    .innerJoin('review_agency as a', 'a.id', 'e.agency_id')
    .select((eb) => [
      'e.seq',
      eb.fn
        .agg<number>('row_number')
        .over((over) => INTEGRATED_ORDER.reduce((ordered, term) => ordered.orderBy(term), over))
        .as('n'),
    ])
    .where('e.review_id', '=', reviewId)
    .where('e.ref', '<', 0);
  run(
    database,
    query
      .updateTable('chronology_entry')
      .from(numbered.as('numbered'))
      .set((eb) => ({ ref: eb(eb.val(base), '+', eb.ref('numbered.n')) }))
      .whereRef('numbered.seq', '=', 'chronology_entry.seq'),
  );
}

/** The last entry's seq so far: entries inserted after it get higher ones (seq is the rowid). */
function lastSeq(database: Database): number {
  return (
    first(
      database,
      query.selectFrom('chronology_entry').select((eb) => eb.fn.max('seq').as('seq')),
    )?.seq ?? 0
  );
}

/** Runs `insert` (inside a write) and adds the entries it wrote to the full-text index. */
export function indexNewEntries<T>(database: Database, insert: () => T): T {
  const before = lastSeq(database);
  const result = insert();
  indexForSearch(database, before);
  return result;
}

/**
 * Adds the entries after `afterSeq` to the full-text index in one pass (see migration
 * 0004 for why not a trigger). Raw SQL: the FTS5 table is virtual, outside the Kysely
 * schema, and written through its rowid.
 */
function indexForSearch(database: Database, afterSeq: number): void {
  prepare(
    database,
    `INSERT INTO chronology_fts (rowid, event, action, significance, source, practitioner)
     SELECT seq, event, action, significance, source, practitioner FROM chronology_entry WHERE seq > ?`,
  ).run(afterSeq);
}

export const PROGRESS_EVERY = 5_000;

export interface ImportWrite {
  reviewId: string;
  /** The agency the reviewer chose; rows may name others in an Agency column. */
  agencyName: string;
  fileName: string;
  contentHash: string;
  sheet: string | null;
  mode: ImportMode;
  records: readonly EntryRecord[];
  rowsRejected: number;
  /** Field -> header text, remembered for the chosen agency. */
  mapping: Partial<Record<ChronologyField, string>>;
  onProgress?: (done: number) => void;
  /** Runs first inside the transaction: a check there (a re-import) cannot be overtaken by another writer. */
  guard?: (database: Database) => void;
  /** The earlier import this one replaces (removed by `guard`), for the audit row. */
  replaces?: string | null;
}

/**
 * The entries still in the chronology from the review's earlier imports from this
 * agency (by name, any case), with what `sameRowKey` reads of them.
 */
export function importedEntriesOf(database: Database, reviewId: string, agencyName: string) {
  return all(
    database,
    query
      .selectFrom('chronology_entry as e')
      .innerJoin('chronology_import as i', 'i.id', 'e.import_id')
      .innerJoin('review_agency as a', 'a.id', 'i.agency_id')
      .select([
        'i.id as importId',
        'i.file_name as fileName',
        'i.imported_at as importedAt',
        'e.date_qualifier',
        'e.date_start',
        'e.date_end',
        'e.time',
        'e.sequence',
        'e.event',
      ])
      .where('e.review_id', '=', reviewId)
      .where(nocase('a.name'), '=', agencyName)
      .where('i.removed_at', 'is', null),
  );
}

export function findImportByHash(database: Database, reviewId: string, contentHash: string) {
  return first(
    database,
    query
      .selectFrom('chronology_import')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('content_hash', '=', contentHash)
      .where('removed_at', 'is', null)
      .orderBy('imported_at', 'desc')
      .limit(1),
  );
}

/** The whole import in one transaction with one audit row: entries, the import record and the saved mapping. */
export async function writeImport(
  vault: VaultWriter,
  input: ImportWrite,
): Promise<{ importId: string; imported: number; possibleDuplicates: number }> {
  const importId = randomUUID();
  return checkpointAfterwards(vault.database, () =>
    vault.writeInSteps(
      (result: { importId: string; imported: number; possibleDuplicates: number; agencyId: string }) => ({
        entity: 'chronology_import',
        entityId: importId,
        action: 'imported',
        detail: {
          reviewId: input.reviewId,
          agencyId: result.agencyId,
          entries: result.imported,
          rejected: input.rowsRejected,
          mode: input.mode,
          possibleDuplicates: result.possibleDuplicates,
          ...(input.replaces ? { replaces: input.replaces } : {}),
        },
      }),
      async (pause) => {
        const { database } = vault;
        input.guard?.(database);
        requireOpenReview(database, input.reviewId);
        const agency = ensureAgency(database, input.reviewId, input.agencyName);
        const now = new Date().toISOString();
        // The import row first: entries point at it.
        run(
          database,
          query.insertInto('chronology_import').values({
            id: importId,
            review_id: input.reviewId,
            agency_id: agency.id,
            file_name: input.fileName,
            content_hash: input.contentHash,
            sheet: input.sheet,
            mode: input.mode,
            imported_at: now,
            imported_by: vault.actor(),
            rows_imported: input.records.length,
            rows_rejected: input.rowsRejected,
          }),
        );
        // In steps of PROGRESS_EVERY rows, pausing between them so progress reaches the
        // reviewer and the app stays responsive; still one transaction.
        // Each step is indexed for search as soon as it is written, while its pages are still
        // in the cache: one pass at the end would read 100,000 rows back and decrypt them again.
        const ids: string[] = [];
        const refs = newEntryRefs(database, input.reviewId, input.records);
        for (let start = 0; start < input.records.length; start += PROGRESS_EVERY) {
          const step = input.records.slice(start, start + PROGRESS_EVERY);
          const before = lastSeq(database);
          for (const id of insertRecords(
            database,
            input.reviewId,
            importId,
            step,
            (index) => refs[start + index] ?? 0,
          )) {
            ids.push(id);
          }
          indexForSearch(database, before);
          input.onProgress?.(ids.length);
          await pause();
        }
        saveMapping(database, agency.id, input.mapping, now);
        linkPeopleFoundInText(database, input.reviewId, ids);
        const possibleDuplicates = flagPossibleDuplicates(database, input.reviewId, ids);
        return { importId, imported: ids.length, possibleDuplicates, agencyId: agency.id };
      },
    ),
  );
}

function saveMapping(
  database: Database,
  agencyId: string,
  mapping: Partial<Record<ChronologyField, string>>,
  now: string,
): void {
  run(
    database,
    query
      .insertInto('chronology_mapping')
      .values({ agency_id: agencyId, mapping: JSON.stringify(mapping), updated_at: now })
      .onConflict((conflict) =>
        conflict.column('agency_id').doUpdateSet((eb) => ({
          mapping: eb.ref('excluded.mapping'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      ),
  );
}

export function savedMapping(
  database: Database,
  reviewId: string,
  agencyName: string,
): Partial<Record<ChronologyField, string>> | null {
  const row = first(
    database,
    query
      .selectFrom('chronology_mapping as m')
      .innerJoin('review_agency as a', 'a.id', 'm.agency_id')
      .select('m.mapping')
      .where('a.review_id', '=', reviewId)
      .where(nocase('a.name'), '=', agencyName),
  );
  return row ? (JSON.parse(row.mapping) as Partial<Record<ChronologyField, string>>) : null;
}

/** A review's imports that have not been removed, oldest first, each with how many of its entries are still in the chronology. */
export function listImports(database: Database, reviewId: string): ImportRecord[] {
  requireReview(database, reviewId);
  const rows = all(
    database,
    query
      .selectFrom('chronology_import as i')
      .innerJoin('review_agency as a', 'a.id', 'i.agency_id')
      .selectAll('i')
      .select((eb) => [
        'a.name as agency_name',
        eb
          .selectFrom('chronology_entry as e')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('e.import_id', '=', 'i.id')
          .as('entries'),
      ])
      .where('i.review_id', '=', reviewId)
      .where('i.removed_at', 'is', null)
      .orderBy('i.imported_at'),
  );
  return rows.map((row) => ({
    id: row.id,
    agency: { id: row.agency_id, name: row.agency_name },
    fileName: row.file_name,
    contentHash: row.content_hash,
    sheet: row.sheet,
    mode: row.mode as ImportMode,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
    rowsImported: row.rows_imported,
    rowsRejected: row.rows_rejected,
    entries: row.entries ?? 0,
  }));
}

/**
 * The reviewer's Renumber: the review's entries become 1, 2, 3... in the
 * chronology's order, and its deleted entries take the numbers after them (in their
 * old order), so a restored entry never takes another's number. One audit row.
 */
export function renumber(vault: VaultWriter, reviewId: string): { renumbered: number } {
  const { database } = vault;
  return vault.write(
    (result: { renumbered: number }) => ({
      entity: 'review',
      entityId: reviewId,
      action: 'chronology renumbered',
      detail: { entries: result.renumbered },
    }),
    () => {
      requireOpenReview(database, reviewId);
      const renumbered = run(
        database,
        query
          .updateTable('chronology_entry')
          .set((eb) => ({ ref: eb.neg(eb.ref('ref')) }))
          .where('review_id', '=', reviewId),
      ).changes;
      numberNewEntries(database, reviewId, 0);
      const deleted = all(
        database,
        query.selectFrom('chronology_entry_deleted').select('id').where('review_id', '=', reviewId).orderBy('ref'),
      );
      deleted.forEach((row, index) => {
        run(
          database,
          query
            .updateTable('chronology_entry_deleted')
            .set({ ref: renumbered + index + 1 })
            .where('id', '=', row.id),
        );
      });
      return { renumbered };
    },
  );
}

// ---- typed-in entries and edits ------------------------------------------------------

function invalid(field: string, message: string): CasebookError {
  return new CasebookError('invalid_payload', `${field}: ${message}`, [{ path: field, message }]);
}

/** Date text + time -> the stored date, or a plain error naming the field. */
function readDateAndTime(dateText: string, timeText: string | null): { date: FuzzyDate; time: string | null } {
  const time = readTime(timeText);
  if (!time.ok) throw invalid('time', time.reason);
  const parsed = parseFuzzyDate(dateText);
  if (!parsed.ok) throw invalid('date', parsed.reason);
  return { date: withTime(parsed.date, time.time), time: time.time };
}

function readEnd(endDate: string | null, endTime: string | null): { endDate: string | null; endTime: string | null } {
  const end = readEndDate(endDate);
  if (!end.ok) throw invalid('endDate', end.reason);
  const time = readTime(endTime);
  if (!time.ok) throw invalid('endTime', time.reason);
  return { endDate: end.iso, endTime: time.time };
}

function replaceTags(database: Database, entryId: string, tags: readonly string[]): void {
  run(database, query.deleteFrom('chronology_entry_tag').where('entry_id', '=', entryId));
  if (tags.length === 0) return;
  run(
    database,
    query
      .insertInto('chronology_entry_tag')
      .orIgnore()
      .values(tags.map((tag) => ({ entry_id: entryId, tag }))),
  );
}

export function createEntry(vault: VaultWriter, input: EntryCreateInput): ChronologyEntry {
  const { date, time } = readDateAndTime(input.date, input.time);
  const end = readEnd(input.endDate, input.endTime);
  const record: EntryRecord = {
    row: null,
    agencyName: input.agency,
    date,
    time,
    ...end,
    sequence: input.sequence,
    source: input.source,
    practitioner: input.practitioner,
    childSeen: input.childSeen,
    childSeenText: null,
    event: input.event,
    action: input.action,
    significance: input.significance,
    significant: input.significant,
  };
  const id = vault.write(
    (entryId: string) => ({
      entity: 'chronology_entry',
      entityId: entryId,
      action: 'created',
      detail: { reviewId: input.reviewId },
    }),
    () => {
      requireOpenReview(vault.database, input.reviewId);
      const ref = lastRef(vault.database, input.reviewId) + 1;
      const [entryId] = indexNewEntries(vault.database, () =>
        insertRecords(vault.database, input.reviewId, null, [record], () => ref),
      );
      replaceTags(vault.database, entryId as string, input.tags);
      setEntryPeople(vault.database, input.reviewId, entryId as string, input.personIds);
      linkPeopleFoundInText(vault.database, input.reviewId, [entryId as string]);
      return entryId as string;
    },
  );
  return getEntry(vault.database, id);
}

/** The current values, as chronology.update takes them (for undo). */
function currentValues(entry: ChronologyEntry): Required<EntryUpdateValues> {
  return {
    agency: entry.agency.name,
    date: entry.date.text,
    time: entry.time,
    endDate: entry.endDate,
    endTime: entry.endTime,
    sequence: entry.sequence,
    source: entry.source,
    practitioner: entry.practitioner,
    childSeen: entry.childSeen,
    event: entry.event,
    action: entry.action,
    significance: entry.significance,
    significant: entry.significant,
    tags: entry.tags,
    personIds: entry.personIds,
  };
}

/** The fields whose text can name people (db/entry-people.ts). */
const TEXT_FIELDS = new Set<keyof EntryUpdateValues>(['source', 'practitioner', 'event', 'action', 'significance']);

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function updateEntry(vault: VaultWriter, input: EntryUpdateInput): EntryUpdateResult {
  const { database } = vault;
  const before = getEntry(database, input.id);
  const current = currentValues(before);
  const { id, ...requested } = input;
  const changed = (Object.keys(requested) as (keyof EntryUpdateValues)[]).filter(
    (key) => requested[key] !== undefined && !sameValue(requested[key], current[key]),
  );
  const previous: EntryUpdateValues = {};
  for (const key of changed) Object.assign(previous, { [key]: current[key] });
  if (changed.length === 0) return { entry: before, previous };

  const next = { ...current, ...Object.fromEntries(changed.map((key) => [key, requested[key]])) } as Required<
    z.output<typeof entryUpdateSchema>
  >;
  const { date, time } = readDateAndTime(next.date, next.time);
  const end = readEnd(next.endDate, next.endTime);
  const fields = entryDateFields(date);

  vault.write({ entity: 'chronology_entry', entityId: id, action: 'updated', detail: { fields: changed } }, () => {
    requireOpenReview(database, before.reviewId);
    const agencyId = changed.includes('agency')
      ? ensureAgency(database, before.reviewId, next.agency).id
      : before.agency.id;
    run(
      database,
      query
        .updateTable('chronology_entry')
        .set({
          agency_id: agencyId,
          date_text: date.text,
          date_precision: date.precision,
          date_qualifier: date.qualifier,
          date_start: date.start,
          date_end: date.end,
          sort_key: fields.sortKey,
          range_start: fields.rangeStart,
          range_end: fields.rangeEnd,
          time,
          end_date: end.endDate,
          end_time: end.endTime,
          sequence: next.sequence,
          sequence_number: sequenceNumber(next.sequence),
          source: next.source,
          practitioner: next.practitioner,
          child_seen: next.childSeen,
          event: next.event,
          action: next.action,
          significance: next.significance,
          significant: next.significant ? 1 : 0,
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', id),
    );
    if (changed.includes('tags')) replaceTags(database, id, next.tags);
    if (changed.includes('personIds')) setEntryPeople(database, before.reviewId, id, next.personIds);
    if (changed.some((key) => TEXT_FIELDS.has(key))) linkPeopleFoundInText(database, before.reviewId, [id]);
  });
  return { entry: getEntry(database, id), previous };
}

// ---- timeline -------------------------------------------------------------------------

/** Compact data for drawing every entry: ranges in UTC ms, in the integrated order. */
export function timelineData(database: Database, reviewId: string): TimelineData {
  const review = requireReview(database, reviewId);
  const agencies = listAgencies(database, reviewId);
  const index = new Map(agencies.map((agency, at) => [agency.id, at]));
  const rows = all(
    database,
    inIntegratedOrder(
      query
        .selectFrom('chronology_entry as e')
        .innerJoin('review_agency as a', 'a.id', 'e.agency_id')
        .select((eb) => [
          'e.id',
          'e.ref',
          'e.agency_id',
          'e.range_start',
          'e.range_end',
          'e.date_precision',
          'e.date_qualifier',
          'e.significant',
          eb.fn<string>('substr', ['e.event', eb.val(1), eb.val(80)]).as('label'),
          'e.date_start',
          'e.date_end',
          'e.date_text',
        ])
        .where('e.review_id', '=', reviewId),
    ),
  );
  const items = rows.map((row) => {
    const precision = row.date_precision as DatePrecision;
    const qualifier = row.date_qualifier as DateQualifier;
    const { startMs, endMs } = spanMsOf({ earliest: row.range_start, latest: row.range_end });
    return {
      id: row.id,
      ref: row.ref,
      agencyIndex: index.get(row.agency_id) ?? 0,
      startMs,
      endMs,
      precision,
      qualifier,
      significant: row.significant === 1,
      dateDisplay: formatFuzzyDate({
        precision,
        qualifier,
        start: row.date_start,
        end: row.date_end,
        text: row.date_text,
      }),
      label: row.label,
    };
  });
  return { agencies, scope: { from: review.scope_from, to: review.scope_to }, items };
}
