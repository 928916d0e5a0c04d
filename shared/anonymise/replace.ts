import { professionalPrefix } from '../reviews/pseudonyms.js';
import { datePattern } from './leak-check.js';
import { type AnonymisePerson, nameFinder, nameParts } from './names.js';
import { fold, foldWithPositions } from './normalise.js';

/**
 * Anonymised output (DOMAIN.md section 6): every person's real name becomes their
 * pseudonym or role code ("Child H", "Mother", "GP1"), wherever ./names.ts finds it.
 *
 * - The replacement covers the name (with its title) and nothing else: "Sarah’s"
 *   becomes "Mother’s", the apostrophe as typed; "marked" stays.
 * - A part shared by people with different pseudonyms (a family surname) cannot say
 *   who is meant: it becomes "[name]", never left in.
 * - Initials that point to one person are replaced when written in capitals: "S.S."
 *   always, "SS" unless it is a common abbreviation (GP, HV, CP...).
 * - The practitioner column (`practitioner`) holds no names: the pseudonyms of the
 *   review's people named in it; a job title alone ("Team manager", "ED nurse") as
 *   written; anyone else a code from their job title ("Unlisted HV1"), the same code
 *   for the same text throughout one export.
 *
 * Pure and Node-free. Build it once per export (`createAnonymiser`) and use it for
 * every piece of text; then run the leak check (./leak-check.ts) on the result.
 *
 * Using it for an export (the chronology's in electron/services/chronology-export.ts):
 *
 *     const people = anonymisePeople(database, reviewId);   // db/people.ts
 *     const anonymise = createAnonymiser(people);            // or anonymiser(people) for text only
 *     const cell = anonymise.text(entry.event);              // "Tyler’s" -> "Child T’s"
 *     const leaks = findLeaks(people, [{ where: 'Row 4, Event', text: cell }, ...]);
 *     if (leaks.length > 0) refuse, listing leaks.map(describeLeak)
 *
 * Anonymise the source text before it is split into formatting runs, and check
 * the finished file's text with runs joined: a name split across runs is then
 * still one name to the leak check.
 */

export const AMBIGUOUS_NAME = '[name]';

/** Upper-case abbreviations common in chronologies that must not be read as someone's initials. */
const ABBREVIATIONS = new Set(
  (
    'AE CP CIN CSC DA DV ED GP HV ICPC LA LAC MASH MW NFA PC PO RCPC SN SW SS TAC TAF UK YOT CAMHS NHS ' +
    'IT OT PE RE DOB NOK SEN SENCO EHC EHCP CAF FSW HO PRO PAED DS DC DI DSL'
  ).split(' '),
);

/** Words of job titles: a practitioner cell made only of these names no one. */
const JOB_WORDS = new Set(
  (
    'a&e a e accident acting admin administrator adviser advisor alcohol ambulance and assistant associate attendance ' +
    'call camhs care charge child children childrens clerk clinical clinician community consultant constable ' +
    'coordinator co-ordinator counsellor crew department deputy designated detective di doctor drug ds dc dsl duty ' +
    'early ed education emergency family for gp hand handler head headteacher health help hours housing hv ' +
    'in inspector intervention key lead leader liaison manager matron mental midwife midwives misuse mw named ' +
    'neighbourhood nurse nurses nursery of officer officers on on-call out paediatric paediatrician paramedic ' +
    'pastoral pc police practice practitioner primary probation protection psychiatrist psychologist receptionist ' +
    'reception registrar safeguarding school senco senior sergeant service services sgt sister sn social staff ' +
    'student substance support sw teacher team the therapist to trainee unit visitor visitors ward worker workers ' +
    'year youth offending not known recorded unknown'
  ).split(' '),
);

/** The prefixes shared/reviews/pseudonyms.ts gives recognised job titles (anything else there is initials). */
const KNOWN_ROLE_CODES = new Set(['GP', 'HV', 'SN', 'MW', 'SW', 'T', 'PO', 'PAED', 'FSW', 'HO', 'PRO']);

export interface Anonymiser {
  /**
   * Free text (event, action, comment, source, a date cell, a report paragraph) with every known
   * name replaced, and a person's date of birth, in any usual written form, as "[Child T’s date of
   * birth]": a chronology often starts with a birth, and a date cell cannot be reworded.
   */
  text(value: string): string;
  /** The practitioner column: pseudonyms, a job title alone, or an "Unlisted" code. */
  practitioner(value: string): string;
}

function initialsOf(person: AnonymisePerson): string {
  return nameParts(person.name)
    .filter((part) => !part.includes('-'))
    .map((part) => part.charAt(0))
    .join('');
}

