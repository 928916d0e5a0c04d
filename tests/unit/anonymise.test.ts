import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLeaks } from '../../shared/anonymise/leak-check.js';
import { type AnonymisePerson, nameFinder } from '../../shared/anonymise/names.js';
import { fold } from '../../shared/anonymise/normalise.js';
import { AMBIGUOUS_NAME, createAnonymiser } from '../../shared/anonymise/replace.js';

const people: AnonymisePerson[] = [
  { name: 'Holly Smith', pseudonym: 'Child H', role: 'child', alsoKnownAs: ['Hols'] },
  { name: 'Sarah Jane Smith', pseudonym: 'Mother', role: 'parent' },
  { name: "Daniel O'Brien", pseudonym: 'Father', role: 'parent' },
  { name: 'Mark Thompson-Reid', pseudonym: 'SW1', role: 'professional' },
  { name: 'Dr Priya Patel', pseudonym: 'GP1', role: 'professional' },
  { name: 'May Williams', pseudonym: 'Maternal grandmother', role: 'family-member' },
  { name: 'Zoë Amira Okafor', pseudonym: 'Child Z', role: 'child', alsoKnownAs: ['Dr Okafor', 'Tyler'] },
];

const ZWSP = '\u200B';
const SOFT_HYPHEN = '\u00AD';

describe('folding (normalise.ts)', () => {
  it('folds case, accents, decomposed letters, invisible characters and apostrophes', () => {
    expect(fold('ZOË')).toBe('zoe');
    expect(fold('Zoe\u0308')).toBe('zoe');
    expect(fold(`Am${ZWSP}i${SOFT_HYPHEN}ra\uFEFF`)).toBe('amira');
    expect(fold('O’Brien')).toBe("o'brien");
    expect(fold('Oʼbrien')).toBe("o'brien");
    expect(fold('ＡＭＩＲＡ')).toBe('amira');
    expect(fold('\u0410mira')).toBe('amira');
    expect(fold('Sarah \u00A0 Smith')).toBe('sarah smith');
  });
});

