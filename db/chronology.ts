import { randomUUID } from 'node:crypto';
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
import { entryDateFields, readEndDate, readTime, sequenceNumber, withTime } from '../shared/chronology/entry.js';
import type { ChildSeen, ChronologyField } from '../shared/chronology/fields.js';
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
import { flagPossibleDuplicates } from './chronology-duplicates.js';
import { all, type Database, first, query, run } from './query.js';
import { ensureAgency, listAgencies, requireOpenReview } from './reviews.js';
import type { ChronologyEntryTable } from './schema/chronology.js';
import type { VaultWriter } from './vault.js';

/**
 * The integrated chronology in the vault: entries, imports, saved mappings and the
 * timeline's compact data. Every write goes through `vault.write`; audit detail
 * holds ids and counts only (event text names families).
 *
 * The integrated order (documented in shared/api/channels/chronology.ts) is
 * `ORDER_BY` below: sort key, sequence (by the number in the reference: R9 before R10), time
 * (blank first), the agency's place in the review, then insertion order.
 */

export type EntryCreateInput = z.output<typeof entryCreateSchema>;
export type EntryUpdateInput = z.output<typeof entryUpdateSchema>;
export type ListInput = z.output<typeof listSchema>;

/** An entry ready to store: what an imported row or a typed-in entry becomes. */
export interface EntryRecord {
  /** Spreadsheet row; null for a typed-in entry. */
  row: number | null;
  /** The agency by name (ensureAgency), e.g. from an Agency column. */
  agencyName: string;
  date: FuzzyDate;
  sequence: string | null;
  time: string | null;
  endDate: string | null;
  endTime: string | null;
  source: string | null;
  practitioner: string | null;
  childSeen: ChildSeen | null;
  childSeenText: string | null;
  event: string;
  action: string | null;
  significance: string | null;
  significant: boolean;
}

export const ORDER_BY = `e.sort_key, e.sequence_number IS NULL, e.sequence_number, e.sequence,
  e.time IS NOT NULL, e.time, a.position, e.seq`;

const ENTRY_SELECT = `SELECT e.*, a.name AS agency_name, i.file_name, i.content_hash, i.imported_at
  FROM chronology_entry e
  JOIN review_agency a ON a.id = e.agency_id
  LEFT JOIN chronology_import i ON i.id = e.import_id`;

type EntryRow = ChronologyEntryTable & {
  seq: number;
  agency_name: string;
  file_name: string | null;
  content_hash: string | null;
  imported_at: string | null;
};

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
}

