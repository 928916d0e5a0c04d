import { formatIsoUk } from '../dates/fuzzy-date.js';
import { type ImportField, type MatchedBy, matchColumns } from './columns.js';
import { formatCount, IMPORT_LIMITS } from './limits.js';
import { buildPreview, type ImportPreview, type RowProblems } from './problems.js';
import type { CellValue, Table, TableRow } from './table.js';

/**
 * An import kind: what a spreadsheet of one sort of record (agency chronology
 * entries, historical CDOP cases, later action plans or audit results) means.
 *
 * The split: a kind's *pure* part lives here in shared/ (no Node, so the
 * renderer's wizard shows the same fields): its fields with their header
 * synonyms and its row check. Writing the rows touches the vault, so the kind's
 * commit writer is bound to it in the services
 * (electron/services/import/<kind>.ts), next to the one engine that reads files,
 * holds previews and commits. A new kind adds a file here and a binding there;
 * the channels, CLI helper and wizard take it as they are.
 *
 * The rules every kind shares are written once, below: a required column with no
 * header means no row can be read (the preview is empty and commit is refused);
 * a cell longer than a typed entry may be is a row problem; a reviewer's mapping
 * is checked (columns exist, one column per field).
 */

export interface ImportKind<Field extends string, Value, Context> {
  /** Names the kind's channels (`<name>.previewImport`) and CLI command (`casebook <name> import`). */
  readonly name: string;
  /** What one imported row becomes, for messages: `{ one: 'entry', many: 'entries' }`. */
  readonly rows: { one: string; many: string };
  readonly fields: readonly ImportField<Field>[];
  /**
   * A row checker for one pass over a file. `context` is what the vault says at
   * that moment (the review's scope, the references already taken); the checker
   * may keep state across rows (a reference seen twice in the file).
   */
  checker(context: Context): (row: ImportRow<Field>, problems: RowProblems) => Value | undefined;
}

/** One row as a kind's check sees it: by field, never by column number. */
export interface ImportRow<Field extends string> {
  rowNumber: number;
  cell(field: Field): CellValue;
  /** The cell as trimmed text; null when blank (an Excel date cell as dd/mm/yyyy). */
  text(field: Field): string | null;
  /** The column's header as the file has it (or the field's label), for problems. */
  column(field: Field): string;
}

/** Field -> index into the headers; unmapped fields are absent. */
export type ColumnMapping<Field extends string> = Partial<Record<Field, number>>;
/** A reviewer's choice: null (or absent) leaves a field unmapped. */
export type MappingChoice<Field extends string> = Partial<Record<Field, number | null>>;

export interface ResolvedMapping<Field extends string> {
  mapping: ColumnMapping<Field>;
  matchedBy: Partial<Record<Field, MatchedBy | 'chosen'>>;
  /** Labels of required fields with no column. */
  missingRequired: string[];
  unmatchedHeaders: string[];
}

/** Every header text a kind knows, so the header row is found even below a title row. */
export function knownHeaders(kind: { fields: readonly ImportField[] }): string[] {
  return kind.fields.flatMap((field) => [field.label, ...field.synonyms]);
}

/** Why a reviewer's mapping cannot be used, or null. */
export function mappingProblem<Field extends string>(
  kind: { fields: readonly ImportField<Field>[] },
  headers: readonly string[],
  choice: MappingChoice<Field>,
): string | null {
  const used = new Map<number, string>();
  for (const field of kind.fields) {
    const index = choice[field.field];
    if (index === null || index === undefined) continue;
    if (index >= headers.length) return `column ${index + 1} does not exist: the file has ${headers.length}`;
    const other = used.get(index);
    if (other !== undefined) return `one column cannot be both ${other} and ${field.label}`;
    used.set(index, field.label);
  }
  return null;
}

/**
 * The mapping to use: the reviewer's choice when given (already checked with
 * `mappingProblem`), else the saved mapping and the header synonyms.
 */
export function resolveMapping<Field extends string>(
  kind: { fields: readonly ImportField<Field>[] },
  headers: readonly string[],
  choice: MappingChoice<Field> | undefined,
  saved: Partial<Record<Field, string>> | null,
  earlier?: Pick<ResolvedMapping<Field>, 'mapping' | 'matchedBy'>,
): ResolvedMapping<Field> {
  if (choice === undefined) return matchColumns(headers, kind.fields, saved ?? {});
  const mapping: ColumnMapping<Field> = {};
  const matchedBy: ResolvedMapping<Field>['matchedBy'] = {};
  for (const field of kind.fields) {
    const index = choice[field.field];
    if (index === null || index === undefined) continue;
    mapping[field.field] = index;
    // A column left as it was keeps how it was found, so the screen still says so.
    const kept = earlier?.mapping[field.field] === index ? earlier.matchedBy[field.field] : undefined;
    matchedBy[field.field] = kept ?? 'chosen';
  }
  const used = new Set<number>(Object.values(mapping));
  return {
    mapping,
    matchedBy,
    missingRequired: kind.fields.filter((f) => f.required && mapping[f.field] === undefined).map((f) => f.label),
    unmatchedHeaders: headers.filter((header, index) => !used.has(index) && header.trim() !== ''),
  };
}

