import { spawn, spawnSync } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAgencyCsv } from '../../bench/chronology-import.bench.js';
import { Vault } from '../../db/vault.js';
import { CLI, ROOT } from '../support/build.js';
import { chronologyImportArgs, closedVault, countsIn } from '../support/cli.js';
import { PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';
import { repeatedDeflated, workbookEntries, zip } from '../support/zip.js';

/**
 * The import commands of the CLI, chronology and CDOP alike: the same limits,
 * messages and exit codes (0 imported, 1 rows rejected, 2 nothing could be done).
 */

const tempDirectory = tempDirectoryFactory();
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'import');
const env = { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, CASEBOOK_RECOVERY_KEY: undefined };

function casebook(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function casebookAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function newVault(): Promise<{ directory: string; vault: string; reviewId: string }> {
  const directory = tempDirectory();
  const vault = await closedVault(directory);
  const created = casebook(['--vault', vault, 'review', 'create', '--title', 'Child H', '--type', 'cspr', '--json']);
  return { directory, vault, reviewId: JSON.parse(created.stdout).id };
}

function counts(path: string) {
  return countsIn(path, {
    entries: 'SELECT count(*) AS n FROM chronology_entry',
    imports: 'SELECT count(*) AS n FROM chronology_import',
    agencies: 'SELECT count(*) AS n FROM review_agency',
    cases: 'SELECT count(*) AS n FROM cdop_case',
    audited: "SELECT count(*) AS n FROM audit_log WHERE action = 'imported'",
  });
}

const NOTHING = { entries: 0, imports: 0, agencies: 0, cases: 0, audited: 0 };

const CDOP_HEADER =
  'Case Ref,NHS number,DOB,Date of death,Gender,Date of notification,Expected/Unexpected,Category of death,Modifiable factors,Review completed';

describe('import limits and refusals, chronology and CDOP alike', () => {
  it('a header-only file imports nothing, says so, and exits 2 (no import, agency or audit row)', async () => {
    const { directory, vault, reviewId } = await newVault();
    const file = join(directory, 'empty.csv');
    writeFileSync(file, 'Date,Event\r\n');
    const chronology = casebook([...chronologyImportArgs(vault, reviewId), file, '--json']);
    expect(chronology.code).toBe(2);
    expect(chronology.stderr).toBe("'empty.csv' has no rows below its header (row 1): nothing to import\n");
    expect(JSON.parse(chronology.stdout).error.code).toBe('unreadable_file');

    const cdopFile = join(directory, 'cases.csv');
    writeFileSync(cdopFile, `${CDOP_HEADER}\r\n`);
    const cdop = casebook(['--vault', vault, 'cdop', 'import', cdopFile, '--json']);
    expect(cdop.code).toBe(2);
    expect(cdop.stderr).toBe("'cases.csv' has no rows below its header (row 1): nothing to import\n");
    expect(await counts(vault)).toEqual(NOTHING);
  });

  it('skip-invalid with every row rejected writes nothing and exits 1', async () => {
    const { directory, vault, reviewId } = await newVault();
    const file = join(directory, 'bad.csv');
    writeFileSync(file, 'Date,Event\r\n31/02/2015,Visit\r\n,Call\r\n');
    const result = casebook([...chronologyImportArgs(vault, reviewId), file, '--skip-invalid', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 0 });
    expect(JSON.parse(result.stdout).rejected).toHaveLength(2);
    expect(await counts(vault)).toEqual(NOTHING);
  });

  it('two imports of the same file at the same moment: one goes in, the other is refused as a re-import', async () => {
    const { directory, vault, reviewId } = await newVault();
    // Big enough that one import's write is still running while the other checks.
    const file = join(directory, 'large.csv');
    writeFileSync(file, generateAgencyCsv(20_000));
    const args = [...chronologyImportArgs(vault, reviewId), file, '--json'];
    for (let attempt = 0; attempt < 1; attempt += 1) {
      const results = await Promise.all([casebookAsync(args), casebookAsync(args)]);
      const codes = results.map((result) => result.code).sort();
      expect(codes).toEqual([0, 2]);
      const refused = results.find((result) => result.code === 2);
      // Refused as a re-import once the first has committed, or, if the first's write is still
      // running after the 5 s busy wait (a loaded machine), as busy: never both in.
      const { code } = JSON.parse(refused?.stdout ?? '').error;
      expect(['conflict', 'busy']).toContain(code);
      expect(refused?.stderr).toMatch(
        code === 'conflict' ? /already imported into this review.*--yes-reimport/ : /in use by another Casebook/,
      );
    }
    expect(await counts(vault)).toMatchObject({ imports: 1, entries: 20_000 });
  });

  it('rejected rows exit 1 from both commands; a re-import names --yes-reimport', async () => {
    const { directory, vault, reviewId } = await newVault();
    const file = join(directory, 'cases.csv');
    writeFileSync(
      file,
      [
        CDOP_HEADER,
        'H-1,,10/05/2023,07/06/2023,Female,08/06/2023,,,,',
        'H-2,,31/02/2015,01/03/2016,male,02/03/2016,,,,',
      ].join('\r\n'),
    );
    const cdop = casebook(['--vault', vault, 'cdop', 'import', file, '--json']);
    expect(cdop.code).toBe(1);
    const chronology = casebook([
      ...chronologyImportArgs(vault, reviewId),
      join(FIXTURES, 'health-visiting-excel-utf8.csv'),
    ]);
    expect(chronology.code).toBe(1);

    const police = [...chronologyImportArgs(vault, reviewId), join(FIXTURES, 'police-semicolon.csv'), '--skip-invalid'];
    expect(casebook(police).code).toBe(0);
    const again = casebook(police);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^This file was already imported into this review .*--yes-reimport/);
    expect(again.stderr).not.toMatch(/Confirm/);
  });

  it('CDOP reads the NHS number column and checks its check digit, as the case form does', async () => {
    const { directory, vault } = await newVault();
    const file = join(directory, 'cases.csv');
    writeFileSync(
      file,
      [
        CDOP_HEADER,
        'H-1,943 476 5919,10/05/2023,07/06/2023,Female,08/06/2023,,,,',
        'H-2,1234567890,10/05/2023,07/06/2023,Female,08/06/2023,,,,',
        'H-3,ABCDEFGHIJ,10/05/2023,07/06/2023,Female,08/06/2023,,,,',
        'H-4,,10/05/2023,07/06/2023,Female,08/06/2023,,,,',
      ].join('\r\n'),
    );
    const refused = casebook(['--vault', vault, 'cdop', 'import', file, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).rejected).toEqual([
      {
        row: 3,
        column: 'NHS number',
        reason: 'This is not a valid NHS number: no check digit is possible for its first nine digits',
      },
      { row: 4, column: 'NHS number', reason: 'An NHS number is 10 digits, written together or as 3 3 4 with spaces' },
    ]);
    expect(casebook(['--vault', vault, 'cdop', 'import', file, '--skip-invalid', '--json']).code).toBe(0);
    const opened = await Vault.unlock(vault, { passphrase: PASSPHRASE });
    try {
      expect(opened.database.prepare('SELECT reference, nhs_number FROM cdop_case ORDER BY reference').all()).toEqual([
        { reference: 'H-1', nhs_number: '9434765919' },
        { reference: 'H-4', nhs_number: null },
      ]);
    } finally {
      opened.close();
    }
  });

  it('a cell longer than a typed entry may be is a row problem, not 50 MB in the vault', async () => {
    const { directory, vault, reviewId } = await newVault();
    const file = join(directory, 'long.csv');
    writeFileSync(file, `Date,Event\r\n01/05/2015,${'x'.repeat(60_000)}\r\n02/05/2015,Home visit\r\n`);
    const result = casebook([...chronologyImportArgs(vault, reviewId), file, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).rejected).toEqual([
      { row: 2, column: 'Event', reason: 'longer than 50,000 characters (60,000): shorten the text and try again' },
    ]);
    expect(await counts(vault)).toEqual(NOTHING);
  });

  it('refuses a file of more rows than one import takes, before writing anything', async () => {
    const { directory, vault, reviewId } = await newVault();
    const file = join(directory, 'huge.csv');
    writeFileSync(file, `Date,Event\r\n${'01/05/2015,Visit\r\n'.repeat(100_001)}`);
    const result = casebook([...chronologyImportArgs(vault, reviewId), file, '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error.code).toBe('too_large');
    expect(result.stderr).toBe(
      "'huge.csv' has 100,001 rows: Casebook imports at most 100,000 rows from one file; split it and import each part\n",
    );
    expect(await counts(vault)).toEqual(NOTHING);
  });

  it('refuses an .xlsx that inflates a thousandfold before parsing it (a zip bomb), for both kinds', async () => {
    const { directory, vault, reviewId } = await newVault();
    const entries = await workbookEntries([
      ['Date', 'Event'],
      ['01/05/2015', 'Visit'],
    ]);
    const sheet = repeatedDeflated(
      'xl/worksheets/sheet1.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>Event</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>01/05/2015</t></is></c><c r="B2" t="inlineStr"><is><t>',
      'A'.repeat(1 << 20),
      160,
      '</t></is></c></row></sheetData></worksheet>',
    );
    const bomb = zip(entries.map((entry) => (entry.name === sheet.name ? sheet : entry)));
    expect(bomb.length).toBeLessThan(400_000);
    const file = join(directory, 'bomb.xlsx');
    writeFileSync(file, bomb);
    const started = Date.now();
    const chronology = casebook([...chronologyImportArgs(vault, reviewId), file, '--json']);
    expect(chronology.code).toBe(2);
    expect(JSON.parse(chronology.stdout).error.code).toBe('too_large');
    expect(chronology.stderr).toMatch(/^'bomb\.xlsx' expands to far more than a spreadsheet of its size/);
    const cdop = casebook(['--vault', vault, 'cdop', 'import', file, '--json']);
    expect(cdop.stderr).toBe(chronology.stderr);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await counts(vault)).toEqual(NOTHING);
  });

  it('refuses a file over the size limit by its size, without reading it into memory', async () => {
    const { directory, vault, reviewId } = await newVault();
    // Sparse: 3 GB on paper, nothing on disk. Read whole, it would fail as unreadable (over Node's 2 GiB).
    const file = join(directory, 'huge.csv');
    writeFileSync(file, 'Date,Event\n');
    truncateSync(file, 3_000_000_000);
    const result = casebook([...chronologyImportArgs(vault, reviewId), file, '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error.code).toBe('too_large');
    expect(result.stderr).toMatch(/^'huge\.csv' is 3,000 MB: Casebook imports files of up to 48 MB/);
    expect(await counts(vault)).toEqual(NOTHING);
  });

  it('a missing file: the same code and message from both commands', async () => {
    const { directory, vault, reviewId } = await newVault();
    const file = join(directory, 'absent.csv');
    const chronology = casebook([...chronologyImportArgs(vault, reviewId), file, '--json']);
    const cdop = casebook(['--vault', vault, 'cdop', 'import', file, '--json']);
    expect(chronology.code).toBe(2);
    expect(cdop.code).toBe(2);
    expect(JSON.parse(chronology.stdout).error).toEqual(JSON.parse(cdop.stdout).error);
    expect(JSON.parse(cdop.stdout).error.code).toBe('unreadable_file');
  });
});
