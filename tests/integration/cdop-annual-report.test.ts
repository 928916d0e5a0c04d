import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCdopCases, insertCdopCases } from '../../bench/cdop-data.js';
import { recentAudit } from '../../db/audit.js';
import { cdopStatistics } from '../../db/cdop-statistics.js';
import { Vault } from '../../db/vault.js';
import { CLI } from '../support/build.js';
import { convertWithLibreOffice, pageImages } from '../support/libreoffice.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();

/**
 * The CDOP annual report, written by the real CLI (no browser: its charts are drawn
 * in Node), opened by LibreOffice headless and read back as a board member would.
 */
describe('casebook cdop report', () => {
  it('writes every statistic as a table with its chart, the basis and the suppression rule, and LibreOffice opens it', async () => {
    const directory = tempDirectory();
    const path = join(directory, 'cdop.vault');
    const { vault } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
    insertCdopCases(vault, generateCdopCases(600, 5));
    const period = { from: '2019-04-01', to: '2020-03-31' };
    const figures = cdopStatistics(vault.database, period.from, period.to, 'completed');
    vault.close();

    const out = join(directory, 'annual-report.docx');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [CLI, '--vault', path, 'cdop', 'report', ...args], {
        encoding: 'utf8',
        env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, CASEBOOK_RECOVERY_KEY: undefined },
      });
    const result = run(['--from', period.from, '--to', period.to, '--out', out, '--suppress-small', '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      path: out,
      ...period,
      basis: 'completed',
      suppressed: true,
      tables: 11,
    });

    const wrong = run(['--out', join(directory, 'report.pdf'), '--json']);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toBe('--out: the annual report is written as .docx\n');
    expect(existsSync(join(directory, 'report.pdf'))).toBe(false);

    const converted = convertWithLibreOffice(out, directory);
    const text = converted.text.replace(/\s+/g, ' ');
    expect(text).toContain('Child Death Overview Panel: annual report');
    expect(text).toContain('Basis: reviews completed from 01/04/2019 to 31/03/2020');
    expect(text).toContain('the next smallest count is withheld too');
    for (const title of [
      'Reviews completed by category of death',
      'Modifiable factors by age band',
      'Modifiable factors by sex',
      'Modifiable factors by ethnicity',
      'Trend by financial year',
    ]) {
      expect(text).toContain(title);
    }
    // The headline figure as counted in the vault (large enough not to be withheld).
    expect(figures.reviewed).toBeGreaterThan(4);
    expect(text).toMatch(new RegExp(`Reviews completed ${figures.reviewed}\\b`));
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(converted.pages).toBeGreaterThan(5);
    // A chart image for each table.
    const images = execFileSync('pdfimages', ['-list', converted.pdf], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2);
    expect(images.length).toBeGreaterThanOrEqual(11);
    // Pages for a person to look at.
    pageImages(converted.pdf, join(process.cwd(), 'test-results', 'cdop-annual-report'), 1, 4);

    const reopened = await Vault.unlock(path, { passphrase: PASSPHRASE }, { readOnly: true });
    try {
      expect(recentAudit(reopened.database, 1)[0]).toMatchObject({ action: 'annual report exported' });
    } finally {
      reopened.close();
    }
  }, 240_000);
});