describe('anonymise (replace.ts)', () => {
  const anonymise = createAnonymiser(people);

  it('writes each person’s date of birth as theirs, in any usual form', () => {
    const twins = createAnonymiser([
      { name: 'Amy Reed', pseudonym: 'Child A', dateOfBirth: '2015-07-03' },
      { name: 'Ben Reed', pseudonym: 'Child B', dateOfBirth: '2017-01-20' },
    ]);
    expect(twins.text('Born 20th January 2017; sister born 03/07/2015.')).toBe(
      'Born [Child B’s date of birth]; sister born [Child A’s date of birth].',
    );
    expect(twins.text('20/01/2017')).toBe('[Child B’s date of birth]');
    expect(twins.text('21/01/2017')).toBe('21/01/2017');
  });

  it('replaces full names, first names, surnames, titles and possessives, longest first', () => {
    expect(anonymise.text('Sarah Jane Smith attended with Holly')).toBe('Mother attended with Child H');
    expect(anonymise.text("Sarah's partner Daniel O'Brien was present")).toBe("Mother's partner Father was present");
    expect(anonymise.text('Mrs Smith told Dr Patel that HOLLY was unwell')).toBe(
      `${AMBIGUOUS_NAME} told GP1 that Child H was unwell`,
    );
    expect(anonymise.text('Seen by Thompson-Reid and by Mr Reid')).toBe('Seen by SW1 and by SW1');
    expect(anonymise.text('The Smith family moved')).toBe(`The ${AMBIGUOUS_NAME} family moved`);
  });

  it('replaces other names and keeps the text around a name as typed', () => {
    expect(anonymise.text('Tyler’s school rang Dr Okafor; Hols was absent')).toBe(
      'Child Z’s school rang Child Z; Child H was absent',
    );
  });

  it('sees through the disguises a new user typed: decomposed, zero-width space, soft hyphen, curly apostrophe', () => {
    expect(anonymise.text('Zoe\u0308 was seen')).toBe('Child Z was seen');
    expect(anonymise.text(`Am${ZWSP}ira was seen`)).toBe('Child Z was seen');
    expect(anonymise.text(`Oka${SOFT_HYPHEN}for's file`)).toBe("Child Z's file");
    expect(anonymise.text('Mr O’Brien shouted')).toBe('Father shouted');
    expect(anonymise.text('AMIRA’S bag')).toBe('Child Z’S bag');
    expect(anonymise.text('Sarah  \n Jane\tSmith said')).toBe('Mother said');
    expect(anonymise.text('Sarah\u00A0\u00A0Jane Smith’s car')).toBe('Mother’s car');
  });

  it('leaves words containing a name and everyday words in lower case', () => {
    expect(anonymise.text('Mark noted the marked bruise, a mark on her arm')).toBe(
      'SW1 noted the marked bruise, a mark on her arm',
    );
    expect(anonymise.text('Hollyhock Road; mother may attend in May 2015 or on 12 May')).toBe(
      'Hollyhock Road; mother may attend in May 2015 or on 12 May',
    );
    expect(anonymise.text('May said she would visit')).toBe('Maternal grandmother said she would visit');
  });

  it('replaces initials that point to one person', () => {
    expect(anonymise.text('S. Smith and Holly S. attended; D.O. absent')).toBe(
      'Mother and Child H attended; Father absent',
    );
    expect(anonymise.text('DO absent; GP informed; do not')).toBe('Father absent; GP informed; do not');
  });

  it('the practitioner column holds pseudonyms, a job title alone, or an Unlisted code', () => {
    const column = createAnonymiser(people);
    expect(column.practitioner('Mark Thompson-Reid, Social Worker')).toBe('SW1');
    expect(column.practitioner('Dr Patel / Mark Thompson-Reid')).toBe('GP1, SW1');
    expect(column.practitioner('Team manager')).toBe('Team manager');
    expect(column.practitioner('ED nurse')).toBe('ED nurse');
    expect(column.practitioner('Duty social worker (CSC)')).toBe('Duty social worker (CSC)');
    const first = column.practitioner('Ann Doe, Health Visitor');
    expect(first).toBe('Unlisted HV1');
    expect(column.practitioner('ann doe, health visitor')).toBe(first);
    expect(column.practitioner('Tom Bloggs, Health Visitor')).toBe('Unlisted HV2');
    expect(column.practitioner('Ann Doe')).toBe('Unlisted P1');
    expect(column.practitioner('')).toBe('');
  });
});

describe('nameFinder (names.ts)', () => {
  it('gives where each mention is in the original text', () => {
    const text = `Met Am${ZWSP}ira and MRS SMITH.`;
    const found = nameFinder(people).find(text);
    expect(found.map((mention) => text.slice(mention.start, mention.end))).toEqual([`Am${ZWSP}ira`, 'MRS SMITH']);
    expect(found[0]?.pseudonyms).toEqual(['Child Z']);
    expect(found[1]?.pseudonyms.sort()).toEqual(['Child H', 'Mother']);
  });
});

describe('leak check (leak-check.ts)', () => {
  const child: AnonymisePerson = {
    name: 'Amira Khan',
    pseudonym: 'Child A',
    nhsNumber: '943 476 5919',
    dateOfBirth: '2015-07-03',
    address: '12 Acacia Avenue, Leeds',
    postcode: 'LS1 4AB',
  };

  it('finds names, NHS numbers, dates of birth, addresses and postcodes, and says where', () => {
    const parts = [
      { where: 'row 1, Event', text: 'Seen at home. NHS no 9434765919.' },
      { where: 'row 2, Event', text: 'Born 3rd July 2015 (03/07/15)' },
      { where: 'row 3, Action', text: 'Visit to 12, acacia  avenue; postcode ls1  4ab' },
      { where: 'row 4, Comment', text: 'kh\u00ADan family' },
      { where: 'row 5, Comment', text: 'Nothing here: 943 476 591, 2015, Acacia Road' },
    ];
    expect(findLeaks([child], parts)).toEqual([
      { where: 'row 1, Event', kind: 'nhs-number', person: 'Child A' },
      { where: 'row 2, Event', kind: 'date-of-birth', person: 'Child A' },
      { where: 'row 3, Action', kind: 'postcode', person: 'Child A' },
      { where: 'row 3, Action', kind: 'address', person: 'Child A' },
      { where: 'row 4, Comment', kind: 'name', person: 'Child A' },
    ]);
    for (const form of ['943-476-5919', '3 Jul 2015', 'July 3, 2015', '2015-07-03', '3.7.2015', 'LS14AB']) {
      expect(findLeaks([child], [{ where: 'x', text: `a ${form} b` }]), form).toHaveLength(1);
    }
  });

  it('finds nothing once the text is anonymised', () => {
    const anonymise = createAnonymiser(people);
    const text = "Holly Smith's mother Sarah rang Mark Thompson-Reid; Daniel O’Brien shouted at Priya Patel";
    expect(findLeaks(people, [{ where: 'a', text }]).length).toBeGreaterThan(0);
    expect(findLeaks(people, [{ where: 'a', text: anonymise.text(text) }])).toEqual([]);
  });
});

