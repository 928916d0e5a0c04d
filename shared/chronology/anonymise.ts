import { professionalPrefix } from '../reviews/pseudonyms.js';

/**
 * Anonymised output (DOMAIN.md section 6): every person's real name is replaced by
 * their pseudonym or role code from the review ("Child H", "Mother", "GP1").
 *
 * Rules, so they can be explained to a reviewer:
 *
 * - The full name, each part of it ("Sarah", "Smith"), each half of a hyphenated
 *   part ("Smith-Jones" -> "Smith", "Jones") and a title with it ("Mrs Smith",
 *   "Dr Patel") become the pseudonym; the title goes too. Possessives keep their
 *   ending: "Sarah's" -> "Child H's".
 * - Case-insensitive, on whole words only: "Mark" is replaced in "MARK" and
 *   "mark's", never inside "marked" or "Marksman". Longest match first, so
 *   "Sarah Smith" is one replacement, not two.
 * - A part shared by people with different pseudonyms (a family surname) cannot
 *   say who is meant: it becomes "[name]", never left in.
 * - A name part that is also an everyday word ("Will", "Grace", "Mark", "May")
 *   is replaced only when written with a capital, so "will attend" and "a mark on
 *   her arm" survive; a month name next to a number ("May 2015", "12 June") is a date.
 * - Initials are replaced where they point to one person: "S. Smith", "Sarah S.",
 *   "S.S." and, unless it is a common abbreviation (GP, HV, CP...), "SS".
 * - The practitioner column holds role codes only: the pseudonyms of the
 *   professionals named in it, or, for someone not among the review's people, a
 *   code from a recognised job title ("Health Visitor" -> "Unlisted HV1"), the same code for
 *   the same text throughout one export. Nothing else in that cell is kept.
 *
 * Pure and Node-free: the renderer can preview anonymised text.
 */

export interface AnonymisePerson {
  /** The real name. */
  name: string;
  pseudonym: string;
  role?: string;
  relationship?: string | null;
}

const TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'rev', 'pc', 'ds', 'dc'];

/** Names that are also everyday English words: replaced only when capitalised. */
const COMMON_WORDS = new Set(
  (
    'amber april august autumn bill bob carol chase chip cliff dawn dean don faith frank gene gill grace hazel ' +
    'heather holly hope ivy jack jade jay jean jewel joy june lily mark mary matt may miles neil olive pat ' +
    'patience penny pearl rob rose ruby rusty sandy scott skip sky stone storm summer sunny tom victor wade will ' +
    'winter wood woods young brown white green black long little king hill baker cook marsh moss fisher'
  ).split(' '),
);
const MONTHS = new Set(['april', 'may', 'june', 'july', 'august']);
/** Upper-case abbreviations common in chronologies that must not be read as someone's initials. */
const ABBREVIATIONS = new Set(
  (
    'AE CP CIN CSC DA DV ED GP HV ICPC LA LAC MASH MW NFA PC PO RCPC SN SW SS TAC TAF UK YOT CAMHS NHS ' +
    'A&E IT OT PE RE DOB NOK SEN SENCO EHC EHCP CAF FSW HO PRO PAED'
  ).split(' '),
);

/** The prefixes shared/reviews/pseudonyms.ts gives recognised job titles (anything else there is initials). */
const KNOWN_ROLE_CODES = new Set(['GP', 'HV', 'SN', 'MW', 'SW', 'T', 'PO', 'PAED', 'FSW', 'HO', 'PRO']);

const LETTER = '\\p{L}\\p{N}';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Term {
  /** Lower case, whitespace normalised. */
  text: string;
  replacement: string;
  /** Only when written with a capital first letter. */
  capitalisedOnly: boolean;
}

/** The parts of a name worth matching on their own: words of two or more letters. */
function nameParts(name: string): string[] {
  const words = name
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
    .filter((word) => word.length > 0);
  const parts = new Set<string>();
  for (const word of words) {
    if (TITLES.includes(word.toLowerCase().replace(/\.$/, ''))) continue;
    if (word.length >= 2) parts.add(word);
    for (const half of word.split(/[-‐]/)) if (half.length >= 2) parts.add(half);
  }
  return [...parts];
}

