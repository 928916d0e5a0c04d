import { z } from 'zod';
import type { MatchedBy } from '../../import/columns.js';
import { OVERLAP_CHOICES, type Overlap } from '../../import/kind.js';
import { IMPORT_LIMITS } from '../../import/limits.js';
import type { ImportCounts, ImportProblem } from '../../import/problems.js';
import type { FileFormat } from '../../import/table.js';
import { channel } from '../channel.js';
import { id, requiredText } from '../fields.js';

/**
 * The import channels, made once for every import kind (shared/import/kind.ts):
 * `importChannels<Field, Draft>()('chronology', fields, target)` gives
 * `chronology.previewImport`, `.updatePreview`, `.commitImport`,
 * `.discardPreview` and `.savedMapping`. `target` is what the kind imports into
 * (a review and agency for a chronology; nothing for CDOP cases).
 *
 * The file is sent once to `previewImport`; the parsed table stays in
 * main-process memory (never on disk) under `previewId` until it is committed,
 * discarded, the vault locks, or newer previews push it out (at most 4, and a
 * bounded amount of memory, are kept). `updatePreview` changes the sheet or the
 * column mapping without sending the file again. Nothing is written before
 * `commitImport`, which checks the rows again against the vault as it is then.
 */

export const IMPORT_MODES = ['all-or-nothing', 'skip-invalid'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface ImportFieldInfo<Field extends string = string> {
  field: Field;
  label: string;
  required: boolean;
}

export interface ImportPreviewResult<Field extends string = string, Draft = unknown> {
  previewId: string;
  fileName: string;
  format: FileFormat;
  /** Sheet names (.xlsx); empty for CSV. */
  sheets: string[];
  sheet: string | null;
  headerRowNumber: number;
  headers: string[];
  fields: ImportFieldInfo<Field>[];
  /** Field -> index into headers. */
  mapping: Partial<Record<Field, number>>;
  matchedBy: Partial<Record<Field, MatchedBy | 'chosen'>>;
  /** Labels of required fields with no column: no row can be read until they are chosen. */
  missingRequired: string[];
  unmatchedHeaders: string[];
  /** Where the rows will go, in the reviewer's words: "Health visiting (a new agency in this review)". */
  destination: string;
  counts: ImportCounts;
  /** Every error and warning, in row order (errors reject the row; warnings do not). */
  problems: ImportProblem[];
  /** The first valid rows as they will be stored. */
  sampleRows: Draft[];
  /** The same file content was imported to the same place before. */
  alreadyImported: { importId: string; fileName: string; importedAt: string; rows: number } | null;
  /**
   * Another file imported to the same place before has some of these rows, row for
   * row (a corrected file sent again): commit must say what to do with them (`overlap`).
   */
  overlap: Overlap | null;
}

export interface RejectedRow {
  row: number;
  column: string;
  reason: string;
}

export interface ImportCommitResult {
  /** The import record; null when nothing was written, or for a kind that keeps none (CDOP cases). */
  importId: string | null;
  imported: number;
  /** Every row with an error, one item per error. In all-or-nothing mode any item here means nothing was written. */
  rejected: RejectedRow[];
  /** Valid rows imported with a warning. */
  warnings: number;
  /** New rows flagged as possible duplicates of earlier ones; null for a kind without duplicate detection. */
  possibleDuplicates: number | null;
  mode: ImportMode;
  /** Valid rows left out because they were already there (`overlap: 'only-new'`). */
  alreadyThere: number;
  /** The earlier import this one replaced (`overlap: 'replace'`), its entries deleted. */
  replaced: string | null;
}

/** Main -> renderer events of every import. */
export interface ImportEvents {
  /** Every few thousand rows while an import commits; `done === total` at the end. */
  'import.progress': { previewId: string; done: number; total: number };
}

const previewId = id('preview');
/** The file once base64-encoded (4 characters per 3 bytes). */
const MAX_BASE64_CHARS = Math.ceil(IMPORT_LIMITS.fileBytes / 3) * 4;
const unlocked = { requiresUnlocked: true };

function named<P extends string, S extends string, V>(prefix: P, suffix: S, value: V): Record<`${P}.${S}`, V> {
  return { [`${prefix}.${suffix}`]: value } as Record<`${P}.${S}`, V>;
}

export function importChannels<Field extends string, Draft>() {
  return <Prefix extends string, Target extends z.ZodRawShape>(
    prefix: Prefix,
    fields: readonly [Field, ...Field[]],
    target: Target,
  ) => {
    /** Field -> index into the preview's headers; null (or absent) leaves the field unmapped. */
    const mapping = z.partialRecord(z.enum(fields), z.number().int().min(0).max(500).nullable());
    const file = {
      fileName: requiredText('file name', 500),
      contentBase64: z
        .string()
        .min(1, 'The file is empty')
        .max(MAX_BASE64_CHARS, `The file is too large (at most ${IMPORT_LIMITS.fileBytes / 1e6} MB)`)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content is not base64'),
      /** The sheet to read (.xlsx); the first visible one by default. */
      sheet: z.string().max(200).optional(),
      /** The reviewer's mapping; otherwise the saved mapping, then header synonyms. */
      mapping: mapping.optional(),
    };
    type Preview = ImportPreviewResult<Field, Draft>;
    const previewInput = z.object({ ...target, ...file }).strict();
    const updateInput = z.object({ previewId, sheet: file.sheet, mapping: file.mapping }).strict();
    const commitInput = z
      .object({
        previewId,
        /** Applied (as by updatePreview) before committing. */
        mapping: file.mapping,
        mode: z.enum(IMPORT_MODES).default('all-or-nothing'),
        /** The same file was imported to the same place before: import it again anyway. */
        confirmReimport: z.boolean().default(false),
        /** Rows already there from an earlier import (the preview's `overlap`): import only the new ones, replace that import, or import all. */
        overlap: z.enum(OVERLAP_CHOICES).optional(),
      })
      .strict();
    const discardInput = z.object({ previewId }).strict();
    const savedInput = z.object(target).strict();
    return {
      ...named(prefix, 'previewImport', channel<Preview>()(previewInput, unlocked)),
      ...named(prefix, 'updatePreview', channel<Preview>()(updateInput, unlocked)),
      /** Emits `import.progress` while it writes. */
      ...named(prefix, 'commitImport', channel<ImportCommitResult>()(commitInput, unlocked)),
      ...named(prefix, 'discardPreview', channel<{ discarded: boolean }>()(discardInput, unlocked)),
      /** The mapping remembered from the last import to the same place (field -> header text), or null. */
      ...named(
        prefix,
        'savedMapping',
        channel<{ mapping: Partial<Record<Field, string>> | null }>()(savedInput, unlocked),
      ),
    };
  };
}