function toEntry(row: EntryRow, { tags, duplicates, linked, people }: EntryLinks): ChronologyEntry {
  return {
    id: row.id,
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

/** Tags and open duplicate flags of a review's entries, by entry id. */
function sideTables(database: Database, reviewId: string, onlyIds?: readonly string[]) {
  const restrict = onlyIds && onlyIds.length <= 500;
  const inList = restrict ? ` AND x.entry_id IN (${onlyIds.map(() => '?').join(',')})` : '';
  const params = restrict ? [reviewId, ...onlyIds] : [reviewId];
  const tags = groupBy(
    database
      .prepare(
        `SELECT x.entry_id AS key, x.tag AS value FROM chronology_entry_tag x
         JOIN chronology_entry e ON e.id = x.entry_id WHERE e.review_id = ?${inList} ORDER BY x.tag`,
      )
      .all(...params) as { key: string; value: string }[],
  );
  const people = groupBy(
    database
      .prepare(
        `SELECT x.entry_id AS key, x.person_id AS value FROM chronology_entry_person x
         JOIN chronology_entry e ON e.id = x.entry_id WHERE e.review_id = ?${inList}`,
      )
      .all(...params) as { key: string; value: string }[],
  );
  // Both directions of each pair: a flag is stored once with entry_id < other_id.
  const duplicateParams = restrict ? [reviewId, ...onlyIds, reviewId, ...onlyIds] : [reviewId, reviewId];
  const otherList = restrict ? ` AND x.other_id IN (${onlyIds.map(() => '?').join(',')})` : '';
  const pairs = database
    .prepare(
      `SELECT x.entry_id AS key, x.other_id AS value, x.status FROM chronology_duplicate x
         JOIN chronology_entry e ON e.id = x.entry_id
         WHERE e.review_id = ? AND x.status IN ('flagged', 'linked')${inList}
       UNION ALL
       SELECT x.other_id AS key, x.entry_id AS value, x.status FROM chronology_duplicate x
         JOIN chronology_entry e ON e.id = x.other_id
         WHERE e.review_id = ? AND x.status IN ('flagged', 'linked')${otherList}`,
    )
    .all(...duplicateParams) as { key: string; value: string; status: string }[];
  const duplicates = groupBy(pairs.filter((pair) => pair.status === 'flagged'));
  const linked = groupBy(pairs.filter((pair) => pair.status === 'linked'));
  return { tags, duplicates, linked, people };
}

function linksOf(side: ReturnType<typeof sideTables>, id: string): EntryLinks {
  return {
    tags: side.tags.get(id) ?? [],
    duplicates: side.duplicates.get(id) ?? [],
    linked: side.linked.get(id) ?? [],
    people: side.people.get(id) ?? [],
  };
}

export function getEntry(database: Database, id: string): ChronologyEntry {
  const row = database.prepare(`${ENTRY_SELECT} WHERE e.id = ?`).get(id) as EntryRow | undefined;
  if (!row) throw new CasebookError('not_found', `chronology entry not found: ${id}`);
  return toEntry(row, linksOf(sideTables(database, row.review_id, [id]), id));
}

function requireReview(database: Database, reviewId: string) {
  const review = first(database, query.selectFrom('review').selectAll().where('id', '=', reviewId));
  if (!review) throw new CasebookError('not_found', `review not found: ${reviewId}`);
  return review;
}

/** The integrated chronology, filtered, in order. */
export function listEntries(database: Database, input: ListInput): ChronologyListResult {
  requireReview(database, input.reviewId);
  const { filters } = input;
  const where: string[] = ['e.review_id = ?'];
  const params: unknown[] = [input.reviewId];
  if (filters.agencyIds && filters.agencyIds.length > 0) {
    where.push(`e.agency_id IN (${filters.agencyIds.map(() => '?').join(',')})`);
    params.push(...filters.agencyIds);
  }
  if (filters.personIds && filters.personIds.length > 0) {
    where.push(
      `e.id IN (SELECT entry_id FROM chronology_entry_person WHERE person_id IN (${filters.personIds.map(() => '?').join(',')}))`,
    );
    params.push(...filters.personIds);
  }
  if (filters.tag !== undefined) {
    where.push('e.id IN (SELECT entry_id FROM chronology_entry_tag WHERE tag = ? COLLATE NOCASE)');
    params.push(filters.tag);
  }
  // A fuzzy date is in the window when its range could overlap it; open ends always could.
  if (filters.from !== undefined) {
    where.push('(e.range_end IS NULL OR e.range_end >= ?)');
    params.push(earliestOf(filters.from));
  }
  if (filters.to !== undefined) {
    where.push('(e.range_start IS NULL OR e.range_start <= ?)');
    params.push(latestOf(filters.to));
  }
  if (filters.significantOnly) where.push('e.significant = 1');
  if (filters.episodeId !== undefined) {
    where.push('e.id IN (SELECT entry_id FROM key_practice_episode_entry WHERE episode_id = ?)');
    params.push(filters.episodeId);
  }
  const whereSql = where.join(' AND ');
  const total = (
    database.prepare(`SELECT count(*) AS total FROM chronology_entry e WHERE ${whereSql}`).get(...params) as {
      total: number;
    }
  ).total;
  const rows = database
    .prepare(`${ENTRY_SELECT} WHERE ${whereSql} ORDER BY ${ORDER_BY} LIMIT ? OFFSET ?`)
    .all(...params, input.limit, input.offset) as EntryRow[];
  const side = sideTables(
    database,
    input.reviewId,
    rows.map((row) => row.id),
  );
  return { total, entries: rows.map((row) => toEntry(row, linksOf(side, row.id))) };
}

// ---- writing ------------------------------------------------------------------------

const INSERT_ENTRY = `INSERT INTO chronology_entry (
  id, review_id, agency_id, import_id, source_row, sequence, sequence_number,
  date_text, date_precision, date_qualifier, date_start, date_end, sort_key, range_start, range_end,
  time, end_date, end_time, source, practitioner, child_seen, child_seen_text,
  event, action, significance, significant, created_at, updated_at
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Inserts records with one prepared statement; call inside a write. Returns the new ids in order. */
function insertRecords(
  database: Database,
  reviewId: string,
  importId: string | null,
  records: readonly EntryRecord[],
): string[] {
  const statement = database.prepare(INSERT_ENTRY);
  const now = new Date().toISOString();
  const agencyIds = new Map<string, string>();
  const ids: string[] = new Array(records.length);
  let firstSeq: number | bigint | null = null;
  let lastSeq: number | bigint | null = null;
  for (let index = 0; index < records.length; index += 1) {
    const record = records[index] as EntryRecord;
    const agencyKey = record.agencyName.toLowerCase();
    let agencyId = agencyIds.get(agencyKey);
    if (agencyId === undefined) {
      agencyId = ensureAgency(database, reviewId, record.agencyName).id;
      agencyIds.set(agencyKey, agencyId);
    }
    const fields = entryDateFields(record.date);
    const id = randomUUID();
    ids[index] = id;
    lastSeq = statement.run(
      id,
      reviewId,
      agencyId,
      importId,
      record.row,
      record.sequence,
      sequenceNumber(record.sequence),
      record.date.text,
      record.date.precision,
      record.date.qualifier,
      record.date.start,
      record.date.end,
      fields.sortKey,
      fields.rangeStart,
      fields.rangeEnd,
      record.time,
      record.endDate,
      record.endTime,
      record.source,
      record.practitioner,
      record.childSeen,
      record.childSeenText,
      record.event,
      record.action,
      record.significance,
      record.significant ? 1 : 0,
      now,
      now,
    ).lastInsertRowid;
    firstSeq ??= lastSeq;
  }
  // One pass over the new rows for the full-text index (see migration 0004 for why not a trigger).
  if (firstSeq !== null && lastSeq !== null) {
    database
      .prepare(
        `INSERT INTO chronology_fts (rowid, event, action, significance, source, practitioner)
         SELECT seq, event, action, significance, source, practitioner FROM chronology_entry WHERE seq BETWEEN ? AND ?`,
      )
      .run(firstSeq, lastSeq);
  }
  return ids;
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
}

/**
 * Hook for duplicate detection: flags possible duplicates of the import's new
 * entries in `chronology_duplicate` and returns how many entries were flagged.
 * Runs inside the import's transaction.
 */
export type DuplicateFlagger = (database: Database, reviewId: string, newEntryIds: readonly string[]) => number;

let flagDuplicates: DuplicateFlagger = flagPossibleDuplicates;

/** Duplicate detection registers itself here (one place, so the app, CLI and tests all get it). */
export function setDuplicateFlagger(flagger: DuplicateFlagger): void {
  flagDuplicates = flagger;
}

export function findImportByHash(database: Database, reviewId: string, contentHash: string) {
  return first(
    database,
    query
      .selectFrom('chronology_import')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('content_hash', '=', contentHash)
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
  return vault.writeInSteps(
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
      const ids: string[] = [];
      for (let start = 0; start < input.records.length; start += PROGRESS_EVERY) {
        const step = input.records.slice(start, start + PROGRESS_EVERY);
        for (const id of insertRecords(database, input.reviewId, importId, step)) ids.push(id);
        input.onProgress?.(ids.length);
        await pause();
      }
      saveMapping(database, agency.id, input.mapping, now);
      const possibleDuplicates = flagDuplicates(database, input.reviewId, ids);
      return { importId, imported: ids.length, possibleDuplicates, agencyId: agency.id };
    },
  );
}

function saveMapping(
  database: Database,
  agencyId: string,
  mapping: Partial<Record<ChronologyField, string>>,
  now: string,
): void {
  database
    .prepare(
      `INSERT INTO chronology_mapping (agency_id, mapping, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (agency_id) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
    )
    .run(agencyId, JSON.stringify(mapping), now);
}

export function savedMapping(
  database: Database,
  reviewId: string,
  agencyName: string,
): Partial<Record<ChronologyField, string>> | null {
  const row = database
    .prepare(
      `SELECT m.mapping FROM chronology_mapping m JOIN review_agency a ON a.id = m.agency_id
       WHERE a.review_id = ? AND a.name = ? COLLATE NOCASE`,
    )
    .get(reviewId, agencyName) as { mapping: string } | undefined;
  return row ? (JSON.parse(row.mapping) as Partial<Record<ChronologyField, string>>) : null;
}

export function listImports(database: Database, reviewId: string): ImportRecord[] {
  requireReview(database, reviewId);
  const rows = all(
    database,
    query
      .selectFrom('chronology_import')
      .innerJoin('review_agency', 'review_agency.id', 'chronology_import.agency_id')
      .selectAll('chronology_import')
      .select('review_agency.name as agency_name')
      .where('chronology_import.review_id', '=', reviewId)
      .orderBy('chronology_import.imported_at'),
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
  }));
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
  database.prepare('DELETE FROM chronology_entry_tag WHERE entry_id = ?').run(entryId);
  const insert = database.prepare('INSERT OR IGNORE INTO chronology_entry_tag (entry_id, tag) VALUES (?, ?)');
  for (const tag of tags) insert.run(entryId, tag);
}

