import { createHash, randomUUID } from 'node:crypto';
import { type EntryRecord, entryDate, findImportByHash, savedMapping, writeImport } from '../../db/chronology.js';
import type { Database } from '../../db/query.js';
import { requireOpenReview } from '../../db/reviews.js';
import type { VaultWriter } from '../../db/vault.js';
import type {
  EntryDraft,
  ImportCommitResult,
  ImportMode,
  ImportPreviewResult,
} from '../../shared/api/channels/chronology.js';
import { CasebookError } from '../../shared/api/errors.js';
import { readEndDate, readTime, withTime } from '../../shared/chronology/entry.js';
import {
  CHRONOLOGY_IMPORT_FIELDS,
  CHRONOLOGY_KNOWN_HEADERS,
  type ChronologyField,
  parseChildSeen,
} from '../../shared/chronology/fields.js';
import { formatIsoUk, outsidePeriod, parseFuzzyDate } from '../../shared/dates/fuzzy-date.js';
import { type MatchedBy, mappingToSave, matchColumns } from '../../shared/import/columns.js';
import { buildPreview, type ImportPreview, type RowProblems, rejectedRows } from '../../shared/import/problems.js';
import { type CellValue, readTable, type Table, type TableRow } from './import/read-table.js';

/**
 * Agency chronology import, Electron-free (the app, the web host and the CLI use
 * it): read the file, match its columns, check every row, then write all valid
 * rows (or none) in one transaction.
 *
 * Previews live in memory only, never on disk: at most MAX_PREVIEWS, dropped on
 * commit, discard, or when the vault locks (`clear()`).
 */

const MAX_PREVIEWS = 4;
const SAMPLE_ROWS = 20;

type Mapping = Partial<Record<ChronologyField, number>>;
type MappingInput = Partial<Record<ChronologyField, number | null>>;

interface PreviewState {
  id: string;
  reviewId: string;
  agencyName: string;
  fileName: string;
  bytes: Uint8Array;
  contentHash: string;
  table: Table;
  mapping: Mapping;
  matchedBy: Partial<Record<ChronologyField, MatchedBy | 'chosen'>>;
  missingRequired: string[];
  unmatchedHeaders: string[];
  checked: ImportPreview<EntryRecord>;
}

export interface PreviewFileInput {
  reviewId: string;
  agency: string;
  fileName: string;
  bytes: Uint8Array;
  sheet?: string | undefined;
  mapping?: MappingInput | undefined;
}

export interface CommitInput {
  previewId: string;
  mapping?: MappingInput | undefined;
  mode: ImportMode;
  confirmReimport: boolean;
}

const text = (cell: CellValue | undefined): string | null => {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return formatIsoUk(cell.toISOString().slice(0, 10));
  const value = String(cell).trim();
  return value === '' ? null : value;
};

/** Checks every row against the mapping: errors (no date, unreadable date or time, no event) and warnings (outside the scope). */
export function checkRows(
  table: Table,
  mapping: Mapping,
  agencyName: string,
  scope: { from: string | null; to: string | null },
): ImportPreview<EntryRecord> {
  const columnName = (field: ChronologyField): string => {
    const index = mapping[field];
    const header = index === undefined ? '' : (table.headers[index] ?? '');
    return header !== '' ? header : (CHRONOLOGY_IMPORT_FIELDS.find((f) => f.field === field)?.label ?? field);
  };
  const names = {} as Record<ChronologyField, string>;
  for (const field of CHRONOLOGY_IMPORT_FIELDS) names[field.field] = columnName(field.field);
  const at = (field: ChronologyField): number => mapping[field] ?? -1;
  const columns = {
    date: at('date'),
    time: at('time'),
    endDate: at('endDate'),
    endTime: at('endTime'),
    sequence: at('sequence'),
    agency: at('agency'),
    source: at('source'),
    practitioner: at('practitioner'),
    childSeen: at('childSeen'),
    event: at('event'),
    action: at('action'),
    significance: at('significance'),
  };
  const cell = (row: TableRow, column: number): CellValue => (column < 0 ? null : (row.cells[column] ?? null));

  return buildPreview(table.rows, (row: TableRow, problems: RowProblems): EntryRecord | undefined => {
    const parsed = parseFuzzyDate(cell(row, columns.date));
    if (!parsed.ok) problems.error(names.date, parsed.reason);
    const time = readTime(cell(row, columns.time));
    if (!time.ok) problems.error(names.time, time.reason);
    const endDate = readEndDate(cell(row, columns.endDate));
    if (!endDate.ok) problems.error(names.endDate, endDate.reason);
    const endTime = readTime(cell(row, columns.endTime));
    if (!endTime.ok) problems.error(names.endTime, endTime.reason);
    const event = text(cell(row, columns.event));
    if (event === null) problems.error(names.event, 'event text is empty');
    if (!parsed.ok || !time.ok || !endDate.ok || !endTime.ok || event === null) return undefined;

    const date = withTime(parsed.date, time.time);
    const outside = outsidePeriod(date, scope.from, scope.to);
    if (outside !== null) {
      const edge = outside === 'before' ? scope.from : scope.to;
      problems.warning(
        names.date,
        `${date.text} is ${outside} the review's scope period (${outside === 'before' ? 'starts' : 'ends'} ${formatIsoUk(edge ?? '')})`,
      );
    }
    const childSeenText = text(cell(row, columns.childSeen));
    const childSeen = childSeenText === null ? null : parseChildSeen(childSeenText);
    return {
      row: row.rowNumber,
      agencyName: text(cell(row, columns.agency)) ?? agencyName,
      date,
      time: time.time,
      endDate: endDate.iso,
      endTime: endTime.time,
      sequence: text(cell(row, columns.sequence)),
      source: text(cell(row, columns.source)),
      practitioner: text(cell(row, columns.practitioner)),
      childSeen,
      childSeenText: childSeen === null ? childSeenText : null,
      event,
      action: text(cell(row, columns.action)),
      significance: text(cell(row, columns.significance)),
      significant: false,
    };
  });
}

