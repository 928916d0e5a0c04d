import type { ImportField } from '../import/columns.js';

/**
 * The fields of an agency chronology entry (DOMAIN.md section 3) and the column
 * headers agencies use for them. Pure: the import wizard's mapping screen shows
 * the same labels the importer matches.
 */

export const CHRONOLOGY_FIELDS = [
  'date',
  'time',
  'endDate',
  'endTime',
  'sequence',
  'agency',
  'source',
  'practitioner',
  'childSeen',
  'event',
  'action',
  'significance',
] as const;

export type ChronologyField = (typeof CHRONOLOGY_FIELDS)[number];

export const CHRONOLOGY_IMPORT_FIELDS: readonly ImportField<ChronologyField>[] = [
  {
    field: 'date',
    label: 'Date',
    synonyms: ['Start Date', 'Event Date', 'Date of event', 'Date or period', 'Date of contact'],
    required: true,
  },
  { field: 'time', label: 'Time', synonyms: ['Start Time', 'Time of event'], required: false },
  { field: 'endDate', label: 'End date', synonyms: ['End Date', 'Date to', 'To date'], required: false },
  { field: 'endTime', label: 'End time', synonyms: ['End Time'], required: false },
  {
    field: 'sequence',
    label: 'Sequence',
    synonyms: ['Event Ref', 'Ref', 'No.', 'No', 'Reference', 'Seq'],
    required: false,
  },
  // Optional: usually implied by the file, and the reviewer names the agency on import.
  { field: 'agency', label: 'Agency', synonyms: ['Organisation', 'Organization', 'Service'], required: false },
  {
    field: 'source',
    label: 'Source',
    synonyms: ['Source of Information', 'Source record', 'Record', 'Source document'],
    required: false,
  },
  {
    field: 'practitioner',
    label: 'Practitioner',
    synonyms: ['Staff', 'Worker', 'Professional', 'Staff member'],
    required: false,
  },
  { field: 'childSeen', label: 'Child seen', synonyms: ['Seen alone', 'Present', 'Who was present'], required: false },
  {
    field: 'event',
    label: 'Event',
    synonyms: ['Details', 'Event or contact', 'Description', 'Significant event', 'Details of contact'],
    required: true,
  },
  {
    field: 'action',
    label: 'Action',
    synonyms: ['Action taken', 'Outcome', 'Decision', 'Action / outcome'],
    required: false,
  },
  {
    field: 'significance',
    label: 'Significance',
    synonyms: ['Comment', 'Analysis', 'Impact', 'Agency comment', 'Comments'],
    required: false,
  },
];

/** Every header text the importer knows, so the header row is found even below a title row. */
export const CHRONOLOGY_KNOWN_HEADERS: readonly string[] = CHRONOLOGY_IMPORT_FIELDS.flatMap((field) => [
  field.label,
  ...field.synonyms,
]);

export const CHILD_SEEN_CODES = ['yes', 'no', 'not-known'] as const;
export type ChildSeen = (typeof CHILD_SEEN_CODES)[number];

/** `Y`, `Yes`, `seen`, `N`, `No`, `NK`, `Not known`, `Unknown`, `N/A`... -> the code; null when it is not one of these. */
export function parseChildSeen(text: string): ChildSeen | null {
  const value = text
    .trim()
    .toLowerCase()
    .replace(/[^a-z/]+/g, ' ')
    .trim();
  if (['y', 'yes', 'seen', 'true', 'yes seen', 'seen alone'].includes(value)) return 'yes';
  if (['n', 'no', 'not seen', 'false'].includes(value)) return 'no';
  if (['nk', 'n k', 'not known', 'unknown', 'n/k', 'n/a', 'na', 'not recorded', 'dk', 'don t know'].includes(value))
    return 'not-known';
  return null;
}

export const CHILD_SEEN_LABELS: Record<ChildSeen, string> = { yes: 'Yes', no: 'No', 'not-known': 'Not known' };
