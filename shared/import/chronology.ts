import { readEndDate, readTime, withTime } from '../chronology/entry.js';
import { type ChronologyField, type EntryContent, parseChildSeen } from '../chronology/fields.js';
import { type FuzzyDate, formatIsoUk, outsidePeriod, parseFuzzyDate } from '../dates/fuzzy-date.js';
import type { ImportField } from './columns.js';
import type { ImportKind } from './kind.js';

/**
 * The chronology import kind: an agency's chronology, one entry per row
 * (DOMAIN.md section 3). Its commit writer (entries, the import record, the
 * agency's saved mapping, duplicate detection) is bound in
 * electron/services/import/chronology.ts.
 */

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

/** An imported row as it will be stored (a db/chronology.ts `EntryRecord`). */
export interface ImportedEntry extends EntryContent {
  row: number;
  /** The agency the reviewer chose, unless an Agency column names another. */
  agencyName: string;
  date: FuzzyDate;
}

export interface ChronologyImportContext {
  agencyName: string;
  /** The review's scope period (ISO dates); an entry outside it is a warning. */
  scope: { from: string | null; to: string | null };
}

/** Errors: no date, an unreadable date or time, no event. Warnings: outside the scope period. */
export const chronologyImport: ImportKind<ChronologyField, ImportedEntry, ChronologyImportContext> = {
  name: 'chronology',
  rows: { one: 'entry', many: 'entries' },
  fields: CHRONOLOGY_IMPORT_FIELDS,
  checker: ({ agencyName, scope }) => {
    return (row, problems) => {
      const parsed = parseFuzzyDate(row.cell('date'));
      if (!parsed.ok) problems.error(row.column('date'), parsed.reason);
      const time = readTime(row.cell('time'));
      if (!time.ok) problems.error(row.column('time'), time.reason);
      const endDate = readEndDate(row.cell('endDate'));
      if (!endDate.ok) problems.error(row.column('endDate'), endDate.reason);
      const endTime = readTime(row.cell('endTime'));
      if (!endTime.ok) problems.error(row.column('endTime'), endTime.reason);
      const event = row.text('event');
      if (event === null) problems.error(row.column('event'), 'event text is empty');
      if (!parsed.ok || !time.ok || !endDate.ok || !endTime.ok || event === null) return undefined;

      const date = withTime(parsed.date, time.time);
      const outside = outsidePeriod(date, scope.from, scope.to);
      if (outside !== null) {
        const edge = outside === 'before' ? scope.from : scope.to;
        problems.warning(
          row.column('date'),
          `${date.text} is ${outside} the review's scope period (${outside === 'before' ? 'starts' : 'ends'} ${formatIsoUk(edge ?? '')})`,
        );
      }
      const childSeenText = row.text('childSeen');
      const childSeen = childSeenText === null ? null : parseChildSeen(childSeenText);
      return {
        row: row.rowNumber,
        agencyName: row.text('agency') ?? agencyName,
        date,
        time: time.time,
        endDate: endDate.iso,
        endTime: endTime.time,
        sequence: row.text('sequence'),
        source: row.text('source'),
        practitioner: row.text('practitioner'),
        childSeen,
        childSeenText: childSeen === null ? childSeenText : null,
        event,
        action: row.text('action'),
        significance: row.text('significance'),
        significant: false,
      };
    };
  },
};

/**
 * What makes two rows "the same row" of an agency's file, for spotting a corrected
 * file sent again: the date as read, the time, the agency's sequence and the event
 * text (spacing and case aside). Any other change makes it a new row.
 */
export function sameRowKey(row: {
  date: Pick<FuzzyDate, 'qualifier' | 'start' | 'end'>;
  time: string | null;
  sequence: string | null;
  event: string;
}): string {
  const event = row.event.replace(/\s+/g, ' ').trim().toLowerCase();
  return JSON.stringify([row.date.qualifier, row.date.start, row.date.end, row.time, row.sequence, event]);
}
