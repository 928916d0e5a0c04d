import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { recentAudit } from '../../db/audit.js';
import { cdopStatistics } from '../../db/cdop-statistics.js';
import { Vault } from '../../db/vault.js';
import { CLI } from '../support/build.js';
import { closedVault } from '../support/cli.js';
import { PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();

// Header synonyms as a panel's own spreadsheet might have them; UK dates, a label for a category.
const CSV = [
  'Case Ref,DOB,Date of death,Gender,Ethnic group,Expected/Unexpected,Category of death,Modifiable factors,Date of notification,Review completed',
  'H-001,10/05/2023,07/06/2023,Female,White - British,unexpected,10,none,08/06/2023,14/09/2023',
  'H-002,29/02/2020,01/03/2021,M,,expected,Chronic medical condition,identified,02/03/2021,',
  'H-003,01/06/2010,2015-06-01,female,,Unexpected,1,insufficient,2015-06-02,2016-01-10',
  'H-004,31/02/2015,01/03/2016,male,,expected,4,none,02/03/2016,',
  'H-005,01/01/2016,01/02/2016,male,,expected,11,maybe,02/02/2016,',
].join('\r\n');

async function setUp(): Promise<{ directory: string; vault: string }> {
  const directory = tempDirectory();
  const vault = await closedVault(directory, 'cdop.vault');
  return { directory, vault };
}

function casebook(vault: string, args: string[]) {
  const result = spawnSync(process.execPath, [CLI, '--vault', vault, 'cdop', 'import', ...args], {
    encoding: 'utf8',
    env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, CASEBOOK_RECOVERY_KEY: undefined },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function countCases(vault: string): Promise<number> {
  const opened = await Vault.unlock(vault, { passphrase: PASSPHRASE });
  try {
    return (opened.database.prepare('SELECT count(*) AS n FROM cdop_case').get() as { n: number }).n;
  } finally {
    opened.close();
  }
}

describe('casebook cdop import', () => {
  it('imports nothing and exits non-zero when any row is rejected, naming row, column and reason', async () => {
    const { directory, vault } = await setUp();
    const file = join(directory, 'historic.csv');
    writeFileSync(file, CSV);
    const result = casebook(vault, [file, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      imported: 0,
      rejected: [
        { row: 5, column: 'DOB', reason: expect.stringMatching(/31\/02\/2015/) },
        { row: 6, column: 'Category of death', reason: '11 is not a category of death (1-10 or its label)' },
        { row: 6, column: 'Modifiable factors', reason: 'maybe is not identified, none or insufficient' },
      ],
    });
    expect(result.stderr).toBe('nothing imported: 3 row problem(s) (fix the rows, or use --skip-invalid)\n');
    expect(await countCases(vault)).toBe(0);
  });

  it('--skip-invalid imports the valid rows: reviewed when a completion date is given; the references then clash', async () => {
    const { directory, vault } = await setUp();
    const file = join(directory, 'historic.csv');
    writeFileSync(file, CSV);
    const result = casebook(vault, [file, '--skip-invalid', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 3 });

    const opened = await Vault.unlock(vault, { passphrase: PASSPHRASE });
    try {
      const figures = cdopStatistics(opened.database, '2010-01-01', '2024-12-31', 'deaths');
      expect(figures).toMatchObject({
        notified: 3,
        reviewed: 2,
        byAgeBand: { '28-364d': 1, '1-4': 1, '5-9': 1 }, // 28 days; 29 Feb birth on 1 March; fifth birthday
        bySex: { female: 2, male: 1 },
        expected: 1,
        unexpected: 2,
        modifiable: { identified: 0, none: 1, insufficient: 1 },
      });
      expect(figures.byCategory).toMatchObject({ '1': 1, '10': 1, '6': 0 });
      const row = opened.database.prepare("SELECT category, status FROM cdop_case WHERE reference = 'H-002'").get();
      expect(row).toEqual({ category: 6, status: 'notified' });
      // Each case carries the analysis form its dates imply: the review's date, else the death's.
      expect(
        opened.database.prepare('SELECT reference, form_version AS version FROM cdop_case ORDER BY reference').all(),
      ).toEqual([
        { reference: 'H-001', version: 'analysis-form-2021' },
        { reference: 'H-002', version: 'analysis-form-2018' },
        { reference: 'H-003', version: 'form-c' },
      ]);
      expect(recentAudit(opened.database, 5).find((entry) => entry.action === 'imported')).toBeDefined();
    } finally {
      opened.close();
    }

    const again = casebook(vault, [file, '--json']);
    expect(again.code).not.toBe(0);
    expect(JSON.parse(again.stdout).rejected[0]).toEqual({
      row: 2,
      column: 'Case Ref',
      reason: 'H-001 is already in this vault',
    });
  });

  it('reads an .xlsx with Excel date cells, and refuses a file missing a required column', async () => {
    const { directory, vault } = await setUp();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Cases');
    sheet.addRow(['reference', 'date_of_birth', 'date_of_death', 'sex', 'date_notified', 'date_review_completed']);
    sheet.addRow(['X-1', new Date(Date.UTC(2022, 5, 1)), new Date(Date.UTC(2022, 5, 29)), 'male', '30/06/2022', '']);
    const xlsx = join(directory, 'cases.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const result = casebook(vault, [xlsx, '--json']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ imported: 1, rejected: [] });

    const missing = join(directory, 'missing.csv');
    writeFileSync(missing, 'reference,sex\nA,male\n');
    const refused = casebook(vault, [missing]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      "'missing.csv' has no column for Date of birth, Date of death and Date notified (its headers: reference, sex): choose the columns on the import screen, or rename them in the file\n",
    );
  });
});
