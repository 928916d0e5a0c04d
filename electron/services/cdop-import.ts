import { randomUUID } from 'node:crypto';
import type { CdopWriter } from '../../db/cdop-cases.js';
import { all, type Database, query, run } from '../../db/query.js';
import type { CdopCaseInsert } from '../../db/schema/cdop.js';
import { CasebookError } from '../../shared/api/errors.js';
import type { Expectedness, ModifiableOutcome, Sex } from '../../shared/cdop/case.js';
import { type CaseDateField, caseDateProblems } from '../../shared/cdop/dates.js';
import { CATEGORIES_OF_DEATH, DEFAULT_FORM_VERSION } from '../../shared/cdop/forms/index.js';
import { CDOP_IMPORT_FIELDS, type CdopImportField } from '../../shared/cdop/import-fields.js';
import { formatIsoDate, isIsoDate } from '../../shared/dates/iso-date.js';
import { parseUkDate } from '../../shared/dates/uk-date.js';
import { type ColumnMatch, matchColumns, normaliseHeader } from '../../shared/import/columns.js';
import { buildPreview, type ImportPreview, type RowProblems, rejectedRows } from '../../shared/import/problems.js';
import type { CellValue, Table } from './import/read-table.js';

/**
 * Historical CDOP cases from a spreadsheet: a preview with row-level problems,
 * then all rows or none (unless the reviewer chooses to skip the rejected ones).
 * A case with a review completion date is imported as reviewed, one without as
 * notified. Dates are UK dates (day first) or ISO; Excel date cells as shown.
 */

export type CdopImportRow = Omit<CdopCaseInsert, 'id' | 'created_at' | 'updated_at'>;

const text = (cell: CellValue | undefined): string =>
  cell === null || cell === undefined ? '' : cell instanceof Date ? '' : String(cell).trim();

function dateCell(
  cell: CellValue | undefined,
  column: string,
  problems: RowProblems,
  required: boolean,
): string | null {
  if (cell instanceof Date) {
    // An Excel date cell's UTC fields are the date Excel shows.
    return cell.toISOString().slice(0, 10);
  }
  const written = text(cell);
  if (written === '') {
    if (required) problems.error(column, 'date missing');
    return null;
  }
  if (typeof cell === 'number') {
    problems.error(column, `${written} is not a date: format the column as dates or write dd/mm/yyyy`);
    return null;
  }
  const parsed = parseUkDate(written);
  if (!parsed.ok) {
    problems.error(column, parsed.reason);
    return null;
  }
  const iso = formatIsoDate(parsed.date);
  if (!isIsoDate(iso)) {
    problems.error(column, `${written} is outside the dates Casebook accepts (1900 onwards)`);
    return null;
  }
  return iso;
}

/** The import column of each date a case date problem is about. */
const DATE_COLUMN: Record<CaseDateField, CdopImportField> = {
  dateOfDeath: 'date_of_death',
  dateNotified: 'date_notified',
  dateReviewCompleted: 'date_review_completed',
};

const SEX_WORDS: Record<string, Sex> = {
  male: 'male',
  m: 'male',
  boy: 'male',
  female: 'female',
  f: 'female',
  girl: 'female',
  indeterminate: 'indeterminate',
  'not known': 'not_known',
  unknown: 'not_known',
  'not stated': 'not_known',
};

const EXPECTED_WORDS: Record<string, Expectedness> = { expected: 'expected', unexpected: 'unexpected' };

const MODIFIABLE_WORDS: Record<string, ModifiableOutcome> = {
  identified: 'identified',
  'modifiable factors identified': 'identified',
  yes: 'identified',
  preventable: 'identified',
  none: 'none',
  'no modifiable factors identified': 'none',
  no: 'none',
  'not preventable': 'none',
  insufficient: 'insufficient',
  'insufficient information': 'insufficient',
};

function category(written: string): number | null {
  if (/^\d{1,2}$/.test(written)) {
    const n = Number(written);
    return n >= 1 && n <= 10 ? n : null;
  }
  const wanted = normaliseHeader(written.replace(/^\d{1,2}\s*[-.:)]\s*/, ''));
  return CATEGORIES_OF_DEATH.find((c) => normaliseHeader(c.label) === wanted)?.number ?? null;
}

