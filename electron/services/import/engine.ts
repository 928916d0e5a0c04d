import { createHash } from 'node:crypto';
import type { Database } from '../../../db/query.js';
import type { VaultWriter } from '../../../db/vault.js';
import type { ImportCommitResult, ImportMode, ImportPreviewResult } from '../../../shared/api/channels/import.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { mappingToSave } from '../../../shared/import/columns.js';
import {
  alreadyImportedMessage,
  checkTable,
  type EarlierImport,
  type ImportKind,
  knownHeaders,
  type MappingChoice,
  mappingProblem,
  missingColumnsMessage,
  type Overlap,
  type OverlapChoice,
  overlapMessage,
  type ResolvedMapping,
  resolveMapping,
} from '../../../shared/import/kind.js';
import { type ImportPreview, rejectedRows } from '../../../shared/import/problems.js';
import type { Table } from '../../../shared/import/table.js';
import { estimateTableBytes, type Held, PreviewStore } from './previews.js';
import { readTable } from './read-table.js';

/**
 * The one import engine, for every kind and every shell (the app's channels, the
 * web host, the CLI): read the file within the limits, match its columns (the
 * reviewer's choice, else the saved mapping, else header synonyms), check every
 * row with the kind's check, hold the preview, and commit all valid rows (or
 * none) through the kind's writer in one transaction with one audit row.
 *
 * A kind is declared in shared/import/<kind>.ts (pure); its binding here adds
 * what needs the vault: what the check needs to know, the saved mapping, the
 * earlier imports, and the writer (electron/services/import/<kind>.ts).
 */

export interface ImportBinding<Field extends string, Value, Context, Target, Draft> {
  kind: ImportKind<Field, Value, Context>;
  /** Checks the target (the review is open) and reads what the row check needs. */
  context(database: Database, target: Target): Context;
  /** The mapping remembered from the last import to the same place, as field -> header text. */
  savedMapping(database: Database, target: Target): Partial<Record<Field, string>> | null;
  /** Where the rows will go, as the preview says it. */
  destination(database: Database, target: Target): string;
  /** A valid row as the preview shows it. */
  draft(value: Value): Draft;
  /** Whether the writer flags possible duplicates of earlier rows (and so reports how many). */
  flagsDuplicates: boolean;
  /** The last import of the same bytes to the same place; absent for a kind that keeps no import record. */
  earlierImport?(
    database: Database,
    target: Target,
    contentHash: string,
  ): (EarlierImport & { importId: string }) | null;
  /**
   * The earlier import (not this same file) that the rows overlap row for row, with
   * which rows are already there (`same[i]` for `rows[i]`); null when none is. Absent
   * for a kind that keeps no import record.
   */
  overlap?(
    database: Database,
    target: Target,
    rows: readonly Value[],
  ): (EarlierImport & { importId: string; same: readonly boolean[] }) | null;
  /**
   * Writes the rows in one transaction with one audit row, and saves the mapping.
   * `guard` must run first inside that transaction: a check there cannot be
   * overtaken by another process writing the same file at the same moment.
   */
  write(
    vault: VaultWriter,
    job: WriteJob<Field, Value, Target>,
  ): Promise<{ importId: string | null; possibleDuplicates: number | null }>;
}

export interface WriteJob<Field extends string, Value, Target> {
  target: Target;
  fileName: string;
  contentHash: string;
  sheet: string | null;
  mode: ImportMode;
  rows: readonly Value[];
  rowsRejected: number;
  /** Field -> header text, remembered for next time. */
  mapping: Partial<Record<Field, string>>;
  /** The earlier import this file replaces: the writer removes it in the same transaction. */
  replaces: string | null;
  guard(database: Database): void;
  onProgress?: (done: number) => void;
}

// biome-ignore lint/suspicious/noExplicitAny: a binding of any kind; each call site keeps its own types.
export type AnyBinding = ImportBinding<any, any, any, any, any>;

interface HeldPreview extends Held {
  target: unknown;
  fileName: string;
  /** Kept only for a workbook of several sheets, to read another one without the file being sent again. */
  file: Uint8Array | null;
  contentHash: string;
  table: Table;
  resolved: ResolvedMapping<string>;
}

/** How many valid rows a preview shows as they will be stored. */
const SAMPLE_ROWS = 20;

export interface PreviewInput<Field extends string, Target> {
  target: Target;
  fileName: string;
  bytes: Uint8Array;
  sheet?: string | undefined;
  mapping?: MappingChoice<Field> | undefined;
}

export interface CommitInput<Field extends string> {
  previewId: string;
  mapping?: MappingChoice<Field> | undefined;
  mode: ImportMode;
  confirmReimport: boolean;
  /** What to do with rows already there from an earlier import; needed when there are some. */
  overlap?: OverlapChoice | undefined;
}

