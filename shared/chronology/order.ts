import { type DateQualifier, earliestOf, type FuzzyDate, latestOf, precisionOfIso } from '../dates/fuzzy-date.js';

/**
 * The chronology's one order, for the table, the timeline's list, search results
 * and exports. The vault stores `orderKey` with each entry (`sort_key`) and
 * db/chronology.ts orders by it and the same tie-breaks in SQL, so paging works;
 * tests/integration/chronology-order.test.ts checks that the two agree.
 *
 * - An entry sorts at the start of the period its date names: an uncertain date
 *   (`May 2015`, `circa June 2015`, `between 01/03/2015 and 15/03/2015`) sits at
 *   the start of its range, a coarser one before a finer one starting at the same
 *   moment (`2015`, then `May 2015`, then `01/05/2015 09:00`): it reads like a heading.
 * - An entry with a day but no time comes after the timed entries of that day: a
 *   referral made "on 12/05" reports the police incident at 01:15, not the reverse.
 * - `before X` sorts just before everything at the start of X; `after X` just after everything in X.
 * - Ties: the agency's place in the review's agency list, then the agency's own
 *   order (its sequence number, then the row of its file), then the order added.
 */

/** The rule in one sentence, as the chronology screen says it. */
export const ORDER_RULE =
  'Entries are in date order: an uncertain date sits at the start of its range, an entry without a time after the timed entries of its day, and entries at the same moment by agency, then in the order of the agency’s own file.';

const QUALIFIER_RANK: Record<DateQualifier, string> = { before: '0', on: '1', circa: '2', between: '3', after: '4' };
const PRECISION_RANK = { year: '0', month: '1', day: '2', minute: '3' } as const;
/** An untimed day ranks after a time at the day's last minute. */
const UNTIMED_DAY_RANK = '4';

/** A string whose order is the chronology's order of dates (see the module header). */
export function orderKey(date: FuzzyDate): string {
  const precision = precisionOfIso(date.start);
  const untimedDay = precision === 'day' && date.qualifier === 'on';
  const position = date.qualifier === 'after' || untimedDay ? latestOf(date.start) : earliestOf(date.start);
  const group = date.qualifier === 'before' ? '0' : date.qualifier === 'after' ? '2' : '1';
  const rank = untimedDay ? UNTIMED_DAY_RANK : PRECISION_RANK[precision];
  const end = date.end === null ? '' : latestOf(date.end);
  return `${position}|${group}${rank}${QUALIFIER_RANK[date.qualifier]}|${end}`;
}

/** What the order reads of an entry. */
export interface OrderedEntry {
  date: FuzzyDate;
  /** The agency's place in the review's agency list. */
  agencyPosition: number;
  sequence: string | null;
  /** The row of the agency's file; null for a typed-in entry. */
  row: number | null;
  /** The order the entries were added (the vault's rowid). */
  added: number;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Blank last: an entry the agency gave no number or row for follows those it did. */
function compareOptional<T>(a: T | null, b: T | null, compare: (x: T, y: T) => number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compare(a, b);
}

/** For Array.prototype.sort: the chronology's order. */
export function compareEntries(a: OrderedEntry, b: OrderedEntry): number {
  return (
    compareText(orderKey(a.date), orderKey(b.date)) ||
    a.agencyPosition - b.agencyPosition ||
    compareOptional(sequenceNumber(a.sequence), sequenceNumber(b.sequence), (x, y) => x - y) ||
    compareOptional(a.sequence, b.sequence, compareText) ||
    compareOptional(a.row, b.row, (x, y) => x - y) ||
    a.added - b.added
  );
}

/**
 * A reference's number, for ordering entries on the same day: the last run of
 * digits, so "R9" < "R10" and "HV-012" is 12 ("12.5" stays 12.5). Null when there
 * is none; references with the same number then order by their text.
 */
export function sequenceNumber(sequence: string | null): number | null {
  const match = sequence?.match(/(\d{1,15}(?:\.\d{1,6})?)\D*$/);
  return match ? Number(match[1]) : null;
}