export function existingReferences(database: Database): Set<string> {
  return new Set(all(database, query.selectFrom('cdop_case').select('reference')).map((row) => row.reference));
}

/** Every header name a CDOP import knows: lets readTable find the header row below a title. */
export const CDOP_KNOWN_HEADERS = CDOP_IMPORT_FIELDS.flatMap((field) => [field.label, ...field.synonyms]);

export function matchCdopColumns(table: Table): ColumnMatch<CdopImportField> {
  return matchColumns(table.headers, CDOP_IMPORT_FIELDS);
}

/** Maps the headers, then checks every row. Throws when a required column is missing (no row can be read). */
export function previewCdopImport(table: Table, taken: ReadonlySet<string>): ImportPreview<CdopImportRow> {
  const match = matchCdopColumns(table);
  if (match.missingRequired.length > 0) {
    throw new CasebookError(
      'invalid_payload',
      `the file has no column for ${match.missingRequired.join(', ')} (headers found: ${table.headers.filter(Boolean).join(', ')})`,
    );
  }
  return checkCdopRows(table, match, taken);
}

/** Checks every row against a column match that has every required column. */
export function checkCdopRows(
  table: Table,
  match: ColumnMatch<CdopImportField>,
  taken: ReadonlySet<string>,
): ImportPreview<CdopImportRow> {
  const columnName = (field: CdopImportField): string => {
    const index = match.mapping[field];
    return (index === undefined ? undefined : table.headers[index]) || field;
  };
  const seen = new Set<string>();
  return buildPreview(table.rows, (row, problems) => {
    const cell = (field: CdopImportField): CellValue | undefined => {
      const index = match.mapping[field];
      return index === undefined ? undefined : row.cells[index];
    };
    const word = (field: CdopImportField) => normaliseHeader(text(cell(field)));

    const reference = text(cell('reference'));
    if (reference === '') problems.error(columnName('reference'), 'reference missing');
    else if (reference.length > 50) problems.error(columnName('reference'), 'reference longer than 50 characters');
    else if (taken.has(reference)) problems.error(columnName('reference'), `${reference} is already in this vault`);
    else if (seen.has(reference)) problems.error(columnName('reference'), `${reference} appears twice in the file`);
    seen.add(reference);

    const dateOfBirth = dateCell(cell('date_of_birth'), columnName('date_of_birth'), problems, true);
    const dateOfDeath = dateCell(cell('date_of_death'), columnName('date_of_death'), problems, true);
    const dateNotified = dateCell(cell('date_notified'), columnName('date_notified'), problems, true);
    const dateReviewCompleted = dateCell(
      cell('date_review_completed'),
      columnName('date_review_completed'),
      problems,
      false,
    );

    const sex = SEX_WORDS[word('sex')];
    if (!sex)
      problems.error(
        columnName('sex'),
        `${text(cell('sex')) || 'blank'} is not a sex Casebook records (male, female, indeterminate, not known)`,
      );

    const expectedWritten = word('expected');
    const expected = expectedWritten === '' ? null : EXPECTED_WORDS[expectedWritten];
    if (expected === undefined)
      problems.error(columnName('expected'), `${text(cell('expected'))} is not expected or unexpected`);

    const categoryWritten = text(cell('category'));
    const categoryNumber = categoryWritten === '' ? null : category(categoryWritten);
    if (categoryWritten !== '' && categoryNumber === null) {
      problems.error(columnName('category'), `${categoryWritten} is not a category of death (1-10 or its label)`);
    }
    const modifiableWritten = word('modifiable');
    const modifiable = modifiableWritten === '' ? null : MODIFIABLE_WORDS[modifiableWritten];
    if (modifiable === undefined) {
      problems.error(columnName('modifiable'), `${text(cell('modifiable'))} is not identified, none or insufficient`);
    }

    const dates = { dateOfBirth, dateOfDeath, dateNotified, dateReviewCompleted };
    for (const { field, message } of caseDateProblems(dates)) problems.error(columnName(DATE_COLUMN[field]), message);
    if (dateReviewCompleted && (categoryNumber === null || modifiable === null)) {
      problems.warning(columnName('date_review_completed'), 'reviewed without a category or modifiable outcome');
    }
    if (!dateReviewCompleted && (categoryNumber !== null || modifiable)) {
      problems.warning(columnName('date_review_completed'), 'no review completion date: counted as not yet reviewed');
    }

    if (!dateOfBirth || !dateOfDeath || !dateNotified || !sex || expected === undefined || modifiable === undefined) {
      return undefined;
    }
    return {
      reference,
      child_name: text(cell('child_name')).slice(0, 200),
      nhs_number: null,
      date_of_birth: dateOfBirth,
      sex,
      ethnicity: text(cell('ethnicity')).slice(0, 100) || null,
      date_of_death: dateOfDeath,
      time_of_death: null,
      place_of_death: null,
      home_postcode: null,
      expected,
      joint_agency_response: null,
      post_mortem: null,
      circumstances: null,
      form_version: DEFAULT_FORM_VERSION,
      status: dateReviewCompleted ? 'reviewed' : 'notified',
      category: categoryNumber,
      modifiable,
      referred_for_review: 0,
      referred_on: null,
      linked_review_id: null,
      date_notified: dateNotified,
      date_review_completed: dateReviewCompleted,
    };
  });
}

