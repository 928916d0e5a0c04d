import type { ReactNode } from 'react';
import type { ChronologyEntry, EntryDate } from '../../../../shared/api/contract.js';
import { formatIsoUk } from '../../../../shared/dates/fuzzy-date.js';

/**
 * The chronology table's columns: what each shows, and how a cell is edited in
 * place. Dates are shown to the precision they were recorded with (never a
 * made-up day), with the uncertainty as a badge.
 */

export type EditKind = 'text' | 'long' | 'tags' | 'toggle';

export interface Column {
  key: string;
  label: string;
  /** A CSS grid track, in em of the table's text so the columns keep their proportions. */
  width: string;
  edit?: EditKind;
  /** The field `chronology.update` takes, when the cell is editable. */
  field?: 'date' | 'time' | 'source' | 'practitioner' | 'event' | 'action' | 'significance' | 'significant' | 'tags';
  /** The text an editor starts with. */
  editValue?: (entry: ChronologyEntry) => string;
  render: (entry: ChronologyEntry) => ReactNode;
}

const PRECISION_BADGE: Partial<Record<EntryDate['precision'], string>> = { year: 'year only', month: 'month only' };
const QUALIFIER_BADGE: Partial<Record<EntryDate['qualifier'], string>> = {
  circa: 'circa',
  before: 'before',
  after: 'after',
  between: 'between',
};

/** The date without its qualifier word (the badge says it), and without the time (the time column does). */
export function dateWithoutQualifier(date: EntryDate): string {
  const day = (iso: string) => formatIsoUk(iso.length > 10 ? iso.slice(0, 10) : iso);
  return date.end ? `${day(date.start)} – ${day(date.end)}` : day(date.start);
}

export function DateCell({ date }: { date: EntryDate }) {
  const qualifier = QUALIFIER_BADGE[date.qualifier];
  const precision = PRECISION_BADGE[date.precision];
  return (
    <span className="chron-date">
      {qualifier ? <span className="badge badge-uncertain">{qualifier}</span> : null}{' '}
      {/* Each day whole; a range may break after its dash, so a narrow column never cuts its end off. */}
      {dateWithoutQualifier(date)
        .split(/(?<=–) /)
        .map((part, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the start and the end of one date
          <span key={index} className="nowrap">
            {index > 0 ? ' ' : ''}
            {part}
          </span>
        ))}
      {precision ? (
        <>
          {' '}
          <span className="badge badge-precision">{precision}</span>
        </>
      ) : null}
    </span>
  );
}

const text = (value: string | null) => value ?? '';

/** A column for one of the entry's optional text fields, shown and edited as written. */
function textColumn(
  field: 'source' | 'practitioner' | 'action' | 'significance',
  label: string,
  width: string,
  edit: 'text' | 'long',
): Column {
  return {
    key: field,
    label,
    width,
    edit,
    field,
    editValue: (entry) => text(entry[field]),
    render: (entry) => text(entry[field]),
  };
}

/** The time column, or the time a date cell carried (`12/05/2015 14:30` in one Excel cell). */
export function timeOf(entry: ChronologyEntry): string {
  if (entry.time) return entry.time;
  return entry.date.precision === 'minute' && entry.date.end === null ? entry.date.start.slice(11, 16) : '';
}

export const COLUMNS: readonly Column[] = [
  {
    key: 'date',
    label: 'Date',
    width: '8.4em',
    edit: 'text',
    field: 'date',
    editValue: (entry) => entry.date.text,
    render: (entry) => <DateCell date={entry.date} />,
  },
  {
    key: 'time',
    label: 'Time',
    width: '4.2em',
    edit: 'text',
    field: 'time',
    editValue: (entry) => text(entry.time),
    render: (entry) => timeOf(entry),
  },
  { key: 'agency', label: 'Agency', width: '6.6em', render: (entry) => entry.agency.name },
  textColumn('source', 'Source', '6.8em', 'text'),
  textColumn('practitioner', 'Practitioner', '7.6em', 'text'),
  {
    key: 'event',
    label: 'Event',
    width: 'minmax(13em, 3fr)',
    edit: 'long',
    field: 'event',
    editValue: (entry) => entry.event,
    render: (entry) => entry.event,
  },
  textColumn('action', 'Action', 'minmax(7em, 1fr)', 'long'),
  textColumn('significance', 'Significance', 'minmax(7.6em, 1fr)', 'long'),
  {
    key: 'significant',
    label: 'Significant',
    width: '7em',
    edit: 'toggle',
    field: 'significant',
    render: (entry) => (entry.significant ? <span className="badge badge-significant">Significant</span> : ''),
  },
  {
    key: 'tags',
    label: 'Tags',
    width: '5.4em',
    edit: 'tags',
    field: 'tags',
    editValue: (entry) => entry.tags.join(', '),
    render: (entry) =>
      entry.tags.map((tag) => (
        <span key={tag} className="badge badge-tag">
          {tag}
        </span>
      )),
  },
  {
    key: 'duplicate',
    label: 'Duplicate',
    width: '6.6em',
    render: (entry) =>
      entry.possibleDuplicateOf.length > 0 ? (
        <span className="badge badge-duplicate">Possible duplicate</span>
      ) : entry.linkedWith.length > 0 ? (
        <span className="badge badge-tag">Linked: same event</span>
      ) : (
        ''
      ),
  },
];

export const GRID_TEMPLATE = COLUMNS.map((column) => column.width).join(' ');

/** What an edited cell's text becomes in `chronology.update`. */
export function updateValue(column: Column, value: string): unknown {
  if (column.edit === 'tags') {
    return value
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
  }
  return value;
}
