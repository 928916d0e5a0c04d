import { formatIsoUk } from '../../shared/dates/fuzzy-date.js';

/**
 * Dates and times for people, UK style, in one place. Calendar dates (a date of
 * death, a scope end) are days, never instants: shown as written, never shifted by
 * the time zone. Timestamps (when something was recorded) are instants, shown in
 * the person's own time zone.
 */

/** An ISO date to its precision (`2015-05-12` -> `12/05/2015`, `2015-05` -> `May 2015`); '' for none. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? formatIsoUk(iso) : '';
}

const long = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** YYYY-MM-DD as "1 March 2015": a readout that cannot be misread as month-first. */
export function formatDateLong(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  return long.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const day = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' });

/** A timestamp as dd/mm/yyyy HH:mm in the person's time zone; the raw text if it is not a date. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTime.format(date).replace(',', '');
}

/** A timestamp as dd/mm/yyyy in the person's time zone. */
export function formatDay(isoInstant: string): string {
  const date = new Date(isoInstant);
  if (Number.isNaN(date.getTime())) return isoInstant;
  return day.format(date);
}

/** Today as YYYY-MM-DD in the person's time zone (the default date of a new status step). */
export { todayIso } from '../../shared/dates/iso-date.js';
