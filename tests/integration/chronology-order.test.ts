import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { CasebookApp } from '../../electron/app.js';
import type {
  ChronologyImportPreview,
  ChronologyListResult,
  ImportCommitResult,
  Review,
  TimelineData,
} from '../../shared/api/contract.js';
import { compareEntries } from '../../shared/chronology/order.js';
import { ok } from '../support/api.js';
import { newVaultAppFactory } from '../support/app.js';

/**
 * The one order, twice: shared/chronology/order.ts `compareEntries` (pure) and the
 * SQL that pages the vault (db/chronology.ts `INTEGRATED_ORDER`). Random
 * chronologies (imported files and typed-in entries, several agencies, uncertain
 * dates, same-day times, sequences) are written to a real vault; the list, its
 * pages and the timeline must come back exactly as the pure order sorts them.
 */

const newVaultApp = newVaultAppFactory();

const DATES = [
  '2015',
  'May 2015',
  'circa May 2015',
  'early 2015',
  '12/05/2015',
  '12/05/2015 01:15',
  '12/05/2015 09:00',
  '12/05/2015 23:59',
  'before 12/05/2015',
  'after 12/05/2015',
  'between 10/05/2015 and 14/05/2015',
  '13/05/2015',
  'circa 12/05/2015',
  'after May 2015',
];
const AGENCIES = ['Police', 'Health visiting', 'School'];

const row = fc.record({
  date: fc.constantFrom(...DATES),
  sequence: fc.option(fc.constantFrom('1', '2', '10', 'R9', 'R10', 'A'), { nil: null }),
});
const chronology = fc.record({
  files: fc.array(
    fc.record({ agency: fc.constantFrom(...AGENCIES), rows: fc.array(row, { minLength: 1, maxLength: 8 }) }),
    {
      maxLength: 3,
    },
  ),
  typed: fc.array(fc.record({ agency: fc.constantFrom(...AGENCIES), date: fc.constantFrom(...DATES) }), {
    maxLength: 6,
  }),
});

async function importRows(
  casebook: CasebookApp,
  reviewId: string,
  agency: string,
  rows: { date: string; sequence: string | null }[],
  index: number,
) {
  const csv = ['Ref,Date,Event', ...rows.map((r, at) => `${r.sequence ?? ''},${r.date},Event ${index}.${at}`)].join(
    '\r\n',
  );
  const preview = await ok<ChronologyImportPreview>(
    casebook.invoke('chronology.previewImport', {
      reviewId,
      agency,
      fileName: `file-${index}.csv`,
      contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
    }),
  );
  // Random files may repeat rows of an earlier one: import every row, as the reviewer may choose.
  await ok<ImportCommitResult>(
    casebook.invoke('chronology.commitImport', { previewId: preview.previewId, overlap: 'all', confirmReimport: true }),
  );
}

it('the vault pages the chronology in exactly the order compareEntries gives', { timeout: 240_000 }, async () => {
  const casebook = await newVaultApp();
  await fc.assert(
    fc.asyncProperty(chronology, async ({ files, typed }) => {
      const review = await ok<Review>(
        casebook.invoke('reviews.create', { title: 'Order', type: 'cspr', agencies: ['School', 'Police'] }),
      );
      for (const [index, file] of files.entries()) await importRows(casebook, review.id, file.agency, file.rows, index);
      for (const [index, entry] of typed.entries()) {
        await ok(
          casebook.invoke('chronology.create', {
            reviewId: review.id,
            agency: entry.agency,
            date: entry.date,
            event: `Typed ${index}`,
          }),
        );
      }
      const { entries, total } = await ok<ChronologyListResult>(
        casebook.invoke('chronology.list', { reviewId: review.id, limit: 200_000 }),
      );
      const reloaded = await ok<Review>(casebook.invoke('reviews.get', { id: review.id }));
      const position = new Map(reloaded.agencies.map((agency, at) => [agency.id, at]));
      const added = new Map(
        (
          casebook.session
            .current()
            .database.prepare('SELECT id, seq FROM chronology_entry WHERE review_id = ?')
            .all(review.id) as {
            id: string;
            seq: number;
          }[]
        ).map((row) => [row.id, row.seq]),
      );
      const expected = [...entries]
        .map((entry) => ({
          id: entry.id,
          date: entry.date,
          agencyPosition: position.get(entry.agency.id) ?? -1,
          sequence: entry.sequence,
          row: entry.provenance?.row ?? null,
          added: added.get(entry.id) ?? -1,
        }))
        .sort(compareEntries)
        .map((entry) => entry.id);
      expect(entries.map((entry) => entry.id)).toEqual(expected);
      // Pages of 3 are the same order, and so is the timeline.
      const paged: string[] = [];
      for (let offset = 0; offset < total; offset += 3) {
        const page = await ok<ChronologyListResult>(
          casebook.invoke('chronology.list', { reviewId: review.id, offset, limit: 3 }),
        );
        paged.push(...page.entries.map((entry) => entry.id));
      }
      expect(paged).toEqual(expected);
      const timeline = await ok<TimelineData>(casebook.invoke('chronology.timeline', { reviewId: review.id }));
      expect(timeline.items.map((item) => item.id)).toEqual(expected);
      // Numbers: unique, and each import's in the order its entries read.
      expect(new Set(entries.map((entry) => entry.ref)).size).toBe(entries.length);
    }),
    { numRuns: 12 },
  );
});