/** True when every word of the cell is a job-title word: it names no one. */
function isJobTitle(value: string): boolean {
  const words = fold(value)
    .split(/[\s,/()+;:]+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}&]+|[^\p{L}\p{N}&]+$/gu, '').replace(/'s$/, ''))
    .filter((word) => word.length > 0 && !/^\d+$/.test(word));
  return words.length > 0 && words.every((word) => JOB_WORDS.has(word) || ABBREVIATIONS.has(word.toUpperCase()));
}

/** Builds the replacement for one review's people once; use it for every piece of an export. */
export function createAnonymiser(people: readonly AnonymisePerson[]): Anonymiser {
  const finder = nameFinder(people);

  // Initials pointing to one person only.
  const initials = new Map<string, Set<string>>();
  for (const person of people) {
    const code = initialsOf(person);
    if (code.length < 2 || code.length > 3) continue;
    const set = initials.get(code) ?? new Set<string>();
    set.add(person.pseudonym);
    initials.set(code, set);
  }
  const uniqueInitials = new Map(
    [...initials.entries()]
      .filter(([, pseudonyms]) => pseudonyms.size === 1)
      .map(([code, pseudonyms]) => [code, [...pseudonyms][0] as string]),
  );
  const initialAlternatives = [...uniqueInitials.keys()].flatMap((code) => {
    const dotted = code
      .split('')
      .map((letter) => `${letter}\\. ?`)
      .join('');
    return ABBREVIATIONS.has(code.toUpperCase()) ? [dotted] : [dotted, code];
  });
  const initialPattern =
    initialAlternatives.length === 0
      ? null
      : new RegExp(`(?<![\\p{L}\\p{N}.])(?:${initialAlternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');

  function replaceNames(value: string): string {
    let out = '';
    let at = 0;
    for (const mention of finder.find(value)) {
      out += value.slice(at, mention.start);
      out += mention.pseudonyms.length === 1 ? mention.pseudonyms[0] : AMBIGUOUS_NAME;
      at = mention.end;
    }
    return out + value.slice(at);
  }

  function replaceInitials(value: string): string {
    if (!initialPattern) return value;
    const folded = foldWithPositions(value);
    let out = '';
    let at = 0;
    for (const match of folded.text.matchAll(initialPattern)) {
      const trailing = match[0].endsWith(' ');
      const length = match[0].length - (trailing ? 1 : 0);
      const start = folded.start(match.index);
      const end = folded.end(match.index + length - 1);
      const written = value.slice(start, end);
      // Initials are written in capitals; "ss" in running text is not someone.
      if (written !== written.toUpperCase()) continue;
      const pseudonym = uniqueInitials.get(match[0].replace(/[.\s]/g, ''));
      if (pseudonym === undefined) continue;
      out += value.slice(at, start) + pseudonym;
      at = end;
    }
    return out + value.slice(at);
  }

  const taken = new Set(people.map((person) => person.pseudonym.toLowerCase()));
  const generated = new Map<string, string>();

  function practitioner(value: string): string {
    const trimmed = value.trim();
    if (trimmed === '') return '';
    const mentions = finder.find(trimmed);
    if (mentions.length > 0) {
      const codes = mentions.map((mention) =>
        mention.pseudonyms.length === 1 ? (mention.pseudonyms[0] as string) : AMBIGUOUS_NAME,
      );
      return [...new Set(codes)].join(', ');
    }
    // A job title alone is not personal: "Team manager", "ED nurse" stay as written.
    if (isJobTitle(trimmed)) return trimmed;
    const key = fold(trimmed);
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

  // Every date of birth in one pattern, a capture group each, so a text is folded once.
  const births = people.flatMap((person) => {
    const pattern = person.dateOfBirth ? datePattern(person.dateOfBirth) : null;
    return pattern ? [{ source: pattern.source, written: `[${person.pseudonym}’s date of birth]` }] : [];
  });
  const birthPattern =
    births.length === 0 ? null : new RegExp(births.map((birth) => `(${birth.source})`).join('|'), 'gu');

  function replaceBirthDates(value: string): string {
    if (!birthPattern) return value;
    const folded = foldWithPositions(value);
    let out = '';
    let at = 0;
    for (const match of folded.text.matchAll(birthPattern)) {
      const person = match.slice(1).findIndex((group) => group !== undefined);
      out += value.slice(at, folded.start(match.index)) + (births[person]?.written ?? '');
      at = folded.end(match.index + match[0].length - 1);
    }
    return out + value.slice(at);
  }

  const text = (value: string) => replaceBirthDates(replaceInitials(replaceNames(value)));

  return { text, practitioner };
}

/** The simple form: `anonymiser(people)(text)`. */
export function anonymiser(people: readonly AnonymisePerson[]): (text: string) => string {
  return createAnonymiser(people).text;
}
