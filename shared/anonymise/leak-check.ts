import { type AnonymisePerson, nameFinder } from './names.js';
import { fold } from './normalise.js';

/**
 * The leak check: the last look at anonymised output before it leaves Casebook.
 * It scans each piece of text for everything the review holds that identifies its
 * people, after the same folding as the matching (./normalise.ts), so a disguise
 * that slipped past the replacement is still caught:
 * - every real name and other name, as ./names.ts finds them;
 * - an NHS number, with or without spaces or dashes between the digits;
 * - a date of birth in the usual written forms: 03/07/2015, 3/7/15, 03-07-2015,
 *   3.7.2015, 2015-07-03, 3 July 2015, 3rd Jul 2015, July 3, 2015;
 * - an address: the whole of it, or a line of it with a house number or name
 *   ("12 Acacia Avenue"), whatever the punctuation between the words;
 * - a postcode, in any spacing and case ("LS1 4AB", "ls14ab").
 *
 * A leak names where it is (the caller's words: "Integrated chronology, row 4,
 * Event"; "word/document.xml, paragraph 12"), what kind it is and whose (by
 * pseudonym), never the personal text itself: the list may be shown, printed or logged.
 */

export type LeakKind = 'name' | 'nhs-number' | 'date-of-birth' | 'address' | 'postcode';

export interface Leak {
  where: string;
  kind: LeakKind;
  /** The pseudonym of the person it identifies; several when a shared surname is found. */
  person: string;
}

export interface TextPart {
  /** Where this text is, in words the reviewer can find. */
  where: string;
  text: string;
}

const LEAK_LABELS: Record<LeakKind, string> = {
  name: 'a real name',
  'nhs-number': 'an NHS number',
  'date-of-birth': 'a date of birth',
  address: 'an address',
  postcode: 'a postcode',
};

/** "Row 4, Event: a real name (Child H)": one line per leak, no personal text. */
export function describeLeak(leak: Leak): string {
  return `${leak.where}: ${LEAK_LABELS[leak.kind]} (${leak.person})`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALNUM = '\\p{L}\\p{N}';

/** The characters in order, any spacing or dashes between them, not inside a longer word or number. */
function spacedPattern(characters: string): RegExp {
  const body = [...characters].map(escapeRegExp).join('[\\s.-]{0,3}');
  return new RegExp(`(?<![${ALNUM}])${body}(?![${ALNUM}])`, 'u');
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** The usual written forms of one ISO date, as a pattern over folded text. */
export function datePattern(iso: string): RegExp | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!match) return null;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  const d = `0?${Number(day)}`;
  const m = `0?${Number(month)}`;
  const y = `(?:${year}|${year.slice(2)})`;
  const name = MONTH_NAMES[Number(month) - 1] as string;
  const monthName = `(?:${name}|${name.slice(0, 3)}\\.?|${name.slice(0, 4)}\\.?)`;
  const ordinal = `${d}(?:st|nd|rd|th)?`;
  const forms = [
    `${d}\\s?[/.-]\\s?${m}\\s?[/.-]\\s?${y}`,
    `${year}\\s?[/.-]\\s?${m}\\s?[/.-]\\s?${d}`,
    `${ordinal}\\s(?:of\\s)?${monthName},?\\s${year}`,
    `${monthName}\\s${ordinal},?\\s${year}`,
  ];
  return new RegExp(`(?<![${ALNUM}])(?:${forms.join('|')})(?![${ALNUM}])`, 'u');
}

/** The whole address and the lines of it that point to one home: the first line, and any with a number. */
function addressPatterns(address: string): RegExp[] {
  const [firstLine = '', ...rest] = address.split(/[,\n;]/);
  const lines = [address, firstLine, ...rest.filter((line) => /\d/.test(line))]
    .map((line) =>
      fold(line)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim(),
    )
    .filter((line) => line.length >= 5);
  return [...new Set(lines)].map(
    (line) => new RegExp(`(?<![${ALNUM}])${line.split(' ').map(escapeRegExp).join(`[^${ALNUM}]+`)}(?![${ALNUM}])`, 'u'),
  );
}

interface Identifier {
  kind: Exclude<LeakKind, 'name'>;
  person: string;
  pattern: RegExp;
}

function identifiersOf(person: AnonymisePerson): Identifier[] {
  const found: Identifier[] = [];
  const add = (kind: Identifier['kind'], pattern: RegExp | null) => {
    if (pattern) found.push({ kind, person: person.pseudonym, pattern });
  };
  const nhs = (person.nhsNumber ?? '').replace(/\D/g, '');
  if (nhs.length === 10) add('nhs-number', spacedPattern(nhs));
  if (person.dateOfBirth) add('date-of-birth', datePattern(person.dateOfBirth));
  const postcode = fold(person.postcode ?? '').replace(/[^\p{L}\p{N}]/gu, '');
  if (postcode.length >= 5) add('postcode', spacedPattern(postcode));
  if (person.address) for (const pattern of addressPatterns(person.address)) add('address', pattern);
  return found;
}

/**
 * Every leak in `parts`, in order; an empty list means the text is safe to release.
 * Build the people list once (`leakChecker`) when checking many documents.
 */
export function findLeaks(people: readonly AnonymisePerson[], parts: readonly TextPart[]): Leak[] {
  return leakChecker(people)(parts);
}

export function leakChecker(people: readonly AnonymisePerson[]): (parts: readonly TextPart[]) => Leak[] {
  const finder = nameFinder(people);
  const identifiers = people.flatMap(identifiersOf);
  return (parts) => {
    const leaks: Leak[] = [];
    const seen = new Set<string>();
    const add = (leak: Leak) => {
      const key = `${leak.where}\u0000${leak.kind}\u0000${leak.person}`;
      if (seen.has(key)) return;
      seen.add(key);
      leaks.push(leak);
    };
    for (const part of parts) {
      if (part.text.trim() === '') continue;
      for (const mention of finder.find(part.text)) {
        add({ where: part.where, kind: 'name', person: mention.pseudonyms.join(' or ') });
      }
      if (identifiers.length === 0) continue;
      const folded = fold(part.text);
      for (const identifier of identifiers) {
        if (identifier.pattern.test(folded))
          add({ where: part.where, kind: identifier.kind, person: identifier.person });
      }
    }
    return leaks;
  };
}