/** Links an entry to people of its own review; a person from another review is refused. */
function replacePeople(database: Database, reviewId: string, entryId: string, personIds: readonly string[]): void {
  database.prepare('DELETE FROM chronology_entry_person WHERE entry_id = ?').run(entryId);
  const insert = database.prepare(
    `INSERT INTO chronology_entry_person (entry_id, person_id)
     SELECT ?, id FROM person WHERE id = ? AND review_id = ?`,
  );
  for (const personId of personIds) {
    if (insert.run(entryId, personId, reviewId).changes === 0) {
      throw new CasebookError('invalid_payload', `person ${personId} is not in this review`);
    }
  }
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
      const [entryId] = insertRecords(vault.database, input.reviewId, null, [record]);
      replaceTags(vault.database, entryId as string, input.tags);
      replacePeople(vault.database, input.reviewId, entryId as string, input.personIds);
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
    if (changed.includes('personIds')) replacePeople(database, before.reviewId, id, next.personIds);
  });
  return { entry: getEntry(database, id), previous };
}

export function deleteEntry(vault: VaultWriter, id: string): ChronologyEntry {
  const entry = getEntry(vault.database, id);
  vault.write(
    { entity: 'chronology_entry', entityId: id, action: 'deleted', detail: { reviewId: entry.reviewId } },
    () => {
      requireOpenReview(vault.database, entry.reviewId);
      run(vault.database, query.deleteFrom('chronology_entry').where('id', '=', id));
    },
  );
  return entry;
}