export interface CommitOptions {
  /** How this shell lets the reviewer confirm a re-import: the CLI names its flag, the app its button. */
  howToConfirmReimport: string;
  /** How this shell lets the reviewer choose what to do with rows already there. */
  howToChooseOverlap: string;
  onProgress?: (done: number, total: number) => void;
}

export class ImportEngine {
  private readonly previews: PreviewStore<HeldPreview>;

  constructor(limits?: { previews: number; bytes: number }) {
    this.previews = new PreviewStore<HeldPreview>(limits);
  }

  /** Drops every preview: call when the vault locks. */
  clear(): void {
    this.previews.clear();
  }

  discard(previewId: string): boolean {
    return this.previews.discard(previewId);
  }

  async preview<Field extends string, Value, Context, Target, Draft>(
    binding: ImportBinding<Field, Value, Context, Target, Draft>,
    database: Database,
    input: PreviewInput<Field, Target>,
  ): Promise<ImportPreviewResult<Field, Draft>> {
    binding.context(database, input.target);
    const table = await this.read(binding, input.fileName, input.bytes, input.sheet);
    const held: HeldPreview = {
      id: this.previews.newId(),
      kind: binding.kind.name,
      target: input.target,
      fileName: input.fileName,
      file: table.sheets.length > 1 ? input.bytes : null,
      contentHash: createHash('sha256').update(input.bytes).digest('hex'),
      table,
      resolved: this.resolve(binding, database, input.target, table, input.mapping),
      bytes: 0,
    };
    held.bytes = estimateTableBytes(table) + (held.file?.length ?? 0);
    this.previews.add(held);
    return this.result(binding, database, held);
  }

  /** Another sheet or mapping, without the file being sent again. */
  async update<Field extends string, Value, Context, Target, Draft>(
    binding: ImportBinding<Field, Value, Context, Target, Draft>,
    database: Database,
    input: { previewId: string; sheet?: string | undefined; mapping?: MappingChoice<Field> | undefined },
  ): Promise<ImportPreviewResult<Field, Draft>> {
    const held = this.previews.get(input.previewId, binding.kind.name);
    const target = held.target as Target;
    if (input.sheet !== undefined && input.sheet !== held.table.sheet && held.file !== null) {
      held.table = await this.read(binding, held.fileName, held.file, input.sheet);
      // Column numbers of another sheet mean nothing here: match again unless a mapping was given.
      held.resolved = this.resolve(binding, database, target, held.table, input.mapping);
      held.bytes = estimateTableBytes(held.table) + held.file.length;
      // Held again, newest, within the store's bounds.
      this.previews.add(held);
    } else if (input.mapping !== undefined) {
      held.resolved = this.resolve(binding, database, target, held.table, input.mapping, held.resolved);
    }
    return this.result(binding, database, held);
  }

  async commit<Field extends string, Value, Context, Target, Draft>(
    binding: ImportBinding<Field, Value, Context, Target, Draft>,
    vault: VaultWriter,
    input: CommitInput<Field>,
    options: CommitOptions,
  ): Promise<ImportCommitResult> {
    const held = this.previews.get(input.previewId, binding.kind.name);
    const target = held.target as Target;
    const { database } = vault;
    if (input.mapping !== undefined) {
      held.resolved = this.resolve(binding, database, target, held.table, input.mapping, held.resolved);
    }
    if (held.resolved.missingRequired.length > 0) {
      throw new CasebookError(
        'invalid_payload',
        missingColumnsMessage(held.fileName, held.resolved.missingRequired, held.table.headers),
      );
    }
    // Checked again against the vault as it is now (another import may have taken a reference).
    const checked = this.check(binding, database, target, held);
    const rejected = rejectedRows(checked);
    const warnings = checked.counts.withWarnings;
    const unwritten = (): ImportCommitResult => ({
      importId: null,
      imported: 0,
      rejected,
      warnings: 0,
      possibleDuplicates: binding.flagsDuplicates ? 0 : null,
      mode: input.mode,
      alreadyThere: 0,
      replaced: null,
    });
    // All or nothing unless the reviewer chose to skip rejected rows; and no rows is never an import.
    if ((rejected.length > 0 && input.mode === 'all-or-nothing') || checked.valid.length === 0) {
      // Finished with either way in skip-invalid mode; kept for a corrected mapping otherwise.
      if (input.mode === 'skip-invalid') this.previews.discard(held.id);
      return unwritten();
    }
    const valid = checked.valid.map((row) => row.value);
    // The same bytes again is the re-import check's to refuse (in the guard); a corrected file is this one's.
    const sameFile = binding.earlierImport?.(database, target, held.contentHash) ?? null;
    const overlap = sameFile === null ? (binding.overlap?.(database, target, valid) ?? null) : null;
    const choice = input.overlap ?? (input.confirmReimport ? 'all' : undefined);
    if (overlap !== null && choice === undefined) {
      throw new CasebookError(
        'conflict',
        overlapMessage(binding.kind, overlapSummary(overlap), options.howToChooseOverlap),
      );
    }
    const rows = overlap !== null && choice === 'only-new' ? valid.filter((_, index) => !overlap.same[index]) : valid;
    const replaces = overlap !== null && choice === 'replace' ? overlap.importId : null;
    if (rows.length === 0) {
      this.previews.discard(held.id);
      return { ...unwritten(), alreadyThere: valid.length };
    }
    const total = rows.length;
    const written = await binding.write(vault, {
      target,
      fileName: held.fileName,
      contentHash: held.contentHash,
      sheet: held.table.sheet,
      mode: input.mode,
      rows,
      rowsRejected: checked.counts.rejected,
      mapping: mappingToSave(held.table.headers, held.resolved.mapping) as Partial<Record<Field, string>>,
      replaces,
      guard: (inside) => {
        if (input.confirmReimport || !binding.earlierImport) return;
        const earlier = binding.earlierImport(inside, target, held.contentHash);
        if (earlier && earlier.importId !== replaces) {
          throw new CasebookError(
            'conflict',
            alreadyImportedMessage(binding.kind, earlier, options.howToConfirmReimport),
          );
        }
      },
      ...(options.onProgress ? { onProgress: (done: number) => options.onProgress?.(done, total) } : {}),
    });
    options.onProgress?.(total, total);
    this.previews.discard(held.id);
    return {
      importId: written.importId,
      imported: total,
      rejected,
      warnings,
      possibleDuplicates: written.possibleDuplicates,
      mode: input.mode,
      alreadyThere: valid.length - rows.length,
      replaced: replaces,
    };
  }

