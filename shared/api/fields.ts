import { z } from 'zod';
import { isIsoDate, isPartialIsoDate } from '../dates/iso-date.js';

/**
 * The building blocks of the channels' input schemas. Each name means one thing
 * across the whole contract, so a field called `id`, `isoDate` or `optionalText`
 * accepts the same values and gives the same error on every channel.
 */

/**
 * An id the vault issued: UUIDs for records, `entryId:otherId` for a duplicate
 * flag, so any non-blank text. An id the vault never issued is answered
 * `not_found`, which says more than "not a UUID".
 */
export const id = (what: string) => z.string().trim().min(1, `Give the ${what} id`).max(100);

/** A real calendar date as `YYYY-MM-DD` (2015-02-31 is refused). */
export const isoDate = (what = 'Date') =>
  z
    .string()
    .trim()
    .refine(isIsoDate, { message: `${what}: enter a real date as YYYY-MM-DD, e.g. 2015-05-12` });

/** A real date to the precision it names: `2015`, `2015-05` or `2015-05-12` (spans and filters). */
export const partialIsoDate = (what = 'Date') =>
  z
    .string()
    .trim()
    .refine(isPartialIsoDate, { message: `${what}: enter a date as YYYY, YYYY-MM or YYYY-MM-DD` });

/** Text that must be given. */
export const requiredText = (what: string, max: number) =>
  z.string().trim().min(1, `Enter the ${what}`).max(max, `The ${what} is too long (at most ${max} characters)`);

/** Text that may be left out: an empty string becomes null (clears it), here and nowhere else. */
export const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `The ${what} is too long (at most ${max} characters)`)
    .transform((value) => (value === '' ? null : value))
    .nullable();

/** The input of channels that take one record by its id. */
export const byId = (what: string) => z.object({ id: id(what) }).strict();
