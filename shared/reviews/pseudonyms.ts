import type { PersonRole } from './types.js';

/**
 * Suggestions for the anonymised name every person must have (DOMAIN.md section 6):
 * "Child A", "Child B" for children; numbered role codes for professionals ("GP1",
 * "HV2"); the relationship itself for family ("Mother", "Maternal grandmother").
 * A suggestion only: the reviewer may type any pseudonym unique within the review.
 */

/** Role codes used in published reviews, matched against the professional's relationship or job title. */
const PROFESSION_CODES: readonly [RegExp, string][] = [
  [/\bgeneral practitioner\b|\bgp\b/i, 'GP'],
  [/\bhealth visitor\b/i, 'HV'],
  [/\bschool nurse\b/i, 'SN'],
  [/\bmidwi(fe|ves)\b/i, 'MW'],
  [/\bsocial worker\b/i, 'SW'],
  [/\bteacher\b|\bheadteacher\b|\bhead of year\b/i, 'T'],
  [/\bpolice\b|\bconstable\b|\bdetective\b/i, 'PO'],
  [/\bpaediatrician\b/i, 'PAED'],
  [/\bfamily support\b/i, 'FSW'],
  [/\bhousing\b/i, 'HO'],
  [/\bprobation\b/i, 'PRO'],
];

/** The code prefix for a professional: a known one, else the initials of their title, else "P". */
export function professionalPrefix(title: string | null | undefined): string {
  const text = (title ?? '').trim();
  for (const [pattern, code] of PROFESSION_CODES) if (pattern.test(text)) return code;
  const initials = text
    .split(/[^A-Za-z]+/)
    .filter((word) => word.length > 0 && !['of', 'and', 'the', 'for'].includes(word.toLowerCase()))
    .map((word) => word.charAt(0).toUpperCase())
    .join('')
    .slice(0, 4);
  return initials || 'P';
}

function letterName(index: number): string {
  // A..Z, then AA, AB... (a review with more than 26 children is rare but possible).
  let name = '';
  let n = index;
  do {
    name = String.fromCharCode(65 + (n % 26)) + name;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return name;
}

export function suggestPseudonym(
  role: PersonRole,
  relationship: string | null | undefined,
  taken: readonly string[],
): string {
  const used = new Set(taken.map((name) => name.trim().toLowerCase()));
  const free = (candidate: string) => !used.has(candidate.toLowerCase());
  const firstFree = (make: (n: number) => string, start: number) => {
    for (let n = start; ; n++) if (free(make(n))) return make(n);
  };

  if (role === 'child') return firstFree((n) => `Child ${letterName(n)}`, 0);
  if (role === 'professional') {
    const prefix = professionalPrefix(relationship);
    return firstFree((n) => `${prefix}${n}`, 1);
  }
  const label = relationship?.trim();
  if (label) {
    const base = label.charAt(0).toUpperCase() + label.slice(1);
    return free(base) ? base : firstFree((n) => `${base} ${n}`, 2);
  }
  return firstFree((n) => `Adult ${letterName(n)}`, 0);
}