// ---- timeline -------------------------------------------------------------------------

/** Compact data for drawing every entry: ranges in UTC ms, in the integrated order. */
export function timelineData(database: Database, reviewId: string): TimelineData {
  const review = requireReview(database, reviewId);
  const agencies = listAgencies(database, reviewId);
  const index = new Map(agencies.map((agency, at) => [agency.id, at]));
  const rows = database
    .prepare(
      `SELECT e.id, e.agency_id, e.range_start, e.range_end, e.date_precision, e.date_qualifier, e.significant,
         substr(e.event, 1, 80) AS label, e.date_start, e.date_end, e.date_text
       FROM chronology_entry e JOIN review_agency a ON a.id = e.agency_id
       WHERE e.review_id = ? ORDER BY ${ORDER_BY}`,
    )
    .raw()
    .all(reviewId) as [
    string,
    string,
    string | null,
    string | null,
    DatePrecision,
    DateQualifier,
    number,
    string,
    string,
    string | null,
    string,
  ][];
  const items = rows.map((row) => {
    const [id, agencyId, rangeStart, rangeEnd, precision, qualifier, significant, label, start, end, text] = row;
    const { startMs, endMs } = spanMsOf({ earliest: rangeStart, latest: rangeEnd });
    return {
      id,
      agencyIndex: index.get(agencyId) ?? 0,
      startMs,
      endMs,
      precision,
      qualifier,
      significant: significant === 1,
      dateDisplay: formatFuzzyDate({ precision, qualifier, start, end, text }),
      label,
    };
  });
  return { agencies, scope: { from: review.scope_from, to: review.scope_to }, items };
}
