import { describe, expect, it } from 'vitest';
import {
  DUPLICATE_THRESHOLD,
  type DuplicateCandidateEntry,
  eventSimilarity,
  findPossibleDuplicates,
} from '../../shared/chronology/duplicates.js';
import { type FuzzyDate, parseFuzzyDate } from '../../shared/dates/fuzzy-date.js';

function date(text: string): FuzzyDate {
  const parsed = parseFuzzyDate(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.date;
}

const entry = (id: string, agency: string, when: string, event: string): DuplicateCandidateEntry => ({
  id,
  agency,
  date: date(when),
  event,
});

describe('event similarity', () => {
  it.each([
    ['Strategy meeting held, police and CSC attended', 'Strategy discussion with police'],
    [
      'Strategy meeting held at police station, attended by police, CSC, health and education; decision to proceed to s47 enquiry',
      "Strat mtg with Children's Social Care, agreed section 47 enquiries",
    ],
    [
      'Joint home visit with social worker; child seen',
      'Joint visit with police to the family home, child seen and spoken to alone',
    ],
    ['Referral received from school regarding bruising', 'School made referral to MASH about bruise on arm'],
    [
      'ICPC held; child made subject of CP plan',
      'Initial child protection conference: child protection plan under neglect',
    ],
    ['Attended A&E with head injury', 'Seen in emergency department with head injury'],
  ])('flags the same event told two ways: %s / %s', (a, b) => {
    expect(eventSimilarity(a, b)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });

  it.each([
    ['Home visit by health visitor, child seen asleep', 'School reported child absent from school'],
    ['Telephone call to mother', 'Telephone call from school'],
    ['Child seen at school', 'Child not seen at home visit'],
    ['GP appointment: mother reported low mood', 'Police called to address following report of domestic abuse'],
    ['Home visit by HV, child weighed', 'Home visit by social worker, home conditions poor'],
  ])('does not flag different events: %s / %s', (a, b) => {
    expect(eventSimilarity(a, b)).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it('needs two shared content words: one is never enough', () => {
    expect(eventSimilarity('Police attended', 'Police')).toBe(0);
  });
});

describe('findPossibleDuplicates', () => {
  const entries = [
    entry('p1', 'police', '12/05/2015', 'Strategy discussion with police'),
    entry('c1', 'csc', '12/05/2015', 'Strategy meeting held, police and CSC attended'),
    entry('c2', 'csc', '12/05/2015', 'Strategy meeting minutes typed up, police and CSC attended'),
    entry('s1', 'school', '12/05/2015', 'Child absent from school, mother phoned'),
    entry('h1', 'health', 'May 2015', 'Strategy meeting: police and CSC, health attended'),
    entry('h2', 'health', '20/05/2015', 'Strategy discussion with police'),
    entry('h3', 'health', 'before 01/05/2015', 'Strategy discussion with police'),
  ];

  it('pairs entries of different agencies whose dates could meet and whose text is alike', () => {
    const pairs = findPossibleDuplicates(entries);
    const keys = pairs.map((pair) => `${pair.a}-${pair.b}`).sort();
    // p1/c1, p1/c2 same day; May 2015 meets 12/05; c1/h2 different days (12th and 20th).
    expect(keys).toEqual(['c1-h1', 'c2-h1', 'p1-c1', 'p1-c2', 'p1-h1']);
    // Within one agency (c1/c2), across days (p1/h2) and before the month (h3): never.
    for (const pair of pairs) expect(pair.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });

  it('with onlyInvolving, returns only pairs with a new entry, each once', () => {
    const pairs = findPossibleDuplicates(entries, { onlyInvolving: new Set(['h1', 'p1']) });
    expect(pairs.map((pair) => `${pair.a}-${pair.b}`).sort()).toEqual(['c1-h1', 'c2-h1', 'p1-c1', 'p1-c2', 'p1-h1']);
    const onlyH1 = findPossibleDuplicates(entries, { onlyInvolving: new Set(['h1']) });
    expect(onlyH1.map((pair) => `${pair.a}-${pair.b}`).sort()).toEqual(['c1-h1', 'c2-h1', 'p1-h1']);
  });

  it('an open-ended date reaches back a year, no further', () => {
    const pairs = findPossibleDuplicates([
      entry('a', 'police', 'before 01/05/2015', 'Strategy discussion with police'),
      entry('b', 'csc', '20/03/2015', 'Strategy meeting held, police and CSC attended'),
      entry('c', 'csc', '20/03/2013', 'Strategy meeting held, police and CSC attended'),
    ]);
    expect(pairs.map((pair) => `${pair.a}-${pair.b}`)).toEqual(['a-b']);
  });

  it('keeps at most three flags on an entry, the best-scoring', () => {
    const many = [
      entry('p', 'police', '12/05/2015', 'Strategy discussion with police'),
      ...[1, 2, 3, 4, 5].map((n) =>
        entry(
          `c${n}`,
          'csc',
          '12/05/2015',
          `Strategy meeting with police${' and CSC attended'.repeat(n > 1 ? 1 : 0)} ${n}`,
        ),
      ),
    ];
    const pairs = findPossibleDuplicates(many);
    expect(pairs.filter((pair) => pair.a === 'p' || pair.b === 'p')).toHaveLength(3);
    expect(pairs[0]).toMatchObject({ a: 'p', b: 'c1' });
  });

  it('100,000 entries are blocked by day and month, not compared pairwise', () => {
    const texts = [
      'Home visit by health visitor, child seen',
      'Strategy meeting held, police and CSC attended',
      'School reported child absent',
      'GP appointment for cough',
      'Police called to address, domestic incident',
      'Referral received from school about bruising',
    ];
    const agencies = ['police', 'csc', 'health', 'school', 'gp'];
    const many: DuplicateCandidateEntry[] = [];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 100_000; i++) {
      const day = 1 + Math.floor(random() * 28);
      const month = 1 + Math.floor(random() * 12);
      const year = 2010 + Math.floor(random() * 8);
      const when = random() < 0.03 ? `${month}/${year}` : `${day}/${month}/${year}`;
      many.push(entry(`e${i}`, agencies[i % 5] as string, when, `${texts[i % 6]} ${i}`));
    }
    const started = performance.now();
    const pairs = findPossibleDuplicates(many);
    const elapsed = performance.now() - started;
    expect(pairs.length).toBeGreaterThan(0);
    // Pairwise would be five billion comparisons (hours); blocked, it is seconds. The bound only
    // tells the two apart, with room for a loaded CI machine: speed itself is measured in bench/.
    expect(elapsed).toBeLessThan(60_000);
  }, 120_000);
});
