import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/build.js';
import { chronologyImportArgs, closedVault, countsIn, runCli } from '../support/cli.js';
import { tempDirectoryFactory } from '../support/temp.js';

/**
 * Stable entry numbers, removing an import, deleting and restoring an entry, a
 * corrected file and Renumber, through the real CLI on a real encrypted vault.
 */

const tempDirectory = tempDirectoryFactory();
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'import');
const HV = join(FIXTURES, 'health-visiting-excel-utf8.csv');
const HV_CORRECTED = join(FIXTURES, 'health-visiting-corrected.csv');
const POLICE = join(FIXTURES, 'police-semicolon.csv');

const casebook = runCli;

function json(args: string[]) {
  const result = casebook([...args, '--json']);
  if (result.code !== 0) throw new Error(`casebook ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

interface Listed {
  id: string;
  ref: number;
  agency: string;
  date: string;
  event: string;
}

/** A review with Health visiting's file imported (5 valid rows of 8) and the police file (3 of 4). */
async function reviewWithTwoImports() {
  const vault = await closedVault(tempDirectory());
  const reviewId = json(['--vault', vault, 'review', 'create', '--title', 'Child H', '--type', 'cspr']).id as string;
  json([...chronologyImportArgs(vault, reviewId), HV, '--skip-invalid']);
  json([...chronologyImportArgs(vault, reviewId, 'Northshire Police'), POLICE, '--skip-invalid']);
  const list = (): Listed[] => json(['--vault', vault, 'chronology', 'list', '--review', reviewId]);
  const imports = () => json(['--vault', vault, 'chronology', 'imports', '--review', reviewId]);
  return { vault, reviewId, list, imports };
}

describe('casebook chronology: stable entry numbers', () => {
  it('numbers each import in the chronology’s order as it is added; a later import never renumbers', async () => {
    const { list } = await reviewWithTwoImports();
    const entries = list();
    expect(entries).toHaveLength(8);
    // Health visiting's five came first, numbered 1-5 in the order they read; the police three are 6-8.
    const byAgency = (agency: string) => entries.filter((entry) => entry.agency === agency).map((entry) => entry.ref);
    expect(byAgency('Health visiting')).toEqual([1, 2, 3, 4, 5]);
    expect(byAgency('Northshire Police')).toEqual([6, 7, 8]);
    // Interleaved by date, the numbers travel with their entries.
    expect(entries.map((entry) => entry.ref)).toEqual([6, 7, 1, 8, 2, 3, 4, 5]);
  });

  it('lists the imports, removes one (audited), deletes and restores an entry with its number', {
    timeout: 120_000,
  }, async () => {
    const { vault, list, imports } = await reviewWithTwoImports();
    const listed = imports();
    expect(listed).toEqual([
      {
        id: expect.any(String),
        agency: 'Health visiting',
        file: 'health-visiting-excel-utf8.csv',
        importedAt: expect.any(String),
        entries: 5,
      },
      {
        id: expect.any(String),
        agency: 'Northshire Police',
        file: 'police-semicolon.csv',
        importedAt: expect.any(String),
        entries: 3,
      },
    ]);
    expect(Object.keys(listed[0])).toEqual(['id', 'agency', 'file', 'importedAt', 'entries']);

    const removed = json(['--vault', vault, 'chronology', 'remove-import', '--import', listed[1].id]);
    expect(removed).toEqual({ removed: 3 });
    expect(list().map((entry) => entry.ref)).toEqual([1, 2, 3, 4, 5]);
    expect(imports().map((record: { agency: string }) => record.agency)).toEqual(['Health visiting']);
    const again = casebook(['--vault', vault, 'chronology', 'remove-import', '--import', listed[1].id, '--json']);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).error.code).toBe('not_found');

    const third = list()[2] as Listed;
    expect(json(['--vault', vault, 'chronology', 'delete', '--entry', third.id])).toMatchObject({ ref: third.ref });
    expect(list().map((entry) => entry.ref)).toEqual([1, 2, 4, 5]);
    // Restored with its own number.
    expect(json(['--vault', vault, 'chronology', 'restore', '--entry', third.id])).toEqual({ id: third.id, ref: 3 });
    expect(list()).toContainEqual(third);

    expect(
      await countsIn(vault, {
        removed: "SELECT count(*) AS n FROM audit_log WHERE entity = 'chronology_import' AND action = 'removed'",
        deleted: "SELECT count(*) AS n FROM audit_log WHERE entity = 'chronology_entry' AND action = 'deleted'",
        restored: "SELECT count(*) AS n FROM audit_log WHERE entity = 'chronology_entry' AND action = 'restored'",
        kept: 'SELECT count(*) AS n FROM chronology_entry_deleted',
      }),
    ).toEqual({ removed: 1, deleted: 1, restored: 1, kept: 3 });
  });

  it('renumbers only when asked, in the chronology’s order, recorded in the audit log', async () => {
    const { vault, reviewId, list } = await reviewWithTwoImports();
    expect(json(['--vault', vault, 'chronology', 'renumber', '--review', reviewId])).toEqual({ renumbered: 8 });
    expect(list().map((entry) => entry.ref)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(
      await countsIn(vault, {
        audited: "SELECT count(*) AS n FROM audit_log WHERE entity = 'review' AND action = 'chronology renumbered'",
      }),
    ).toEqual({ audited: 1 });
  });
});

describe('casebook chronology import: a corrected file', () => {
  it('says which rows are already there and imports only the new ones when asked', async () => {
    const { vault, reviewId, list } = await reviewWithTwoImports();
    const args = chronologyImportArgs(vault, reviewId);
    const unasked = casebook([...args, HV_CORRECTED, '--json']);
    expect(unasked.code).toBe(2);
    expect(JSON.parse(unasked.stdout).error.code).toBe('conflict');
    expect(unasked.stderr).toMatch(
      /5 of this file's entries are already in this review, from 'health-visiting-excel-utf8.csv'/,
    );
    expect(unasked.stderr).toMatch(/3 are new.*--only-new.*--replace-earlier/s);
    expect(list()).toHaveLength(8);

    const onlyNew = json([...args, HV_CORRECTED, '--only-new']);
    expect(onlyNew).toMatchObject({ imported: 3, rejected: [], alreadyThere: 5, replaced: null });
    const entries = list();
    expect(entries).toHaveLength(11);
    expect(entries.filter((entry) => entry.agency === 'Health visiting')).toHaveLength(8);
    expect(entries.map((entry) => entry.ref).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('replaces the earlier import when asked: its entries deleted, the corrected file’s in', async () => {
    const { vault, reviewId, list, imports } = await reviewWithTwoImports();
    const earlier = imports()[0];
    const replaced = json([...chronologyImportArgs(vault, reviewId), HV_CORRECTED, '--replace-earlier']);
    expect(replaced).toMatchObject({ imported: 8, alreadyThere: 0, replaced: earlier.id });
    expect(imports().map((record: { file: string; entries: number }) => [record.file, record.entries])).toEqual([
      ['police-semicolon.csv', 3],
      ['health-visiting-corrected.csv', 8],
    ]);
    const entries = list();
    expect(entries).toHaveLength(11);
    // The earlier entries' numbers stay taken (they can be restored): the corrected rows are 9-16.
    expect(
      entries
        .filter((entry) => entry.agency === 'Health visiting')
        .map((entry) => entry.ref)
        .sort((a, b) => a - b),
    ).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
  });
});
