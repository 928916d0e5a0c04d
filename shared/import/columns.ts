/**
 * Matching a spreadsheet's headers to the fields an importer needs, for any
 * import (agency chronologies, CDOP cases). Agencies name columns differently
 * ("Date of event", "Event Date", "DATE"), so each field lists its synonyms.
 *
 * Rules, in order:
 * 1. a saved mapping (the reviewer's earlier choice, field -> header text) wins
 *    when that header is still there;
 * 2. an exact match of the label or a synonym, ignoring case, punctuation,
 *    extra spaces and a trailing "(s)";
 * 3. a header that contains a synonym as whole words ("Date of event (dd/mm/yyyy)").
 *    A header goes to the field whose synonym it contains is longest, so
 *    "Event Date" is a date, not an event.
 * One header maps to at most one field. Pure: the renderer's mapping screen uses it.
 */

export interface ImportField<Field extends string = string> {
  field: Field;
  /** What the reviewer sees on the mapping screen. */
  label: string;
  synonyms: readonly string[];
  required: boolean;
}

export type MatchedBy = 'saved' | 'exact' | 'contains';

export interface ColumnMatch<Field extends string = string> {
  /** Field -> index into the headers; unmatched fields are absent. */
  mapping: Partial<Record<Field, number>>;
  /** How each matched field was found, so the screen can ask the reviewer to check the guesses. */
  matchedBy: Partial<Record<Field, MatchedBy>>;
  /** Labels of required fields with no column. */
  missingRequired: string[];
  /** Non-blank headers no field uses. */
  unmatchedHeaders: string[];
}

/** Lower case, a trailing "(s)" dropped, punctuation to spaces, spaces collapsed. */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/\(s\)\s*$/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function containsWords(haystack: string, needle: string): boolean {
  if (needle === '') return false;
  return ` ${haystack} `.includes(` ${needle} `);
}

export function matchColumns<Field extends string>(
  headers: readonly string[],
  fields: readonly ImportField<Field>[],
  savedMapping: Partial<Record<Field, string>> = {},
): ColumnMatch<Field> {
  const normalised = headers.map(normaliseHeader);
  const mapping: Partial<Record<Field, number>> = {};
  const matchedBy: Partial<Record<Field, MatchedBy>> = {};
  const used = new Set<number>();
  const assign = (field: Field, index: number, how: MatchedBy): void => {
    mapping[field] = index;
    matchedBy[field] = how;
    used.add(index);
  };
  const namesOf = (field: ImportField<Field>): string[] =>
    [field.label, ...field.synonyms].map(normaliseHeader).filter((name) => name !== '');

  for (const field of fields) {
    const saved = savedMapping[field.field];
    if (saved === undefined) continue;
    const index = normalised.findIndex((header, at) => !used.has(at) && header === normaliseHeader(saved));
    if (index !== -1) assign(field.field, index, 'saved');
  }

  for (const field of fields) {
    if (mapping[field.field] !== undefined) continue;
    const names = namesOf(field);
    const index = normalised.findIndex((header, at) => !used.has(at) && header !== '' && names.includes(header));
    if (index !== -1) assign(field.field, index, 'exact');
  }

  // Contains-matches: each header's best field is the one with the longest synonym inside it.
  const candidates: { field: Field; index: number; words: number }[] = [];
  normalised.forEach((header, index) => {
    if (used.has(index) || header === '') return;
    let best: { field: Field; words: number } | null = null;
    for (const field of fields) {
      for (const name of namesOf(field)) {
        const words = name.split(' ').length;
        if (containsWords(header, name) && (best === null || words > best.words)) best = { field: field.field, words };
      }
    }
    if (best) candidates.push({ ...best, index });
  });
  candidates.sort((a, b) => b.words - a.words || a.index - b.index);
  for (const candidate of candidates) {
    if (mapping[candidate.field] !== undefined || used.has(candidate.index)) continue;
    assign(candidate.field, candidate.index, 'contains');
  }

  return {
    mapping,
    matchedBy,
    missingRequired: fields.filter((field) => field.required && mapping[field.field] === undefined).map((f) => f.label),
    unmatchedHeaders: headers.filter((header, index) => !used.has(index) && header.trim() !== ''),
  };
}

/** The header text for each mapped field, to save as the reviewer's mapping for the next file from that agency. */
export function mappingToSave<Field extends string>(
  headers: readonly string[],
  mapping: Partial<Record<Field, number>>,
): Partial<Record<Field, string>> {
  const saved: Partial<Record<Field, string>> = {};
  for (const [field, index] of Object.entries(mapping) as [Field, number | undefined][]) {
    const header = index === undefined ? undefined : headers[index];
    if (header !== undefined) saved[field] = header;
  }
  return saved;
}
