import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { IDLE_CHECKPOINT_MS } from '../../db/checkpoint.js';
import { type EntryRecord, listEntries, writeImport } from '../../db/chronology.js';
import { searchChronology } from '../../db/chronology-search.js';
import { all, query } from '../../db/query.js';
import { createReview } from '../../db/reviews.js';
import { Vault } from '../../db/vault.js';
import { reviewCreateSchema } from '../../shared/api/channels/reviews.js';
import { parseFuzzyDate } from '../../shared/dates/fuzzy-date.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

/** How db/chronology.ts writes an import as a bulk load: what must hold whatever it does for speed. */

const tempDirectory = tempDirectoryFactory();
const vaults: Vault[] = [];
afterEach(() => {
  for (const vault of vaults.splice(0)) vault.close();
});

function record(row: number): EntryRecord {
  const parsed = parseFuzzyDate(`${1 + (row % 28)}/${1 + (row % 12)}/2015`);
  if (!parsed.ok) throw new Error(parsed.reason);
  return {
    row,
    agencyName: 'Health visiting',
    date: parsed.date,
    sequence: `R${row}`,
    time: null,
    endDate: null,
    endTime: null,
    source: 'Case note',
    practitioner: 'HV1',
    childSeen: 'yes',
    childSeenText: 'Yes',
    event: row === 7 ? 'Skeletal survey arranged after a fracture' : `Home visit number ${row}, child seen`,
    action: null,
    significance: null,
    significant: false,
  };
}

async function importRows(count: number) {
  const path = join(tempDirectory(), 'bulk.vault');
  const { vault } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
  vaults.push(vault);
  const review = createReview(vault, reviewCreateSchema.parse({ title: 'Child H', type: 'cspr' }));
  const records = Array.from({ length: count }, (_, index) => record(index + 2));
  // Settle the WAL from creating the vault, so the file sizes below are the import's alone.
  vault.database.pragma('wal_checkpoint(TRUNCATE)');
  const sizeBefore = statSync(path).size;
  const result = await writeImport(vault, {
    reviewId: review.id,
    agencyName: 'Health visiting',
    fileName: 'hv.csv',
    contentHash: 'a'.repeat(64),
    sheet: null,
    mode: 'all-or-nothing',
    records,
    rowsRejected: 0,
    mapping: {},
  });
  return { vault, path, reviewId: review.id, result, sizeBefore };
}

it('commits into the WAL and copies it into the vault file only afterwards, when idle', async () => {
  // Enough rows for more than SQLite's automatic checkpoint threshold (1,000 pages) in the WAL.
  const { vault, path, result, sizeBefore } = await importRows(8_000);
  expect(result.imported).toBe(8_000);
  // Committed (durable in the WAL) but not yet checkpointed: the vault file has not grown.
  expect(statSync(path).size).toBe(sizeBefore);
  expect(statSync(`${path}-wal`).size).toBeGreaterThan(4_096 * 1_000);
  // The automatic checkpoint is back on for everything else.
  expect(vault.database.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  await new Promise((resolve) => setTimeout(resolve, IDLE_CHECKPOINT_MS + 500));
  expect(statSync(path).size).toBeGreaterThan(sizeBefore + 4_096 * 1_000);
});

it('indexes every imported entry for search once, and gives them ids that sort in the order they were written', async () => {
  const { vault, reviewId } = await importRows(12_000);
  const found = searchChronology(vault.database, { reviewId, query: 'fracture', limit: 10, offset: 0 });
  expect(found.matches).toHaveLength(1);
  const common = searchChronology(vault.database, { reviewId, query: 'visit', limit: 50, offset: 0 });
  expect(common.matches).toHaveLength(50);
  expect(
    vault.database.prepare("SELECT count(*) AS n FROM chronology_fts WHERE chronology_fts MATCH 'home'").get(),
  ).toEqual({ n: 11_999 });

  const ids = all(vault.database, query.selectFrom('chronology_entry').select('id').orderBy('seq')).map(
    (row) => row.id,
  );
  expect(ids).toHaveLength(12_000);
  expect([...ids].sort()).toEqual(ids);
  for (const id of ids.slice(0, 50))
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(new Set(ids).size).toBe(ids.length);
  expect(listEntries(vault.database, { reviewId, filters: {}, limit: 1, offset: 0 }).total).toBe(12_000);
});
