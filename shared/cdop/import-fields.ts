import type { ImportField } from '../import/columns.js';

/**
 * Columns of a CDOP historical-case import (issue 4), with the header synonyms
 * panels' spreadsheets use. Pure: the mapping screen shows the same list.
 */
export type CdopImportField =
  | 'reference'
  | 'child_name'
  | 'date_of_birth'
  | 'date_of_death'
  | 'sex'
  | 'ethnicity'
  | 'expected'
  | 'category'
  | 'modifiable'
  | 'date_notified'
  | 'date_review_completed';

export const CDOP_IMPORT_FIELDS: readonly ImportField<CdopImportField>[] = [
  {
    field: 'reference',
    label: 'reference',
    synonyms: ['ref', 'case reference', 'cdop reference', 'case ref', 'case number', 'case id'],
    required: true,
  },
  {
    field: 'child_name',
    label: 'child_name',
    synonyms: ['child name', 'name', "child's name", 'name of child'],
    required: false,
  },
  {
    field: 'date_of_birth',
    label: 'date_of_birth',
    synonyms: ['dob', 'date of birth', 'birth date', 'd o b'],
    required: true,
  },
  {
    field: 'date_of_death',
    label: 'date_of_death',
    synonyms: ['dod', 'date of death', 'death date', 'd o d'],
    required: true,
  },
  { field: 'sex', label: 'sex', synonyms: ['gender', 'sex of child'], required: true },
  {
    field: 'ethnicity',
    label: 'ethnicity',
    synonyms: ['ethnic group', 'ethnic origin', 'ethnic category'],
    required: false,
  },
  {
    field: 'expected',
    label: 'expected',
    synonyms: ['expected unexpected', 'expected or unexpected', 'expected death', 'type of death'],
    required: false,
  },
  {
    field: 'category',
    label: 'category',
    synonyms: ['category of death', 'cdop category', 'death category'],
    required: false,
  },
  {
    field: 'modifiable',
    label: 'modifiable',
    synonyms: ['modifiable factors', 'modifiable outcome', 'preventable', 'modifiable factors identified'],
    required: false,
  },
  {
    field: 'date_notified',
    label: 'date_notified',
    synonyms: ['notified', 'date of notification', 'notification date', 'notified on'],
    required: true,
  },
  {
    field: 'date_review_completed',
    label: 'date_review_completed',
    synonyms: ['review completed', 'date review completed', 'review completion date', 'completed', 'date reviewed'],
    required: false,
  },
];
