import { z } from 'zod';
import { CHILD_SEEN_CODES, CHRONOLOGY_FIELDS, type ChildSeen, type ChronologyField } from '../../chronology/fields.js';
import type { DatePrecision, DateQualifier } from '../../dates/fuzzy-date.js';
import type { MatchedBy } from '../../import/columns.js';
import type { ImportCounts, ImportProblem } from '../../import/problems.js';
import { channel } from '../channel.js';
import { byId, id, optionalText, partialIsoDate } from '../fields.js';

/**
 * Channels of the integrated chronology: agency imports (preview, then commit),
 * the entries themselves, and compact data for the timeline.
 *
 * **Integrated order** (`chronology.list`, `chronology.timeline`, the CLI): by the
 * date's sort key (shared/dates/fuzzy-date.ts `sortKey`: the start of the period
 * the date names; within one start, `before` first and `after` last, and a less
 * precise date before a more precise one, so `May 2015` heads the entries dated
 * in May), then the sequence (numeric when it is a number, blank last), then the
 * time (blank first), then the agency's place in the review's agency list, then
 * the order the entries were added. Stable: the same data always lists the same way.
 *
 * **Imports**: the file is sent once to `chronology.previewImport`; the parsed
 * table stays in main-process memory (never on disk) under `previewId` until it is
 * committed, discarded, the vault locks, or newer previews push it out (at most 4
 * are kept). `chronology.updatePreview` changes the sheet or the column mapping
 * without sending the file again. Nothing is written before `chronology.commitImport`.
 */

// ---- input pieces ---------------------------------------------------------------

/** Field -> index into the preview's headers; null (or absent) leaves the field unmapped. */
export const columnMappingSchema = z.partialRecord(
  z.enum(CHRONOLOGY_FIELDS),
  z.number().int().min(0).max(500).nullable(),
);

/** About 48 MB of file once decoded: under the web host's request limit. */
const MAX_BASE64_CHARS = 64_000_000;

export const previewImportSchema = z
  .object({
    reviewId: id('review'),
    /** The agency the file comes from, by name: found case-insensitively or added to the review on commit. */
    agency: z.string().trim().min(1, 'Choose the agency the file comes from').max(200),
    fileName: z.string().trim().min(1, 'Give the file name').max(500),
    contentBase64: z
      .string()
      .min(1, 'The file is empty')
      .max(MAX_BASE64_CHARS, 'The file is too large (at most 48 MB)'),
    /** The sheet to read (.xlsx); the first visible one by default. */
    sheet: z.string().max(200).optional(),
    /** The reviewer's mapping; otherwise the agency's saved mapping, then header synonyms. */
    mapping: columnMappingSchema.optional(),
  })
  .strict();

export const updatePreviewSchema = z
  .object({
    previewId: id('preview'),
    sheet: z.string().max(200).optional(),
    mapping: columnMappingSchema.optional(),
  })
  .strict();

