import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inIntegratedOrder } from '../db/chronology.js';
import { searchChronology } from '../db/chronology-search.js';
import { all, type Database, insertRows, query } from '../db/query.js';
import { createReview } from '../db/reviews.js';
import { Vault } from '../db/vault.js';
import { reviewCreateSchema } from '../shared/api/channels/reviews.js';
import { orderKey } from '../shared/chronology/order.js';
import { type FuzzyDate, parseFuzzyDate, rangeOf } from '../shared/dates/fuzzy-date.js';
import { seededRandom } from './random.js';
import { measure, report } from './stats.js';

/**
 * Full-text search over 100,000 chronology entries in an encrypted vault: the
 * first 50 matches in the integrated order with highlights and snippets
 * (`searchChronology`, FTS5), against a `LIKE '%term%'` scan of the same five
 * columns of the same table for the same page, in the same run. Common terms
 * (thousands of matches) let the LIKE scan stop early in the integrated order;
 * a rare one ("fracture", a few dozen) makes it read the whole review.
 * Target: p95 under 5 ms.
 */

const ENTRIES = 100_000;
const RUNS = 200;
const PASSPHRASE = 'violet harbour tractor 1987 pebble';

const AGENCIES = ['Northshire Police', "Children's Social Care", 'Health Visiting', 'Northshire Primary School', 'GP'];
/** Event text shaped like agency records; {slots} filled at random. */
const TEMPLATES = [
  'Home visit by {worker}; Child H seen {state}. {note}',
  'Strategy discussion with police and {agency}; agreed {decision}.',
  'Telephone call from {agency} about {concern}. {note}',
  'Child H attended school; {concern} noted by class teacher.',
  'Police called to the address by a neighbour: shouting heard. {note}',
  'GP appointment: Mother reported {concern}. {decision}',
  'Referral received from {agency} regarding {concern}.',
  'Unannounced visit, no answer at the door. Card left.',
  'Child protection conference held; {decision}.',
  'Missed appointment with {worker}; rebooked. {note}',
];
const SLOTS: Record<string, readonly string[]> = {
  worker: ['health visitor', 'social worker', 'family support worker', 'school nurse', 'outreach worker'],
  state: ['asleep in cot', 'alone in the bedroom', 'with Mother', 'playing in the living room', 'unkempt'],
  note: [
    'Home conditions poor.',
    'Weight on the 9th centile.',
    'No concerns noted.',
    'Mother appeared low in mood.',
    'Partner present and hostile.',
    'Food bank voucher given.',
    'Bruise on left cheek seen; explanation given by Mother.',
    '',
  ],
  agency: ['school', 'health', 'housing', 'the police', 'the GP surgery'],
  decision: [
    'section 47 enquiry',
    'no further action',
    'child in need plan',
    'child protection plan',
    'review in 6 weeks',
  ],
  concern: ['poor attendance', 'nappy rash', 'domestic abuse', 'rent arrears', 'bruising to the arm', 'low mood'],
};

function generateEvent(next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const event = pick(TEMPLATES)
    .replace(/\{(\w+)\}/g, (_, slot: string) => pick(SLOTS[slot] ?? ['']))
    .trim();
  // A rare event, so one searched term matches a few dozen entries, not thousands.
  return next() < 0.0005 ? `${event} Skeletal survey arranged after a fracture was found.` : event;
}