/** Saves the preview's valid rows in one audited write (the audit row holds the count, never names). */
export function importCdopCases(vault: CdopWriter, rows: readonly CdopImportRow[], now: Date = new Date()): number {
  if (rows.length === 0) return 0;
  const at = now.toISOString();
  vault.write({ entity: 'cdop_case', action: 'imported', detail: { count: rows.length } }, () => {
    for (const row of rows) {
      run(
        vault.database,
        query.insertInto('cdop_case').values({ ...row, id: randomUUID(), created_at: at, updated_at: at }),
      );
    }
  });
  return rows.length;
}

export type CdopImportMode = 'all-or-nothing' | 'skip-invalid';

/**
 * The one commit rule, for the CLI and the channels: all rows or none (one rejected
 * row stops the import) unless the reviewer chose to skip the rejected rows.
 */
export function commitCdopImport(
  vault: CdopWriter,
  preview: ImportPreview<CdopImportRow>,
  mode: CdopImportMode,
): { imported: number; rejected: { row: number; column: string; reason: string }[] } {
  const rejected = rejectedRows(preview);
  const imported =
    rejected.length === 0 || mode === 'skip-invalid'
      ? importCdopCases(
          vault,
          preview.valid.map((row) => row.value),
        )
      : 0;
  return { imported, rejected };
}

// ---- previews held for the import screen ---------------------------------------------

export interface HeldCdopPreview {
  id: string;
  fileName: string;
  table: Table;
}

/**
 * Parsed tables waiting for the reviewer's decision, in main-process memory only
 * (never on disk): the file is sent once, and commit checks the rows again against
 * the vault as it is then. Newest last; the oldest goes when more than `limit` are held.
 */
export class CdopPreviewStore {
  private readonly held = new Map<string, HeldCdopPreview>();

  constructor(private readonly limit = 4) {}

  add(fileName: string, table: Table): HeldCdopPreview {
    const preview = { id: randomUUID(), fileName, table };
    this.held.set(preview.id, preview);
    while (this.held.size > this.limit) {
      const oldest = this.held.keys().next().value;
      if (oldest === undefined) break;
      this.held.delete(oldest);
    }
    return preview;
  }

  get(id: string): HeldCdopPreview {
    const preview = this.held.get(id);
    if (!preview) {
      throw new CasebookError(
        'not_found',
        'That import preview has gone (the vault locked, or it was replaced): choose the file again',
      );
    }
    return preview;
  }

  discard(id: string): boolean {
    return this.held.delete(id);
  }

  clear(): void {
    this.held.clear();
  }
}