function letters(name: string): string[] {
  return nameParts(name)
    .filter((part) => !/[-‐]/.test(part))
    .map((part) => part.charAt(0).toUpperCase());
}

export const AMBIGUOUS_NAME = '[name]';

export interface Anonymiser {
  /** Free text (event, action, comment, source) with every known name replaced. */
  text(value: string): string;
  /** The practitioner column: role codes only. */
  practitioner(value: string): string;
}

/** Builds the replacement rules for one review's people once; use it for every cell of an export. */
export function createAnonymiser(people: readonly AnonymisePerson[]): Anonymiser {
  // term -> pseudonyms it could mean
  const meanings = new Map<string, { original: string; pseudonyms: Set<string> }>();
  const add = (term: string, pseudonym: string) => {
    const key = term.toLowerCase().replace(/\s+/g, ' ');
    const entry = meanings.get(key) ?? { original: term, pseudonyms: new Set<string>() };
    entry.pseudonyms.add(pseudonym);
    meanings.set(key, entry);
  };
  for (const person of people) {
    const words = person.name.trim().split(/\s+/).filter(Boolean);
    if (words.length > 0) add(words.join(' '), person.pseudonym);
    const parts = nameParts(person.name);
    for (const part of parts) add(part, person.pseudonym);
    // "S. Smith", "S Smith", "Sarah S." : an initial with another part.
    const first = parts[0];
    const last = parts.at(-1);
    if (first && last && first !== last) {
      add(`${first.charAt(0)}. ${last}`, person.pseudonym);
      add(`${first.charAt(0)} ${last}`, person.pseudonym);
      add(`${first} ${last.charAt(0)}.`, person.pseudonym);
      add(`${first} ${last.charAt(0)}`, person.pseudonym);
      add(`${first} ${last}`, person.pseudonym);
    }
  }

  const terms: Term[] = [...meanings.entries()].map(([text, { pseudonyms }]) => ({
    text,
    replacement: pseudonyms.size === 1 ? ([...pseudonyms][0] as string) : AMBIGUOUS_NAME,
    capitalisedOnly: !text.includes(' ') && COMMON_WORDS.has(text),
  }));
  terms.sort((a, b) => b.text.length - a.text.length);
  const byText = new Map(terms.map((term) => [term.text, term]));

  // Initials: "S.S." always when unambiguous; "SS" unless an abbreviation.
  const initials = new Map<string, Set<string>>();
  for (const person of people) {
    const code = letters(person.name).join('');
    if (code.length < 2 || code.length > 3) continue;
    const set = initials.get(code) ?? new Set<string>();
    set.add(person.pseudonym);
    initials.set(code, set);
  }

  const title = `(?:(?:${TITLES.join('|')})\\.?\\s+)?`;
  const alternatives = terms.map((term) =>
    term.text
      .split(' ')
      .map((word) => escapeRegExp(word))
      .join('\\s+'),
  );
  const namePattern =
    alternatives.length === 0
      ? null
      : new RegExp(`(?<![${LETTER}])(${title})(${alternatives.join('|')})(?![${LETTER}])`, 'giu');

  const initialAlternatives = [...initials.entries()]
    .filter(([, pseudonyms]) => pseudonyms.size === 1)
    .flatMap(([code]) => {
      const dotted = code
        .split('')
        .map((letter) => `${letter}\\.\\s?`)
        .join('');
      return ABBREVIATIONS.has(code) ? [dotted] : [dotted, code];
    });
  const initialPattern =
    initialAlternatives.length === 0
      ? null
      : new RegExp(`(?<![${LETTER}.])(${initialAlternatives.join('|')})(?![${LETTER}])`, 'gu');

  function replaceNames(value: string): string {
    if (!namePattern) return value;
    return value.replace(namePattern, (match: string, titleText: string, name: string, offset: number) => {
      const term = byText.get(name.toLowerCase().replace(/\s+/g, ' '));
      if (!term) return match;
      const capitalised = /^\p{Lu}/u.test(name);
      if (term.capitalisedOnly && !capitalised) return match;
      if (MONTHS.has(term.text) && titleText === '') {
        // "May 2015", "12 May": a date, not a person.
        const before = value.slice(0, offset);
        const after = value.slice(offset + match.length);
        if (/\d\s*$/.test(before) || /^\s*\d/.test(after)) return match;
      }
      return term.replacement;
    });
  }

  function replaceInitials(value: string): string {
    if (!initialPattern) return value;
    return value.replace(initialPattern, (match: string) => {
      const code = match.replace(/[.\s]/g, '');
      const pseudonyms = initials.get(code);
      const trailing = /\s$/.test(match) ? ' ' : '';
      return pseudonyms && pseudonyms.size === 1 ? `${[...pseudonyms][0]}${trailing}` : match;
    });
  }

  const text = (value: string) => replaceInitials(replaceNames(value));

  const taken = new Set(people.map((person) => person.pseudonym.toLowerCase()));
  const generated = new Map<string, string>();
  const spaced = (name: string) =>
    ` ${name
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()} `;

  function practitioner(value: string): string {
    const trimmed = value.trim();
    if (trimmed === '') return '';
    const cell = spaced(trimmed);
    const named: { at: number; pseudonym: string }[] = [];
    for (const person of people) {
      // The full name, or a part that points to this person alone; in the order written.
      const positions = [spaced(person.name), ...nameParts(person.name).map(spaced)]
        .filter((candidate, index) => {
          if (index === 0) return true;
          return byText.get(candidate.trim())?.replacement === person.pseudonym;
        })
        .map((candidate) => cell.indexOf(candidate))
        .filter((at) => at >= 0);
      if (positions.length > 0) named.push({ at: Math.min(...positions), pseudonym: person.pseudonym });
    }
    if (named.length > 0) {
      const codes = named.sort((a, b) => a.at - b.at).map((hit) => hit.pseudonym);
      return [...new Set(codes)].join(', ');
    }
    const key = cell.trim();
    const known = generated.get(key);
    if (known) return known;
    // Someone not among the review's people: a code from a recognised job title only
    // (never initials, which could identify them), marked "Unlisted" so the reviewer
    // can tell it from the codes they chose.
    const prefix = professionalPrefix(trimmed);
    const role = KNOWN_ROLE_CODES.has(prefix) ? prefix : 'P';
    let n = 1;
    while (taken.has(`unlisted ${role}${n}`.toLowerCase())) n++;
    const code = `Unlisted ${role}${n}`;
    taken.add(code.toLowerCase());
    generated.set(key, code);
    return code;
  }

  return { text, practitioner };
}

/**
 * The real names (full names and parts of three or more letters) still present in
 * `value`, as whole words, ignoring case: a last check before anything anonymised
 * leaves Casebook. Everyday-word names are checked only when capitalised.
 */
export function realNamesIn(value: string, people: readonly AnonymisePerson[]): string[] {
  const found = new Set<string>();
  for (const person of people) {
    for (const part of [person.name.trim(), ...nameParts(person.name)]) {
      if (part.length < 3) continue;
      const common = COMMON_WORDS.has(part.toLowerCase());
      const pattern = new RegExp(
        `(?<![${LETTER}])${part.split(/\s+/).map(escapeRegExp).join('\\s+')}(?![${LETTER}])`,
        common ? 'u' : 'iu',
      );
      const match = pattern.exec(value);
      if (!match) continue;
      if (common && !/^\p{Lu}/u.test(match[0])) continue;
      if (MONTHS.has(part.toLowerCase())) {
        const before = value.slice(0, match.index);
        const after = value.slice(match.index + match[0].length);
        if (/\d\s*$/.test(before) || /^\s*\d/.test(after)) continue;
      }
      found.add(part);
    }
  }
  return [...found];
}