export function insertSearchEntries(vault: Vault, reviewId: string, agencyIds: readonly string[], count: number): void {
  const next = seededRandom(2015);
  const insert = insertRows(vault.database, 'chronology_entry', [
    'id',
    'review_id',
    'agency_id',
    'sequence',
    'sequence_number',
    'date_text',
    'date_precision',
    'date_qualifier',
    'date_start',
    'date_end',
    'sort_key',
    'range_start',
    'range_end',
    'source',
    'practitioner',
    'event',
    'action',
    'significance',
    'significant',
    'created_at',
    'updated_at',
    'ref',
  ]);
  const now = new Date().toISOString();
  const pad = (n: number) => String(n).padStart(2, '0');
  vault.database.transaction(() => {
    for (let i = 0; i < count; i++) {
      const text =
        next() < 0.03
          ? `${pad(1 + Math.floor(next() * 12))}/${2012 + Math.floor(next() * 6)}`
          : `${pad(1 + Math.floor(next() * 28))}/${pad(1 + Math.floor(next() * 12))}/${2012 + Math.floor(next() * 6)}`;
      const parsed = parseFuzzyDate(text);
      if (!parsed.ok) throw new Error(parsed.reason);
      const date: FuzzyDate = parsed.date;
      const range = rangeOf(date);
      insert({
        id: randomUUID(),
        review_id: reviewId,
        agency_id: agencyIds[i % agencyIds.length] as string,
        sequence: String(i + 1),
        sequence_number: i + 1,
        date_text: date.text,
        date_precision: date.precision,
        date_qualifier: date.qualifier,
        date_start: date.start,
        date_end: date.end,
        sort_key: orderKey(date),
        range_start: range.earliest,
        range_end: range.latest,
        source: `Case record ${i}`,
        practitioner: next() < 0.5 ? 'HV1' : 'SW1',
        event: generateEvent(next),
        action: next() < 0.5 ? 'Plan reviewed' : null,
        significance: null,
        significant: next() < 0.1 ? 1 : 0,
        created_at: now,
        updated_at: now,
        ref: i + 1,
      });
    }
    // Index the rows as the import does, whether or not a trigger already did: 'rebuild' is idempotent.
    // Raw SQL: an FTS5 command, outside the Kysely schema.
    vault.database.exec("INSERT INTO chronology_fts (chronology_fts) VALUES ('rebuild')");
  })();
}

/** The baseline: every word as `LIKE '%word%'` over the same five columns, same order and page. */
function likeSearch(database: Database, reviewId: string, typed: string) {
  const words = typed.split(/\s+/).filter(Boolean);
  const columns = ['event', 'action', 'significance', 'source', 'practitioner'] as const;
  return all(
    database,
    inIntegratedOrder(
      query
        .selectFrom('chronology_entry as e')
        .innerJoin('review_agency as a', 'a.id', 'e.agency_id')
        .select(['e.seq', 'e.id', 'e.event'])
        .where('e.review_id', '=', reviewId)
        .where((eb) =>
          eb.and(words.map((word) => eb.or(columns.map((column) => eb(`e.${column}`, 'like', `%${word}%`))))),
        ),
    ).limit(51),
  );
}

export async function benchChronologySearch(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
  try {
    const { vault } = await Vault.create(join(directory, 'search.vault'), PASSPHRASE, {
      scrypt: { N: 2 ** 14, r: 8, p: 1 },
    });
    const review = createReview(
      vault,
      reviewCreateSchema.parse({ title: 'Search benchmark', type: 'cspr', agencies: AGENCIES }),
    );
    insertSearchEntries(
      vault,
      review.id,
      review.agencies.map((agency) => agency.id),
      ENTRIES,
    );
    console.log(
      `\n# Chronology full-text search (${ENTRIES.toLocaleString('en-GB')} entries; first 50 matches; target p95 < 5 ms)`,
    );
    for (const term of ['strategy', 'bruis', 'domestic abuse', 'home visit', 'hostile', 'fracture']) {
      const page = searchChronology(vault.database, { reviewId: review.id, query: term, limit: 50, offset: 0 });
      if (page.matches.length === 0 || !page.matches[0]?.event.some((part) => part.match)) {
        throw new Error(`no highlighted matches for ${term}`);
      }
      const fts = await measure(RUNS, () =>
        searchChronology(vault.database, { reviewId: review.id, query: term, limit: 50, offset: 0 }),
      );
      const like = await measure(10, () => likeSearch(vault.database, review.id, term));
      report(`search "${term}" (FTS5 + highlights)`, fts, `LIKE '%${term}%' scan`, like);
      if (like.median > fts.median)
        console.log(`  the LIKE scan takes ${(like.median / fts.median).toFixed(0)}x as long`);
      console.log(`search "${term}" p95: ${fts.p95.toFixed(2)} ms${fts.p95 < 5 ? '' : '  (over the 5 ms target)'}`);
    }
    vault.close();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
