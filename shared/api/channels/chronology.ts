import { z } from 'zod';
import {
  CHILD_SEEN_CODES,
  CHRONOLOGY_FIELDS,
  type ChronologyField,
  type EntryContent,
} from '../../chronology/fields.js';
import type { DatePrecision, DateQualifier } from '../../dates/fuzzy-date.js';
import { channel } from '../channel.js';
import { byId, id, optionalText, partialIsoDate, requiredText } from '../fields.js';
import { type ImportMode, type ImportPreviewResult, importChannels } from './import.js';

/** db/chronology.ts records each import's mode. */
export type { ImportMode } from './import.js';

/**
 * Channels of the integrated chronology: agency imports (preview, then commit),
 * the entries themselves, and compact data for the timeline.
 *
 * **Integrated order** (`chronology.list`, `chronology.timeline`, search, exports, the
 * CLI): shared/chronology/order.ts, the one rule (`ORDER_RULE` says it in a sentence).
 * **References**: each entry's `ref` is its stable number in the review.
 *
 * **Imports**: `chronology.previewImport`, `.updatePreview`, `.commitImport`,
 * `.discardPreview` and `.savedMapping` are the import channels every kind has
 * (./import.ts); a chronology imports into a review, from a named agency.
 */

// ---- input pieces ---------------------------------------------------------------

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

export interface ChronologyEntry extends EntryContent {
  id: string;
  /**
   * The entry's number in its review, as the reviewer cites it ("entry 12"): given in
   * the chronology's order when entries are added, never changed by a filter, never
   * reused, changed only by `chronology.renumber`.
   */
  ref: number;
  reviewId: string;
  agency: { id: string; name: string };
  date: EntryDate;
  tags: string[];
  /** Null for an entry typed in by the reviewer. */
  provenance: EntryProvenance | null;
  /** Ids of entries flagged as possibly the same event (filled by duplicate detection). */
  /** Entries of other agencies flagged as possibly the same event, not yet decided. */
  possibleDuplicateOf: string[];
  /** Entries the reviewer linked as the same event (both kept). */
  linkedWith: string[];
  /** People of the review this entry is about: found in its text or linked by the reviewer. */
  personIds: string[];
  /** Those of `personIds` Casebook found named in the entry's text (db/entry-people.ts). */
  peopleFoundInText: string[];
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

export type ChronologyImportPreview = ImportPreviewResult<ChronologyField, EntryDraft>;

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
  /** The entry's number (`ChronologyEntry.ref`). */
  ref: number;
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
  /** Its entries still in the chronology (not deleted since). */
  entries: number;
}

/** An entry the reviewer deleted, or whose import was removed: it can be restored with its number. */
export interface DeletedEntry {
  id: string;
  ref: number;
  agency: string;
  /** For display, as `ChronologyEntry.date.display`. */
  date: string;
  event: string;
  reason: 'deleted' | 'import-removed';
  deletedAt: string;
  deletedBy: string;
}

// ---- channels ---------------------------------------------------------------------

export const chronologyImportChannels = importChannels<ChronologyField, EntryDraft>()('chronology', CHRONOLOGY_FIELDS, {
  reviewId: id('review'),
  /** The agency the file comes from, by name: found case-insensitively or added to the review on commit. */
  agency: requiredText('agency the file comes from', 200),
});

export const chronologyChannels = {
  ...chronologyImportChannels,
  'chronology.imports': channel<ImportRecord[]>()(z.object({ reviewId: id('review') }).strict(), {
    requiresUnlocked: true,
  }),
  'chronology.list': channel<ChronologyListResult>()(listSchema, { requiresUnlocked: true }),
  'chronology.get': channel<ChronologyEntry>()(byId('entry'), { requiresUnlocked: true }),
  'chronology.create': channel<ChronologyEntry>()(entryCreateSchema, { requiresUnlocked: true }),
  'chronology.update': channel<EntryUpdateResult>()(entryUpdateSchema, { requiresUnlocked: true }),
  /** Moves the entry to the deleted entries, whole: `chronology.restore` puts it back with its number. */
  'chronology.delete': channel<{ ref: number; reviewId: string }>()(byId('entry'), { requiresUnlocked: true }),
  'chronology.restore': channel<ChronologyEntry>()(byId('entry'), { requiresUnlocked: true }),
  'chronology.deleted': channel<DeletedEntry[]>()(z.object({ reviewId: id('review') }).strict(), {
    requiresUnlocked: true,
  }),
  /** Deletes every entry the import brought that is still in the chronology; each can be restored. */
  'chronology.removeImport': channel<{ removed: number }>()(z.object({ importId: id('import') }).strict(), {
    requiresUnlocked: true,
  }),
  /** Numbers the entries 1, 2, 3... in the chronology's order (deleted ones after them), recorded in the audit log. */
  'chronology.renumber': channel<{ renumbered: number }>()(z.object({ reviewId: id('review') }).strict(), {
    requiresUnlocked: true,
  }),
  'chronology.timeline': channel<TimelineData>()(z.object({ reviewId: id('review') }).strict(), {
    requiresUnlocked: true,
  }),
} as const;
