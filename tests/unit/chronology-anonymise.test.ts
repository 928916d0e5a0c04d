import { describe, expect, it } from 'vitest';
import {
  AMBIGUOUS_NAME,
  type AnonymisePerson,
  createAnonymiser,
  realNamesIn,
} from '../../shared/chronology/anonymise.js';
import { neutraliseCell } from '../../shared/chronology/neutralise.js';

const people: AnonymisePerson[] = [
  { name: 'Holly Smith', pseudonym: 'Child H', role: 'child' },
  { name: 'Sarah Jane Smith', pseudonym: 'Mother', role: 'parent' },
  { name: "Daniel O'Brien", pseudonym: 'Father', role: 'parent' },
  { name: 'Mark Thompson-Reid', pseudonym: 'SW1', role: 'professional' },
  { name: 'Dr Priya Patel', pseudonym: 'GP1', role: 'professional' },
  { name: 'May Williams', pseudonym: 'Maternal grandmother', role: 'family-member' },
];

describe('anonymise', () => {
  const anonymise = createAnonymiser(people);

  it('replaces full names, first names, surnames, titles and possessives, longest first', () => {
    expect(anonymise.text('Sarah Jane Smith attended with Holly')).toBe('Mother attended with Child H');
    expect(anonymise.text("Sarah's partner Daniel O'Brien was present")).toBe("Mother's partner Father was present");
    expect(anonymise.text('Mrs Smith told Dr Patel that HOLLY was unwell')).toBe(
      `${AMBIGUOUS_NAME} told GP1 that Child H was unwell`,
    );
    expect(anonymise.text("Mr O'Brien")).toBe('Father');
    expect(anonymise.text('Seen by Thompson-Reid and by Mr Reid')).toBe('Seen by SW1 and by SW1');
  });

  it('a shared family surname cannot say who is meant: [name], never the surname', () => {
    expect(anonymise.text('The Smith family moved')).toBe(`The ${AMBIGUOUS_NAME} family moved`);
  });

  it('replaces whole words only: names inside other words and everyday words in lower case stay', () => {
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
    expect(anonymise.text('DO absent; GP informed')).toBe('Father absent; GP informed');
  });

  it('leaves no real name in any field', () => {
    const fields = [
      "Holly Smith's mother Sarah rang Mark Thompson-Reid; Daniel O'Brien shouted at Priya Patel",
      'sarah smith and daniel said holly was at nan May Williams',
      'Report by M Thompson-Reid, copy to Dr P. Patel',
    ];
    for (const field of fields) expect(realNamesIn(anonymise.text(field), people)).toEqual([]);
    expect(realNamesIn(fields[0] as string, people).length).toBeGreaterThan(0);
  });

  it('the practitioner column holds role codes only', () => {
    expect(anonymise.practitioner('Mark Thompson-Reid, Social Worker')).toBe('SW1');
    expect(anonymise.practitioner('Dr Patel / Mark Thompson-Reid')).toBe('GP1, SW1');
    const first = anonymise.practitioner('Ann Doe, Health Visitor');
    expect(first).toBe('Unlisted HV1');
    expect(anonymise.practitioner('Ann Doe, Health Visitor')).toBe(first);
    expect(anonymise.practitioner('Tom Bloggs, Health Visitor')).toBe('Unlisted HV2');
    expect(anonymise.practitioner('Ann Doe')).toBe('Unlisted P1');
    expect(anonymise.practitioner('')).toBe('');
  });
});

describe('neutraliseCell', () => {
  it.each(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '＝1'])(
    'prefixes %j with a quote',
    (value) => {
      expect(neutraliseCell(value)).toBe(`'${value}`);
    },
  );
  it('leaves ordinary text alone', () => {
    expect(neutraliseCell('Home visit')).toBe('Home visit');
    expect(neutraliseCell(' =1')).toBe(' =1');
  });
});