const tooLong = (length: number): string =>
  `longer than ${formatCount(IMPORT_LIMITS.cellCharacters)} characters (${formatCount(length)}): shorten the text and try again`;

/**
 * Checks every row of the table with the kind's checker. When a required column
 * has no header the result is empty: no row can be read until it is chosen.
 */
export function checkTable<Field extends string, Value, Context>(
  kind: ImportKind<Field, Value, Context>,
  table: Table,
  resolved: ResolvedMapping<Field>,
  context: Context,
): ImportPreview<Value> {
  if (resolved.missingRequired.length > 0) {
    return { valid: [], problems: [], counts: { rows: table.rows.length, valid: 0, rejected: 0, withWarnings: 0 } };
  }
  const { mapping } = resolved;
  const label = new Map(kind.fields.map((field) => [field.field, field.label]));
  const column = (field: Field): string => {
    const index = mapping[field];
    const header = index === undefined ? '' : (table.headers[index] ?? '');
    return header !== '' ? header : (label.get(field) ?? field);
  };
  const mapped = kind.fields.filter((field) => mapping[field.field] !== undefined).map((field) => field.field);
  const check = kind.checker(context);
  return buildPreview(table.rows, (row: TableRow, problems: RowProblems) => {
    const cell = (field: Field): CellValue => {
      const index = mapping[field];
      return index === undefined ? null : (row.cells[index] ?? null);
    };
    let longCells = 0;
    for (const field of mapped) {
      const value = cell(field);
      if (typeof value === 'string' && value.length > IMPORT_LIMITS.cellCharacters) {
        problems.error(column(field), tooLong(value.length));
        longCells += 1;
      }
    }
    if (longCells > 0) return undefined;
    return check(
      {
        rowNumber: row.rowNumber,
        cell,
        text: (field) => cellText(cell(field)),
        column,
      },
      problems,
    );
  });
}

/** A cell as trimmed text, null when blank; an Excel date cell as the UK date it shows. */
export function cellText(cell: CellValue): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return formatIsoUk(cell.toISOString().slice(0, 10));
  const value = String(cell).trim();
  return value === '' ? null : value;
}

// ---- the messages every kind and every shell share ------------------------------------

/** A required column has no header: the same words in the app, the web host and the CLI. */
export function missingColumnsMessage(
  fileName: string,
  missing: readonly string[],
  headers: readonly string[],
): string {
  const found = headers.filter((header) => header !== '');
  const fields = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}` : missing.join('');
  return `'${fileName}' has no column for ${fields} (its headers: ${found.join(', ') || 'none'}): choose the columns on the import screen, or rename them in the file`;
}

export interface EarlierImport {
  fileName: string;
  importedAt: string;
  rows: number;
}

/**
 * The same file was imported before. `howToConfirm` is the one part that differs
 * by shell: the CLI names its flag, the app its button.
 */
export function alreadyImportedMessage(
  kind: { rows: { one: string; many: string } },
  earlier: EarlierImport,
  howToConfirm: string,
): string {
  const noun = earlier.rows === 1 ? kind.rows.one : kind.rows.many;
  return `This file was already imported into this review (as '${earlier.fileName}', ${formatCount(earlier.rows)} ${noun}, on ${formatIsoUk(earlier.importedAt.slice(0, 10))}). ${howToConfirm}`;
}

/**
 * What to do with a file whose rows overlap an earlier import of the same place
 * row for row (a corrected file sent again): import only the rows not already
 * there, replace the earlier import with this file, or import every row anyway.
 */
export const OVERLAP_CHOICES = ['only-new', 'replace', 'all'] as const;
export type OverlapChoice = (typeof OVERLAP_CHOICES)[number];

export interface Overlap extends EarlierImport {
  importId: string;
  /** Rows of this file already there, row for row. */
  same: number;
  /** Rows of this file that are not. */
  fresh: number;
}

/** Some rows are already there and the reviewer has not chosen what to do. `howToChoose` differs by shell. */
export function overlapMessage(
  kind: { rows: { one: string; many: string } },
  overlap: Overlap,
  howToChoose: string,
): string {
  const noun = (count: number) => (count === 1 ? kind.rows.one : kind.rows.many);
  return `${formatCount(overlap.same)} of this file's ${noun(overlap.same)} are already in this review, from '${overlap.fileName}' (imported on ${formatIsoUk(overlap.importedAt.slice(0, 10))}, ${formatCount(overlap.rows)} ${noun(overlap.rows)}); ${formatCount(overlap.fresh)} ${overlap.fresh === 1 ? 'is' : 'are'} new. ${howToChoose}`;
}