function toDraft(record: EntryRecord): EntryDraft {
  return {
    row: record.row ?? 0,
    agencyName: record.agencyName,
    date: entryDate(record.date),
    sequence: record.sequence,
    time: record.time,
    endDate: record.endDate,
    endTime: record.endTime,
    source: record.source,
    practitioner: record.practitioner,
    childSeen: record.childSeen,
    childSeenText: record.childSeenText,
    event: record.event,
    action: record.action,
    significance: record.significance,
  };
}

/** A reviewer's mapping: indexes must exist, and one column serves one field. */
function chosenMapping(table: Table, input: MappingInput): Mapping {
  const mapping: Mapping = {};
  const used = new Map<number, ChronologyField>();
  for (const [field, index] of Object.entries(input) as [ChronologyField, number | null | undefined][]) {
    if (index === null || index === undefined) continue;
    if (index >= table.headers.length) {
      throw new CasebookError(
        'invalid_payload',
        `column ${index + 1} does not exist: the file has ${table.headers.length}`,
      );
    }
    const other = used.get(index);
    if (other !== undefined) {
      throw new CasebookError('invalid_payload', `one column cannot be both ${other} and ${field}`);
    }
    used.set(index, field);
    mapping[field] = index;
  }
  return mapping;
}

export class ChronologyImports {
  private readonly previews = new Map<string, PreviewState>();

  /** Drops every preview: call when the vault locks. */
  clear(): void {
    this.previews.clear();
  }

  discard(previewId: string): boolean {
    return this.previews.delete(previewId);
  }

  async preview(database: Database, input: PreviewFileInput): Promise<ImportPreviewResult> {
    requireOpenReview(database, input.reviewId);
    const table = await readTable(
      { fileName: input.fileName, bytes: input.bytes },
      { ...(input.sheet !== undefined ? { sheet: input.sheet } : {}), knownHeaders: [...CHRONOLOGY_KNOWN_HEADERS] },
    );
    const state: PreviewState = {
      id: randomUUID(),
      reviewId: input.reviewId,
      agencyName: input.agency,
      fileName: input.fileName,
      bytes: input.bytes,
      contentHash: createHash('sha256').update(input.bytes).digest('hex'),
      table,
      mapping: {},
      matchedBy: {},
      missingRequired: [],
      unmatchedHeaders: [],
      checked: { valid: [], problems: [], counts: { rows: 0, valid: 0, rejected: 0, withWarnings: 0 } },
    };
    this.remap(database, state, input.mapping);
    this.previews.set(state.id, state);
    while (this.previews.size > MAX_PREVIEWS) {
      const oldest = this.previews.keys().next().value;
      if (oldest === undefined) break;
      this.previews.delete(oldest);
    }
    return this.result(database, state);
  }

  /** A different sheet or mapping, without the file being sent again. */
  async update(
    database: Database,
    input: { previewId: string; sheet?: string | undefined; mapping?: MappingInput | undefined },
  ): Promise<ImportPreviewResult> {
    const state = this.state(input.previewId);
    if (input.sheet !== undefined && input.sheet !== state.table.sheet) {
      state.table = await readTable(
        { fileName: state.fileName, bytes: state.bytes },
        { sheet: input.sheet, knownHeaders: [...CHRONOLOGY_KNOWN_HEADERS] },
      );
      // Column indexes of another sheet mean nothing here: match again unless a mapping was given.
      this.remap(database, state, input.mapping);
    } else {
      this.remap(database, state, input.mapping ?? (state.mapping as MappingInput), input.mapping === undefined);
    }
    return this.result(database, state);
  }