  private async read(binding: AnyBinding, fileName: string, bytes: Uint8Array, sheet: string | undefined) {
    return readTable(
      { fileName, bytes },
      { ...(sheet !== undefined ? { sheet } : {}), knownHeaders: knownHeaders(binding.kind) },
    );
  }

  private resolve<Field extends string, Target>(
    binding: ImportBinding<Field, unknown, unknown, Target, unknown>,
    database: Database,
    target: Target,
    table: Table,
    choice: MappingChoice<Field> | undefined,
    earlier?: ResolvedMapping<string>,
  ): ResolvedMapping<string> {
    if (choice !== undefined) {
      const problem = mappingProblem(binding.kind, table.headers, choice);
      if (problem !== null) throw new CasebookError('invalid_payload', problem);
    }
    const saved = choice === undefined ? binding.savedMapping(database, target) : null;
    return resolveMapping(binding.kind, table.headers, choice, saved, earlier as ResolvedMapping<Field> | undefined);
  }

  private check<Field extends string, Value, Context, Target>(
    binding: ImportBinding<Field, Value, Context, Target, unknown>,
    database: Database,
    target: Target,
    held: HeldPreview,
  ): ImportPreview<Value> {
    const context = binding.context(database, target);
    return checkTable(binding.kind, held.table, held.resolved as ResolvedMapping<Field>, context);
  }

  private result<Field extends string, Value, Context, Target, Draft>(
    binding: ImportBinding<Field, Value, Context, Target, Draft>,
    database: Database,
    held: HeldPreview,
  ): ImportPreviewResult<Field, Draft> {
    const target = held.target as Target;
    const checked = this.check(binding, database, target, held);
    const resolved = held.resolved as ResolvedMapping<Field>;
    const earlier = binding.earlierImport?.(database, target, held.contentHash) ?? null;
    const overlap =
      earlier === null
        ? (binding.overlap?.(
            database,
            target,
            checked.valid.map((row) => row.value),
          ) ?? null)
        : null;
    return {
      previewId: held.id,
      fileName: held.fileName,
      format: held.table.format,
      sheets: held.table.sheets,
      sheet: held.table.sheet,
      headerRowNumber: held.table.headerRowNumber,
      headers: held.table.headers,
      fields: binding.kind.fields.map(({ field, label, required }) => ({ field, label, required })),
      mapping: resolved.mapping,
      matchedBy: resolved.matchedBy,
      missingRequired: resolved.missingRequired,
      unmatchedHeaders: resolved.unmatchedHeaders,
      destination: binding.destination(database, target),
      counts: checked.counts,
      problems: checked.problems,
      sampleRows: checked.valid.slice(0, SAMPLE_ROWS).map((row) => binding.draft(row.value)),
      alreadyImported: earlier
        ? { importId: earlier.importId, fileName: earlier.fileName, importedAt: earlier.importedAt, rows: earlier.rows }
        : null,
      overlap: overlap === null ? null : overlapSummary(overlap),
    };
  }
}

function overlapSummary(overlap: EarlierImport & { importId: string; same: readonly boolean[] }): Overlap {
  const same = overlap.same.filter(Boolean).length;
  return {
    importId: overlap.importId,
    fileName: overlap.fileName,
    importedAt: overlap.importedAt,
    rows: overlap.rows,
    same,
    fresh: overlap.same.length - same,
  };
}
