/** Dates as reviewers in England read them: dd/mm/yyyy. */

const day = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });

/** A calendar date stored as YYYY-MM-DD, as dd/mm/yyyy (never shifted by the time zone). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  return day.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** A date and time stamp (ISO 8601 instant) as dd/mm/yyyy in the person's time zone. */
export function formatDay(isoInstant: string): string {
  const date = new Date(isoInstant);
  if (Number.isNaN(date.getTime())) return isoInstant;
  return new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

export function formatScope(from: string | null, to: string | null): string {
  if (from && to) return `${formatDate(from)} to ${formatDate(to)}`;
  if (from) return `From ${formatDate(from)}`;
  if (to) return `Up to ${formatDate(to)}`;
  return 'Not set';
}

/** Today as YYYY-MM-DD in the person's time zone (the default date of a new status step). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const long = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** YYYY-MM-DD as "1 March 2015": a readout that cannot be misread as month-first. */
export function formatDateLong(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  return long.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

export type TypedDate = { iso: string } | { problem: string } | null;

/**
 * A date typed the UK way: dd/mm/yyyy (also with dots or dashes, and single-digit
 * days and months), or YYYY-MM-DD. Empty is null; a date that does not exist
 * (31/02/2015) is a problem, never a guess.
 */
export function parseTypedDate(text: string): TypedDate {
  const value = text.trim();
  if (!value) return null;
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const parts = uk ? [uk[3], uk[2], uk[1]] : iso ? [iso[1], iso[2], iso[3]] : null;
  if (!parts) return { problem: 'Enter the date as dd/mm/yyyy, e.g. 12/05/2015.' };
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { problem: `${value} is not a real date: enter it as dd/mm/yyyy, e.g. 12/05/2015.` };
  }
  return { iso: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}
