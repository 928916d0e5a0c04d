import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CasebookApp } from '../../electron/app.js';
import type { ApiResult } from '../../shared/api/errors.js';
import { answer } from '../support/api.js';
import { newVaultAppFactory } from '../support/app.js';
import { ROOT } from '../support/build.js';
import { PROFILE, recordFigures, SEED } from './support/profile.js';

/**
 * Fuzzing the importers with files: the real agency files of the fixtures mutated
 * (bytes flipped, cut short, spliced), and generated ones (odd encodings, formulas,
 * huge cells, 100,000 columns, NUL bytes). Each is previewed, and committed when the
 * preview accepts it. Every answer is a preview, a commit, or a structured refusal
 * (never `internal`); a refused commit writes nothing.
 */

const newApp = newVaultAppFactory();
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'import');
const SAMPLES = readdirSync(FIXTURES)
  .filter((name) => /\.(csv|xlsx|fods)$/.test(name))
  .map((name) => ({ name, bytes: readFileSync(join(FIXTURES, name)) }));

const mutated = fc
  .record({
    sample: fc.constantFrom(...SAMPLES),
    edits: fc.array(
      fc.record({
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        kind: fc.constantFrom('flip', 'cut', 'splice', 'zero'),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ sample, edits }) => {
    let bytes = Buffer.from(sample.bytes);
    for (const edit of edits) {
      const at = Math.floor(edit.at * bytes.length);
      if (edit.kind === 'flip') bytes[at] = (bytes[at] ?? 0) ^ edit.byte;
      else if (edit.kind === 'zero') bytes.fill(0, at, Math.min(bytes.length, at + 64));
      else if (edit.kind === 'cut') bytes = bytes.subarray(0, Math.max(1, at));
      else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(16, edit.byte), bytes.subarray(at)]);
    }
    return { fileName: sample.name, bytes };
  });

const cell = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '=HYPERLINK("http://x","y")',
    '=1+1',
    '@SUM(A1)',
    '+44 7700',
    '-2',
    '31/02/2015',
    '?/03/2015',
    '"',
    '\u0000',
    '\ufeff',
  ),
  fc.integer({ min: 1_000, max: 60_000 }).map((length) => 'x'.repeat(length)),
);
const generated = fc.oneof(
  fc
    .record({
      rows: fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 30 }),
      delimiter: fc.constantFrom(',', ';', '\t', '|'),
      encoding: fc.constantFrom('utf8', 'utf16le', 'latin1'),
    })
    .map(({ rows, delimiter, encoding }) => ({
      fileName: 'generated.csv',
      bytes: Buffer.from(
        [
          'Date,Event,Source',
          ...rows.map((row) => row.map((value) => `"${value.replaceAll('"', '""')}"`).join(delimiter)),
        ].join('\n'),
        encoding as BufferEncoding,
      ),
    })),
  fc.constant({
    fileName: 'wide.csv',
    bytes: Buffer.from(`${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\n1,2,3\n`),
  }),
  fc.uint8Array({ maxLength: 4_096 }).map((bytes) => ({ fileName: 'random.xlsx', bytes: Buffer.from(bytes) })),
);

function totalChanges(app: CasebookApp): number {
  return (app.session.current().database.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

describe('fuzzing the importers with files', () => {
  it(`previews and commits mutated and generated files with structured answers only (${PROFILE.files} files)`, async () => {
    const app = await newApp();
    await expect.poll(() => app.session.backups().backups.length).toBe(1);
    const review = await answer(app, 'reviews.create', { title: 'File fuzz', type: 'cspr' });
    const counts = { files: 0, previewed: 0, refused: 0, committed: 0, commitRefused: 0 };
    const problems: string[] = [];
    const check = (what: string, result: ApiResult<unknown>) => {
      if (!result.ok && result.error.code === 'internal') problems.push(`${what}: internal`);
    };

    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: generated }),
        fc.boolean(),
        async (file, asCdop) => {
          counts.files++;
          const contentBase64 = file.bytes.toString('base64');
          const preview = asCdop
            ? await app.invoke('cdop.previewImport', { fileName: file.fileName, contentBase64 })
            : await app.invoke('chronology.previewImport', {
                reviewId: review.id,
                agency: 'Fuzz agency',
                fileName: file.fileName,
                contentBase64,
              });
          check(`${file.fileName} preview`, preview);
          if (!preview.ok) {
            counts.refused++;
            return;
          }
          counts.previewed++;
          const { previewId } = preview.value as { previewId: string };
          const before = totalChanges(app);
          const commit = await app.invoke(asCdop ? 'cdop.commitImport' : 'chronology.commitImport', {
            previewId,
            mode: 'all-or-nothing',
            confirmReimport: true,
          });
          check(`${file.fileName} commit`, commit);
          if (commit.ok) counts.committed++;
          else {
            counts.commitRefused++;
            if (totalChanges(app) !== before) problems.push(`${file.fileName}: commit refused, yet wrote`);
          }
        },
      ),
      { numRuns: PROFILE.files, seed: SEED, endOnFailure: true },
    );
    expect(problems.slice(0, 20)).toEqual([]);
    recordFigures('fuzz-files', [
      { label: 'files given to the importers', value: counts.files },
      { label: 'files refused at preview', value: counts.refused },
      { label: 'files previewed', value: counts.previewed },
      { label: 'previews committed whole', value: counts.committed },
      { label: 'commits refused, nothing written', value: counts.commitRefused },
      { label: 'importer crashes', value: problems.length },
    ]);
  }, 3_600_000);
});