// ---- properties -----------------------------------------------------------------------

/** The ways a name can be disguised in typed text, each a function of the name. */
const disguises: ((name: string, at: number) => string)[] = [
  (name) => name,
  (name) => name.toUpperCase(),
  (name) => name.toLowerCase(),
  (name) => name.normalize('NFD'),
  (name, at) => name.slice(0, at) + ZWSP + name.slice(at),
  (name, at) => name.slice(0, at) + SOFT_HYPHEN + name.slice(at),
  (name, at) => `${name.slice(0, at)}\u200D${name.slice(at)}`,
  (name) => name.replaceAll("'", '’'),
  (name) => name.replaceAll("'", 'ʼ'),
  (name) => `${name}'s`,
  (name) => `${name}’s`,
];

const FIRST = ['Amira', 'Zoë', 'Tyler', 'Bartholomew', 'Siân', 'Chloé', 'Kwame', 'Ngozi'];
const LAST = ["O'Brien", 'Okafor', 'Thompson-Reid', 'Nowak', 'Brontë', 'Smythe', 'McAllister'];
const FILLER = ['The', 'visit', 'marked', 'was', 'seen', 'by', 'at', 'school', '12', 'May', '2015', ',', '.'];

describe('properties', () => {
  it('no real name survives anonymisation under any disguise, and the leak check agrees', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIRST),
        fc.constantFrom(...LAST),
        fc.array(fc.tuple(fc.constantFrom(...FILLER), fc.boolean(), fc.nat(), fc.nat()), { maxLength: 12 }),
        (first, last, words) => {
          const person: AnonymisePerson = { name: `${first} ${last}`, pseudonym: 'Child Q' };
          const text = words
            .map(([filler, useName, which, at]) => {
              if (!useName) return filler;
              const name = [first, last, `${first} ${last}`][which % 3] as string;
              const disguise = disguises[which % disguises.length] as (name: string, at: number) => string;
              return disguise(name, 1 + (at % (name.length - 1)));
            })
            .join(' ');
          const anonymised = createAnonymiser([person]).text(text);
          expect(findLeaks([person], [{ where: 'text', text: anonymised }])).toEqual([]);
          const folded = fold(anonymised);
          for (const part of [first, last]) {
            expect(new RegExp(`(?<![\\p{L}])${fold(part)}(?![\\p{L}])`, 'u').test(folded)).toBe(false);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('text without the name is untouched, even when its words contain the name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Mark', 'Ann', 'Will', 'Tom', 'Rob', 'Eve', 'Ian'),
        fc.array(fc.constantFrom('ed', 'er', 'ing', 'ie', 's', 'ly', 'a'), { minLength: 1, maxLength: 2 }),
        fc.array(fc.string(), { maxLength: 3 }),
        (name, suffixes, others) => {
          const word = `${name}${suffixes.join('')}`;
          const text = [
            word.toLowerCase(),
            `re${name.toLowerCase()}`,
            ...others.filter((other) => !/\p{L}/u.test(other)),
          ]
            .join(' ')
            .trim();
          expect(createAnonymiser([{ name: `${name} Zzyzx`, pseudonym: 'P1' }]).text(text)).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
