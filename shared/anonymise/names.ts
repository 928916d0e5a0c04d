import { fold, foldWithPositions } from './normalise.js';

/**
 * Finding a review's people in text: the one matcher that anonymisation, the leak
 * check and the automatic entry-person links share.
 *
 * What counts as a mention of a person, so it can be explained to a reviewer:
 * - the full name, each part of it ("Sarah", "Smith"), each half of a hyphenated
 *   part ("Thompson-Reid" -> "Thompson", "Reid"), and the same for each of their
 *   other names ("Tyler", "Dr Okafor", "Ms Brown"); a title in front goes with the
 *   name ("Mrs Smith"); "S. Smith", "S Smith" and "Sarah S." too;
 * - whole words only and in any capitalisation: "Mark" is found in "MARK" and
 *   "Mark's", never in "marked"; the longest name wins ("Sarah Smith" is one mention);
 * - compared after folding (./normalise.ts): accents, decomposed letters, zero-width
 *   characters, soft hyphens and curly apostrophes do not hide a name;
 * - a name that is also an everyday word ("Will", "Grace", "Mark", "May", "Brown")
 *   counts only when written with a capital, and a month next to a number
 *   ("May 2015", "12 June") is a date;
 * - a part shared by people with different pseudonyms (a family surname) is a
 *   mention of each of them, which anonymisation cannot resolve (it writes "[name]").
 */

export interface AnonymisePerson {
  /** The real name. */
  name: string;
  /** Other forms of the name the text uses: "Tyler", "Dr Okafor", "Ms Brown". */
  alsoKnownAs?: readonly string[];
  /** The pseudonym or role code that replaces the name: "Child H", "Mother", "GP1". */
  pseudonym: string;
  role?: string;
  relationship?: string | null;
  /** Identifiers the leak check also looks for (./leak-check.ts). */
  nhsNumber?: string | null;
  /** ISO date, yyyy-mm-dd. */
  dateOfBirth?: string | null;
  address?: string | null;
  postcode?: string | null;
}

export const TITLES = [
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'rev',
  'pc',
  'ds',
  'dc',
  'sgt',
];

/** Names that are also everyday English words: a mention only when capitalised. */
const COMMON_WORDS = new Set(
  (
    'amber april august autumn bill bob carol chase chip cliff dawn dean don faith frank gene gill grace hazel ' +
    'heather holly hope ivy jack jade jay jean jewel joy june lily mark mary matt may miles neil olive pat ' +
    'patience penny pearl rob rose ruby rusty sandy scott skip sky stone storm summer sunny tom victor wade will ' +
    'winter wood woods young brown white green black long little king hill baker cook marsh moss fisher ' +
    'hall wall page lane rich love'
  ).split(' '),
);
const MONTHS = new Set(['april', 'may', 'june', 'july', 'august']);

const LETTER = '\\p{L}\\p{N}';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of a folded name worth matching alone: two or more letters, titles left out. */
export function nameParts(name: string): string[] {
  const parts = new Set<string>();
  for (const raw of fold(name).split(' ')) {
    const word = raw.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    if (word.length < 2 || TITLES.includes(word.replace(/\.$/, ''))) continue;
    parts.add(word);
    for (const half of word.split('-')) if (half.length >= 2) parts.add(half);
  }
  return [...parts];
}

/** Every form of one person's name, folded: the name, their other names, parts and initial forms. */
function termsOf(person: AnonymisePerson): string[] {
  const terms = new Set<string>();
  for (const name of [person.name, ...(person.alsoKnownAs ?? [])]) {
    const whole = fold(name);
    if (whole.length >= 2) terms.add(whole);
    const parts = nameParts(name);
    for (const part of parts) terms.add(part);
    const words = whole.split(' ').filter((word) => !TITLES.includes(word.replace(/\.$/, '')));
    if (words.length >= 2) terms.add(words.join(' '));
    const first = parts[0];
    const last = parts.at(-1);
    if (first && last && first !== last && !first.includes('-')) {
      terms.add(`${first} ${last}`);
      terms.add(`${first.charAt(0)}. ${last}`);
      terms.add(`${first.charAt(0)} ${last}`);
      terms.add(`${first} ${last.charAt(0)}.`);
      terms.add(`${first} ${last.charAt(0)}`);
    }
  }
  return [...terms];
}

export interface NameMention {
  /** Where the mention is in the original text (a title with it included). */
  start: number;
  end: number;
  /** The pseudonyms of everyone the words could mean (more than one for a shared surname). */
  pseudonyms: string[];
}

export interface NameFinder {
  /** Every mention in `text`, in order, not overlapping. */
  find(text: string): NameMention[];
}

/** Builds the matcher for one review's people once; use it for every piece of text. */
export function nameFinder(people: readonly AnonymisePerson[]): NameFinder {
  const meanings = new Map<string, Set<string>>();
  for (const person of people) {
    for (const term of termsOf(person)) {
      const set = meanings.get(term) ?? new Set<string>();
      set.add(person.pseudonym);
      meanings.set(term, set);
    }
  }
  const terms = [...meanings.keys()].sort((a, b) => b.length - a.length);
  if (terms.length === 0) return { find: () => [] };
  // A name on its own first, so another name that includes a title ("Dr Okafor")
  // wins over the title followed by a shorter, shared name ("Okafor").
  const names = terms.map((term) => escapeRegExp(term).replaceAll(' ', ' +')).join('|');
  const title = `(?:${TITLES.join('|')})\\.? +`;
  const pattern = new RegExp(`(?<![${LETTER}])(?:(${names})|${title}(${names}))(?![${LETTER}])`, 'gu');

  function find(text: string): NameMention[] {
    const folded = foldWithPositions(text);
    const mentions: NameMention[] = [];
    for (const match of folded.text.matchAll(pattern)) {
      const written = (match[1] ?? match[2]) as string;
      const term = written.replace(/ +/g, ' ');
      const at = match.index;
      const termAt = at + match[0].length - written.length;
      const start = folded.start(at);
      const end = folded.end(at + match[0].length - 1);
      const nameStart = folded.start(termAt);
      if (COMMON_WORDS.has(term) || MONTHS.has(term)) {
        const firstLetter = text.slice(nameStart, end).match(/\p{L}/u)?.[0] ?? '';
        if (firstLetter === firstLetter.toLowerCase()) continue;
      }
      if (MONTHS.has(term) && termAt === at) {
        const before = folded.text.slice(0, at);
        const after = folded.text.slice(at + match[0].length);
        if (/\d\s*$/.test(before) || /^\s*\d/.test(after)) continue;
      }
      mentions.push({ start, end, pseudonyms: [...(meanings.get(term) ?? [])] });
    }
    return mentions;
  }
  return { find };
}
