import type { Generated } from 'kysely';
import type { ColumnsOf } from './columns.js';

/** Tables of the chronology feature (migrations 0004_chronology and 0008_chronology_refs). */

export interface ChronologyImportTable {
  id: string;
  review_id: string;
  agency_id: string;
  file_name: string;
  content_hash: string;
  sheet: string | null;
  mode: string;
  imported_at: string;
  imported_by: string;
  rows_imported: number;
  rows_rejected: number;
  /** Set when the reviewer removed the import (its entries moved to chronology_entry_deleted). */
  removed_at: string | null;
  removed_by: string | null;
}

export interface ChronologyEntryTable {
  seq: Generated<number>;
  id: string;
  review_id: string;
  agency_id: string;
  import_id: string | null;
  source_row: number | null;
  sequence: string | null;
  sequence_number: number | null;
  date_text: string;
  date_precision: string;
  date_qualifier: string;
  date_start: string;
  date_end: string | null;
  sort_key: string;
  range_start: string | null;
  range_end: string | null;
  time: string | null;
  end_date: string | null;
  end_time: string | null;
  source: string | null;
  practitioner: string | null;
  child_seen: string | null;
  child_seen_text: string | null;
  event: string;
  action: string | null;
  significance: string | null;
  significant: number;
  created_at: string;
  updated_at: string;
  /** The entry's number in its review (0008): stable, changed only by Renumber. Every insert gives one. */
  ref: Generated<number>;
}

/** A deleted entry, kept whole to be restored (0008). */
export interface ChronologyEntryDeletedTable {
  id: string;
  review_id: string;
  ref: number;
  import_id: string | null;
  reason: string;
  deleted_at: string;
  deleted_by: string;
  /** JSON: `{ entry, links }`, see migration 0008. */
  snapshot: string;
}

export interface ChronologyEntryTagTable {
  entry_id: string;
  tag: string;
}

export interface ChronologyEntryPersonTable {
  entry_id: string;
  person_id: string;
  /** 1 when Casebook found the person in the entry's text, 0 when the reviewer linked them (0009_people_names). */
  found_in_text: Generated<number>;
}

/** A link the reviewer removed: never made again from the text (0009_people_names). */
export interface ChronologyEntryPersonRemovedTable {
  entry_id: string;
  person_id: string;
  removed_at: string;
}

export interface ChronologyDuplicateTable {
  entry_id: string;
  other_id: string;
  status: Generated<string>;
  score: number | null;
  flagged_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

export interface ChronologyMappingTable {
  agency_id: string;
  /** JSON: field -> header text. */
  mapping: string;
  updated_at: string;
}

export interface ChronologyTables {
  chronology_import: ChronologyImportTable;
  chronology_entry: ChronologyEntryTable;
  chronology_entry_deleted: ChronologyEntryDeletedTable;
  chronology_entry_tag: ChronologyEntryTagTable;
  chronology_entry_person: ChronologyEntryPersonTable;
  chronology_entry_person_removed: ChronologyEntryPersonRemovedTable;
  chronology_duplicate: ChronologyDuplicateTable;
  chronology_mapping: ChronologyMappingTable;
}

/** The columns as data, held to the interfaces by the compiler (see ./columns.ts). */
export const chronologyColumns = {
  chronology_import: {
    id: 'text',
    review_id: 'text',
    agency_id: 'text',
    file_name: 'text',
    content_hash: 'text',
    sheet: 'text | null',
    mode: 'text',
    imported_at: 'text',
    imported_by: 'text',
    rows_imported: 'integer',
    rows_rejected: 'integer',
    removed_at: 'text | null',
    removed_by: 'text | null',
  },
  chronology_entry: {
    seq: 'integer',
    id: 'text',
    review_id: 'text',
    agency_id: 'text',
    import_id: 'text | null',
    source_row: 'integer | null',
    sequence: 'text | null',
    sequence_number: 'real | null',
    date_text: 'text',
    date_precision: 'text',
    date_qualifier: 'text',
    date_start: 'text',
    date_end: 'text | null',
    sort_key: 'text',
    range_start: 'text | null',
    range_end: 'text | null',
    time: 'text | null',
    end_date: 'text | null',
    end_time: 'text | null',
    source: 'text | null',
    practitioner: 'text | null',
    child_seen: 'text | null',
    child_seen_text: 'text | null',
    event: 'text',
    action: 'text | null',
    significance: 'text | null',
    significant: 'integer',
    created_at: 'text',
    updated_at: 'text',
    ref: 'integer',
  },
  chronology_entry_deleted: {
    id: 'text',
    review_id: 'text',
    ref: 'integer',
    import_id: 'text | null',
    reason: 'text',
    deleted_at: 'text',
    deleted_by: 'text',
    snapshot: 'text',
  },
  chronology_entry_tag: {
    entry_id: 'text',
    tag: 'text',
  },
  chronology_entry_person: {
    entry_id: 'text',
    person_id: 'text',
    found_in_text: 'integer',
  },
  chronology_entry_person_removed: {
    entry_id: 'text',
    person_id: 'text',
    removed_at: 'text',
  },
  chronology_duplicate: {
    entry_id: 'text',
    other_id: 'text',
    status: 'text',
    score: 'real | null',
    flagged_at: 'text',
    decided_at: 'text | null',
    decided_by: 'text | null',
  },
  chronology_mapping: {
    agency_id: 'text',
    mapping: 'text',
    updated_at: 'text',
  },
} satisfies ColumnsOf<ChronologyTables>;