  async commit(
    vault: VaultWriter,
    input: CommitInput,
    onProgress?: (done: number, total: number) => void,
  ): Promise<ImportCommitResult> {
    const state = this.state(input.previewId);
    const { database } = vault;
    if (input.mapping !== undefined) this.remap(database, state, input.mapping);
    else this.recheck(database, state);
    if (state.missingRequired.length > 0) {
      throw new CasebookError(
        'invalid_payload',
        `Choose the column for ${state.missingRequired.join(' and ')} before importing.`,
      );
    }
    const rejected = rejectedRows(state.checked);
    const warnings = state.checked.counts.withWarnings;
    if (rejected.length > 0 && input.mode === 'all-or-nothing') {
      return { importId: null, imported: 0, rejected, warnings, possibleDuplicates: 0 };
    }
    const earlier = findImportByHash(database, state.reviewId, state.contentHash);
    if (earlier && !input.confirmReimport) {
      throw new CasebookError(
        'conflict',
        `This file was already imported into this review (as '${earlier.file_name}', ${earlier.rows_imported} entries, on ${formatIsoUk(earlier.imported_at.slice(0, 10))}). Confirm to import it again.`,
      );
    }
    const records = state.checked.valid.map((row) => row.value);
    const total = records.length;
    const written = await writeImport(vault, {
      reviewId: state.reviewId,
      agencyName: state.agencyName,
      fileName: state.fileName,
      contentHash: state.contentHash,
      sheet: state.table.sheet,
      mode: input.mode,
      records,
      rowsRejected: state.checked.counts.rejected,
      mapping: mappingToSave(state.table.headers, state.mapping),
      ...(onProgress ? { onProgress: (done: number) => onProgress(done, total) } : {}),
    });
    onProgress?.(total, total);
    this.previews.delete(state.id);
    return {
      importId: written.importId,
      imported: written.imported,
      rejected,
      warnings,
      possibleDuplicates: written.possibleDuplicates,
    };
  }

  private state(previewId: string): PreviewState {
    const state = this.previews.get(previewId);
    if (!state) {
      throw new CasebookError(
        'not_found',
        'This import preview has expired (the vault was locked or newer files were previewed): choose the file again.',
      );
    }
    return state;
  }

  /** Sets the mapping (the reviewer's, else the agency's saved one, else synonyms) and checks every row. */
  private remap(
    database: Database,
    state: PreviewState,
    chosen: MappingInput | undefined,
    keepMatchedBy = false,
  ): void {
    if (chosen !== undefined) {
      const mapping = chosenMapping(state.table, chosen);
      const matchedBy: PreviewState['matchedBy'] = {};
      for (const field of Object.keys(mapping) as ChronologyField[]) {
        matchedBy[field] = keepMatchedBy ? (state.matchedBy[field] ?? 'chosen') : 'chosen';
      }
      state.mapping = mapping;
      state.matchedBy = matchedBy;
      const used = new Set(Object.values(mapping));
      state.unmatchedHeaders = state.table.headers.filter((header, index) => !used.has(index) && header !== '');
      state.missingRequired = CHRONOLOGY_IMPORT_FIELDS.filter(
        (field) => field.required && mapping[field.field] === undefined,
      ).map((field) => field.label);
    } else {
      const match = matchColumns(
        state.table.headers,
        CHRONOLOGY_IMPORT_FIELDS,
        savedMapping(database, state.reviewId, state.agencyName) ?? {},
      );
      state.mapping = match.mapping;
      state.matchedBy = match.matchedBy;
      state.missingRequired = match.missingRequired;
      state.unmatchedHeaders = match.unmatchedHeaders;
    }
    this.recheck(database, state);
  }

  private recheck(database: Database, state: PreviewState): void {
    const review = requireOpenReview(database, state.reviewId);
    state.checked =
      state.missingRequired.length > 0
        ? { valid: [], problems: [], counts: { rows: state.table.rows.length, valid: 0, rejected: 0, withWarnings: 0 } }
        : checkRows(state.table, state.mapping, state.agencyName, { from: review.scope_from, to: review.scope_to });
  }

  private result(database: Database, state: PreviewState): ImportPreviewResult {
    const review = requireOpenReview(database, state.reviewId);
    const agency = database
      .prepare('SELECT id, name FROM review_agency WHERE review_id = ? AND name = ? COLLATE NOCASE')
      .get(state.reviewId, state.agencyName) as { id: string; name: string } | undefined;
    const earlier = findImportByHash(database, state.reviewId, state.contentHash);
    return {
      previewId: state.id,
      fileName: state.fileName,
      format: state.table.format,
      sheets: state.table.sheets,
      sheet: state.table.sheet,
      headerRowNumber: state.table.headerRowNumber,
      headers: state.table.headers,
      fields: CHRONOLOGY_IMPORT_FIELDS.map(({ field, label, required }) => ({ field, label, required })),
      mapping: state.mapping,
      matchedBy: state.matchedBy,
      missingRequired: state.missingRequired,
      unmatchedHeaders: state.unmatchedHeaders,
      agency: agency ?? { id: null, name: state.agencyName },
      scope: { from: review.scope_from, to: review.scope_to },
      counts: state.checked.counts,
      problems: state.checked.problems,
      sampleRows: state.checked.valid.slice(0, SAMPLE_ROWS).map((row) => toDraft(row.value)),
      alreadyImported: earlier
        ? {
            importId: earlier.id,
            fileName: earlier.file_name,
            importedAt: earlier.imported_at,
            entries: earlier.rows_imported,
          }
        : null,
    };
  }
}