export const IMPORT_MODES = ['all-or-nothing', 'skip-invalid'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const commitImportSchema = z
  .object({
    previewId: id('preview'),
    /** Applied (as by updatePreview) before committing. */
    mapping: columnMappingSchema.optional(),
    mode: z.enum(IMPORT_MODES).default('all-or-nothing'),
    /** The same file (by content hash) was imported into this review before: import it again anyway. */
    confirmReimport: z.boolean().default(false),
  })
  .strict();

const entryFields = {
  /** As a reviewer types it: `12/05/2015`, `May 2015`, `circa June 2015`, `between 01/03/2015 and 15/03/2015`. */
  date: z.string().trim().min(1, 'Enter the date').max(200),
  time: optionalText('time', 20),
  endDate: optionalText('end date', 200),
  endTime: optionalText('end time', 20),
  sequence: optionalText('sequence', 50),
  source: optionalText('source', 2_000),
  practitioner: optionalText('practitioner', 500),
  childSeen: z.enum(CHILD_SEEN_CODES).nullable(),
  event: z.string().trim().min(1, 'Enter what happened').max(50_000),
  action: optionalText('action', 50_000),
  significance: optionalText('significance', 50_000),
  significant: z.boolean(),
  tags: z
    .array(z.string().trim().min(1).max(100))
    .max(50)
    .transform((tags) => [...new Set(tags)]),
  /** The review's people this entry is about (for the person filter). */
  personIds: z
    .array(id('person'))
    .max(200)
    .transform((ids) => [...new Set(ids)]),
};

export const entryCreateSchema = z
  .object({
    reviewId: id('review'),
    /** By name, as for imports: found case-insensitively or added to the review. */
    agency: z.string().trim().min(1, 'Choose the agency').max(200),
    date: entryFields.date,
    time: entryFields.time.default(null),
    endDate: entryFields.endDate.default(null),
    endTime: entryFields.endTime.default(null),
    sequence: entryFields.sequence.default(null),
    source: entryFields.source.default(null),
    practitioner: entryFields.practitioner.default(null),
    childSeen: entryFields.childSeen.default(null),
    event: entryFields.event,
    action: entryFields.action.default(null),
    significance: entryFields.significance.default(null),
    significant: entryFields.significant.default(false),
    tags: entryFields.tags.default([]),
    personIds: entryFields.personIds.default([]),
  })
  .strict();

/** Any subset of the fields; a changed date text is parsed again (and refused if it is not a date). */
export const entryUpdateSchema = z
  .object({
    id: id('entry'),
    agency: z.string().trim().min(1).max(200).optional(),
    date: entryFields.date.optional(),
    time: entryFields.time.optional(),
    endDate: entryFields.endDate.optional(),
    endTime: entryFields.endTime.optional(),
    sequence: entryFields.sequence.optional(),
    source: entryFields.source.optional(),
    practitioner: entryFields.practitioner.optional(),
    childSeen: entryFields.childSeen.optional(),
    event: entryFields.event.optional(),
    action: entryFields.action.optional(),
    significance: entryFields.significance.optional(),
    significant: entryFields.significant.optional(),
    tags: entryFields.tags.optional(),
    personIds: entryFields.personIds.optional(),
  })
  .strict();

export const listFiltersSchema = z
  .object({
    agencyIds: z.array(id('agency')).max(200).optional(),
    /** Entries linked to any of these people (chronology_entry_person). */
    personIds: z.array(id('person')).max(200).optional(),
    tag: z.string().trim().min(1).max(100).optional(),
    /** Entries whose date could fall on or after `from` / on or before `to` (fuzzy ranges overlap). */
    from: partialIsoDate('From').optional(),
    to: partialIsoDate('To').optional(),
    significantOnly: z.boolean().optional(),
    /** A key practice episode's entries (episodes come with migration 0005). */
    episodeId: id('episode').optional(),
  })
  .strict();

export const listSchema = z
  .object({
    reviewId: id('review'),
    filters: listFiltersSchema.default({}),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(200_000).default(500),
  })
  .strict();

// ---- outputs ----------------------------------------------------------------------

export interface EntryDate {
  precision: DatePrecision;
  qualifier: DateQualifier;
  /** ISO to its precision: `2015`, `2015-05`, `2015-05-12`, `2015-05-12T14:30`. */
  start: string;
  /** The other end of a `between` date; null otherwise. */
  end: string | null;
  /** As written in the file or typed. */
  text: string;
  /** `start`, or `start/end` for a between date (what the CLI prints as `date`). */
  iso: string;
  /** For display, never showing a day nobody recorded: `circa Jun 2015`, `12/05/2015 14:30`. */
  display: string;
}

export interface EntryProvenance {
  importId: string;
  fileName: string;
  /** SHA-256 of the file's bytes, hex. */
  contentHash: string;
  /** The spreadsheet row number as the reviewer sees it in Excel. */
  row: number;
  importedAt: string;
}

export interface ChronologyEntry {
  id: string;
  reviewId: string;
  agency: { id: string; name: string };
  date: EntryDate;
  sequence: string | null;
  /** `HH:mm`, when a time column gave one. A time also moves a day date to minute precision. */
  time: string | null;
  /** ISO to its precision. */
  endDate: string | null;
  endTime: string | null;
  source: string | null;
  practitioner: string | null;
  childSeen: ChildSeen | null;
  /** What the "child seen" cell said when it was not a plain yes / no / not known (e.g. "Mother and Child H"). */
  childSeenText: string | null;
  event: string;
  action: string | null;
  significance: string | null;
  significant: boolean;
  tags: string[];
  /** Null for an entry typed in by the reviewer. */
  provenance: EntryProvenance | null;
  /** Ids of entries flagged as possibly the same event (filled by duplicate detection). */
  /** Entries of other agencies flagged as possibly the same event, not yet decided. */
  possibleDuplicateOf: string[];
  /** Entries the reviewer linked as the same event (both kept). */
  linkedWith: string[];
  /** People of the review this entry is about. */
  personIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** What an import will store for a row, as shown in the preview (no ids yet). */
export type EntryDraft = Pick<
  ChronologyEntry,
  | 'date'
  | 'sequence'
  | 'time'
  | 'endDate'
  | 'endTime'
  | 'source'
  | 'practitioner'
  | 'childSeen'
  | 'childSeenText'
  | 'event'
  | 'action'
  | 'significance'
> & { row: number; agencyName: string };

export interface ImportFieldInfo {
  field: ChronologyField;
  label: string;
  required: boolean;
}

export interface ImportPreviewResult {
  previewId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  /** Sheet names (.xlsx); empty for CSV. */
  sheets: string[];
  sheet: string | null;
  headerRowNumber: number;
  headers: string[];
  fields: ImportFieldInfo[];
  /** Field -> index into headers. */
  mapping: Partial<Record<ChronologyField, number>>;
  matchedBy: Partial<Record<ChronologyField, MatchedBy | 'chosen'>>;
  /** Labels of required fields with no column: the mapping screen must be shown. */
  missingRequired: string[];
  unmatchedHeaders: string[];
  agency: { id: string | null; name: string };
  scope: { from: string | null; to: string | null };
  counts: ImportCounts;
  /** Every error and warning, in row order (errors reject the row; warnings do not). */
  problems: ImportProblem[];
  /** The first valid rows as they will be stored. */
  sampleRows: EntryDraft[];
  /** The same file content was imported into this review before. */
  alreadyImported: { importId: string; fileName: string; importedAt: string; entries: number } | null;
}

export interface RejectedRow {
  row: number;
  column: string;
  reason: string;
}

export interface ImportCommitResult {
  /** Null when nothing was written. */
  importId: string | null;
  imported: number;
  /** Every row with an error, one item per error. In all-or-nothing mode any item here means nothing was written. */
  rejected: RejectedRow[];
  /** Valid rows imported with a warning (e.g. outside the scope period). */
  warnings: number;
  /** New entries flagged as possible duplicates of another agency's entries. */
  possibleDuplicates: number;
}

export interface ChronologyListResult {
  /** Entries matching the filters, before offset and limit. */
  total: number;
  entries: ChronologyEntry[];
}

/** Input values (as for chronology.update) of the fields an update changed, as they were before it. */
export type EntryUpdateValues = Omit<z.input<typeof entryUpdateSchema>, 'id'>;

export interface EntryUpdateResult {
  entry: ChronologyEntry;
  /** Undo: `chronology.update({ id, ...previous })`. */
  previous: EntryUpdateValues;
}

export interface TimelineItem {
  id: string;
  /** Index into `agencies`: one swimlane each. */
  agencyIndex: number;
  /**
   * The span the date could mean (shared/dates `rangeOf`, `spanMsOf`) as UTC
   * milliseconds of the wall clock: `startMs` is its first minute, `endMs` the
   * minute after its last (exclusive), so May 2015 runs to 1 June 00:00. A
   * month-only date spans the month, `circa` a unit either side. An open date
   * (`before X`, `after X`) is drawn at the known end, where X begins or ends: startMs === endMs.
   */
  startMs: number;
  endMs: number;
  precision: DatePrecision;
  qualifier: DateQualifier;
  significant: boolean;
  /** The date for people, UK style, never with a made-up day (`circa Jun 2015`). */
  dateDisplay: string;
  /** The first 80 characters of the event text. */
  label: string;
}

export interface TimelineData {
  agencies: { id: string; name: string }[];
  /** The review's scope period (ISO dates) for the mini-map; null ends are open. */
  scope: { from: string | null; to: string | null };
  /** In the integrated order. */
  items: TimelineItem[];
}

export interface ImportRecord {
  id: string;
  agency: { id: string; name: string };
  fileName: string;
  contentHash: string;
  sheet: string | null;
  mode: ImportMode;
  importedAt: string;
  importedBy: string;
  rowsImported: number;
  rowsRejected: number;
}

// ---- channels ---------------------------------------------------------------------

export const chronologyChannels = {
  'chronology.previewImport': channel<ImportPreviewResult>()(previewImportSchema, { requiresUnlocked: true }),
  'chronology.updatePreview': channel<ImportPreviewResult>()(updatePreviewSchema, { requiresUnlocked: true }),
  'chronology.discardPreview': channel<{ discarded: boolean }>()(z.object({ previewId: id('preview') }).strict(), {
    requiresUnlocked: true,
  }),
  /** Emits `chronology.importProgress` while it writes. */
  'chronology.commitImport': channel<ImportCommitResult>()(commitImportSchema, { requiresUnlocked: true }),
  /** The agency's mapping remembered from its last confirmed import (field -> header text), or null. */
  'chronology.savedMapping': channel<{ mapping: Partial<Record<ChronologyField, string>> | null }>()(
    z.object({ reviewId: id('review'), agency: z.string().trim().min(1).max(200) }).strict(),
    { requiresUnlocked: true },
  ),
  'chronology.imports': channel<ImportRecord[]>()(z.object({ reviewId: id('review') }).strict(), {
    requiresUnlocked: true,
  }),
  'chronology.list': channel<ChronologyListResult>()(listSchema, { requiresUnlocked: true }),
  'chronology.get': channel<ChronologyEntry>()(byId('entry'), { requiresUnlocked: true }),
  'chronology.create': channel<ChronologyEntry>()(entryCreateSchema, { requiresUnlocked: true }),
  'chronology.update': channel<EntryUpdateResult>()(entryUpdateSchema, { requiresUnlocked: true }),
  /** Returns the deleted entry, so the UI can offer undo through chronology.create. */
  'chronology.delete': channel<{ deleted: ChronologyEntry }>()(byId('entry'), { requiresUnlocked: true }),
  'chronology.timeline': channel<TimelineData>()(z.object({ reviewId: id('review') }).strict(), {
    requiresUnlocked: true,
  }),
} as const;

/** Main -> renderer events of this feature (listed in the contract's EventMap). */
export interface ChronologyEvents {
  /** Every few thousand rows while an import commits; `done === total` at the end. */
  'chronology.importProgress': { previewId: string; done: number; total: number };
}
