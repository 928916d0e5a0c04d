/**
 * NHS numbers: ten digits, the last a Modulus 11 check digit (NHS Data Dictionary,
 * "NHS Number"). Written as 3-3-4 with spaces on forms, so that layout is accepted;
 * stored as the ten digits.
 */

const TEN_DIGITS = /^\d{10}$/;
const SPACED = /^\d{3} \d{3} \d{4}$/;

/** The check digit for the first nine digits, or null when none is possible (the remainder gives 10). */
export function nhsCheckDigit(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** Why the text is not an NHS number, or null when it is one. */
export function nhsNumberProblem(text: string): string | null {
  const trimmed = text.trim();
  if (!TEN_DIGITS.test(trimmed) && !SPACED.test(trimmed)) {
    return 'An NHS number is 10 digits, written together or as 3 3 4 with spaces';
  }
  const digits = trimmed.replaceAll(' ', '');
  const check = nhsCheckDigit(digits.slice(0, 9));
  if (check === null) return 'This is not a valid NHS number: no check digit is possible for its first nine digits';
  if (check !== Number(digits[9])) return 'This is not a valid NHS number: the check digit does not match';
  return null;
}

/** The ten digits of a valid NHS number, or null. */
export function normaliseNhsNumber(text: string): string | null {
  return nhsNumberProblem(text) === null ? text.trim().replaceAll(' ', '') : null;
}

/** `943 476 5919`, as it is printed on NHS letters. */
export function formatNhsNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
