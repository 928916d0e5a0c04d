import { type DateInput, type FuzzyDate, parseFuzzyDate, rangeOf } from '../dates/fuzzy-date.js';
import { parseUkTime, type UkDateOptions } from '../dates/uk-date.js';
import { orderKey } from './order.js';

/**
 * Reading an entry's date and time the same way for an imported row, a typed-in
 * entry and an inline edit. Pure: the table can check a typed date before saving.
 *
 * A time (from a Time column) turns a day date into a minute date, so
 * `12/05/2015` + `14:30` sorts and prints as `2015-05-12T14:30`. A time next to a
 * less precise date (`May 2015`) is kept but does not pretend the day is known.
 * A date that already has a time keeps its own.
 */

export type TimeInput = string | number | Date | boolean | null | undefined;

const pad = (value: number) => String(value).padStart(2, '0');

/** `HH:mm` from a typed time, an Excel time cell (a Date on 1899-12-30) or a day fraction; null when blank. */
export function readTime(input: TimeInput): { ok: true; time: string | null } | { ok: false; reason: string } {
  if (input === null || input === undefined) return { ok: true, time: null };
  if (typeof input === 'boolean') return { ok: false, reason: `${input ? 'TRUE' : 'FALSE'} is not a time` };
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return { ok: false, reason: 'the cell holds an invalid time' };
    const rounded = new Date(Math.round(input.getTime() / 60_000) * 60_000);
    return { ok: true, time: `${pad(rounded.getUTCHours())}:${pad(rounded.getUTCMinutes())}` };
  }
  if (typeof input === 'number') {
    if (input < 0 || input >= 1) return { ok: false, reason: `${input} is not a time of day` };
    const minutes = Math.round(input * 1440) % 1440;
    return { ok: true, time: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}` };
  }
  const text = input.trim();
  if (text === '') return { ok: true, time: null };
  // A CSV keeps Excel's time cells as a fraction of a day.
  if (/^0?\.\d+$/.test(text)) return readTime(Number(text));
  const parsed = parseUkTime(text);
  if (!parsed.ok) return parsed;
  return { ok: true, time: `${pad(parsed.time.hour)}:${pad(parsed.time.minute)}` };
}

/** The date with the time folded in where it adds precision (see the module header). */
export function withTime(date: FuzzyDate, time: string | null): FuzzyDate {
  if (time === null || date.precision !== 'day' || date.qualifier === 'between') return date;
  return { ...date, precision: 'minute', start: `${date.start}T${time}` };
}

export interface EntryDateFields {
  date: FuzzyDate;
  sortKey: string;
  rangeStart: string | null;
  rangeEnd: string | null;
}

export function entryDateFields(date: FuzzyDate): EntryDateFields {
  const range = rangeOf(date);
  return { date, sortKey: orderKey(date), rangeStart: range.earliest, rangeEnd: range.latest };
}

/** An end date: a plain date to any precision (no qualifier), ISO. */
export function readEndDate(
  input: DateInput,
  options: UkDateOptions = {},
): { ok: true; iso: string | null } | { ok: false; reason: string } {
  if (input === null || input === undefined || (typeof input === 'string' && input.trim() === '')) {
    return { ok: true, iso: null };
  }
  const parsed = parseFuzzyDate(input, options);
  if (!parsed.ok) return parsed;
  if (parsed.date.qualifier !== 'on') {
    return { ok: false, reason: `${parsed.date.text}: an end date is a plain date, e.g. 15/03/2015` };
  }
  return { ok: true, iso: parsed.date.start };
}
