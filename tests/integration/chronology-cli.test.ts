import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/build.js';
import { chronologyImportArgs, closedVault, countsIn, runCli } from '../support/cli.js';
import { tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'import');

const casebook = runCli;

async function newVaultWithReview(): Promise<{ vault: string; reviewId: string }> {
  const vault = await closedVault(tempDirectory());
  const created = casebook(['--vault', vault, 'review', 'create', '--title', 'Child H', '--type', 'cspr', '--json']);
  return { vault, reviewId: JSON.parse(created.stdout).id };
}

function entryCount(path: string) {
  return countsIn(path, {
    entries: 'SELECT count(*) AS n FROM chronology_entry',
    imports: 'SELECT count(*) AS n FROM chronology_import',
    audited: "SELECT count(*) AS n FROM audit_log WHERE entity = 'chronology_import'",
  });
}

describe('casebook chronology import and list', () => {
  it('refuses a file with rejected rows (exit 1, nothing written), imports with --skip-invalid, lists in order', async () => {
    const { vault, reviewId } = await newVaultWithReview();
    const hv = join(FIXTURES, 'health-visiting-excel-utf8.csv');
    const args = chronologyImportArgs(vault, reviewId);

    const refused = casebook([...args, hv, '--json']);
    expect(refused.code).toBe(1);
    const refusedJson = JSON.parse(refused.stdout);
    expect(Object.keys(refusedJson)).toEqual([
      'imported',
      'rejected',
      'possibleDuplicates',
      'alreadyThere',
      'replaced',
    ]);
    expect(refusedJson).toEqual({
      imported: 0,
      rejected: [
        { row: 5, column: 'Date', reason: 'date missing' },
        { row: 7, column: 'Date', reason: expect.stringMatching(/^31\/02\/2015 is not a real date/) },
        { row: 8, column: 'Event', reason: 'event text is empty' },
      ],
      possibleDuplicates: 0,
      alreadyThere: 0,
      replaced: null,
    });
    expect(refused.stdout.trim().split('\n')).toHaveLength(1);
    expect(await entryCount(vault)).toEqual({ entries: 0, imports: 0, audited: 0 });

    const imported = casebook([...args, hv, '--skip-invalid', '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 5, possibleDuplicates: 0 });
    expect(JSON.parse(imported.stdout).rejected).toHaveLength(3);

    // The same file again: refused as a re-import (exit 2, plain message), then confirmed.
    const again = casebook([...args, hv, '--skip-invalid', '--json']);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).error.code).toBe('conflict');
    expect(again.stderr).toMatch(/already imported into this review/);
    expect(casebook([...args, hv, '--skip-invalid', '--yes-reimport', '--json']).code).toBe(0);

    const police = casebook([
      ...chronologyImportArgs(vault, reviewId, 'Northshire Police'),
      join(FIXTURES, 'police-semicolon.csv'),
      '--skip-invalid',
      '--json',
    ]);
    expect(JSON.parse(police.stdout)).toEqual({
      imported: 3,
      rejected: [{ row: 5, column: 'Details', reason: 'event text is empty' }],
      possibleDuplicates: 0,
      alreadyThere: 0,
      replaced: null,
    });
    expect(await entryCount(vault)).toEqual({ entries: 13, imports: 3, audited: 3 });

    const listed = casebook(['--vault', vault, 'chronology', 'list', '--review', reviewId, '--json']);
    expect(listed.code).toBe(0);
    const entries = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(entries).toHaveLength(13);
    for (const entry of entries) {
      for (const key of [
        'id',
        'ref',
        'agency',
        'date',
        'precision',
        'qualifier',
        'dateText',
        'event',
        'possibleDuplicateOf',
      ]) {
        expect(entry).toHaveProperty(key);
      }
      expect(entry.possibleDuplicateOf).toEqual([]);
    }
    const summary = entries.map((entry) => [entry.date, entry.precision, entry.qualifier, entry.agency]);
    expect(summary.slice(0, 6)).toEqual([
      ['2015-04-02', 'day', 'on', 'Northshire Police'],
      ['2015-05', 'month', 'on', 'Northshire Police'],
      ['2015-05-12T14:30', 'minute', 'on', 'Health visiting'],
      ['2015-05-12T14:30', 'minute', 'on', 'Health visiting'],
      ['2015-05-18', 'day', 'on', 'Northshire Police'],
      ['2015-06', 'month', 'on', 'Health visiting'],
    ]);
    expect(entries.find((entry) => entry.qualifier === 'between')).toMatchObject({
      date: '2015-11-01/2015-11-15',
      dateText: 'between 01/11/2015 and 15/11/2015',
    });
  });

  it('explains a missing option and an unknown review', async () => {
    const { vault, reviewId } = await newVaultWithReview();
    const missing = casebook(['--vault', vault, 'chronology', 'import', '--review', reviewId, 'x.csv', '--json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing --agency/);
    const list = casebook(['--vault', vault, 'chronology', 'list', '--review', 'nope', '--json']);
    expect(list.code).toBe(2);
    expect(JSON.parse(list.stdout).error.code).toBe('not_found');
  });
});
