import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { type CasebookApp, createCasebookApp } from '../../electron/app.js';
import type { ChannelName, ChannelOutput } from '../../shared/api/contract.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

/** The import-screen and export channels through the real dispatcher, on a real vault. */

const tempDirectory = tempDirectoryFactory();
let app: CasebookApp | null = null;

afterEach(() => {
  app?.close();
  app = null;
});

async function unlockedApp(): Promise<CasebookApp> {
  app = createCasebookApp(join(tempDirectory(), 'cdop.vault'), { scrypt: FAST_SCRYPT });
  const created = await app.invoke('vault.create', { passphrase: PASSPHRASE });
  expect(created.ok).toBe(true);
  return app;
}

async function invoke<C extends ChannelName>(target: CasebookApp, channel: C, payload: unknown) {
  const result = await target.invoke(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as ChannelOutput<C>;
}

const CSV = [
  'Case Ref,DOB,Date of death,Gender,Expected/Unexpected,Category of death,Modifiable factors,Date of notification,Review completed',
  'H-001,10/05/2023,07/06/2023,Female,unexpected,10,none,08/06/2023,14/09/2023',
  'H-002,29/02/2020,01/03/2021,M,expected,Chronic medical condition,identified,02/03/2021,',
  'H-003,31/02/2015,01/03/2016,male,expected,4,none,02/03/2016,',
].join('\r\n');
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('cdop import channels', () => {
  it('previews with row problems, refuses all-or-nothing, then skips the invalid row', async () => {
    const target = await unlockedApp();
    const preview = await invoke(target, 'cdop.previewImport', { fileName: 'old.csv', contentBase64: base64(CSV) });
    expect(preview).toMatchObject({
      format: 'csv',
      missingRequired: [],
      counts: { rows: 3, valid: 2, rejected: 1 },
      headers: expect.arrayContaining(['Case Ref', 'DOB']),
    });
    expect(preview.problems.filter((p) => p.severity === 'error')).toEqual([
      { row: 4, column: 'DOB', reason: expect.stringMatching(/31\/02\/2015/), severity: 'error' },
    ]);
    expect(preview.sampleRows.map((row) => row.reference)).toEqual(['H-001', 'H-002']);

    const refused = await invoke(target, 'cdop.commitImport', { previewId: preview.previewId });
    expect(refused).toMatchObject({ imported: 0, rejected: [{ row: 4, column: 'DOB' }] });
    expect(await invoke(target, 'cdop.case.list', {})).toHaveLength(0);

    const done = await invoke(target, 'cdop.commitImport', { previewId: preview.previewId, mode: 'skip-invalid' });
    expect(done.imported).toBe(2);
    expect((await invoke(target, 'cdop.case.list', {})).map((c) => c.reference).sort()).toEqual(['H-001', 'H-002']);
    // The preview is finished with once written.
    const gone = await target.invoke('cdop.commitImport', { previewId: preview.previewId });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('reports missing required columns instead of rows, and forgets previews when the vault locks', async () => {
    const target = await unlockedApp();
    const preview = await invoke(target, 'cdop.previewImport', {
      fileName: 'bad.csv',
      contentBase64: base64('Case Ref,Something\r\nH-1,x'),
    });
    expect(preview.missingRequired).toEqual(expect.arrayContaining(['date_of_birth', 'date_of_death']));
    expect(preview.counts.valid).toBe(0);
    await invoke(target, 'vault.lock', {});
    await invoke(target, 'vault.unlock', { passphrase: PASSPHRASE });
    const gone = await target.invoke('cdop.commitImport', { previewId: preview.previewId });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('cdop.statistics.export', () => {
  it('writes a workbook with a sheet per breakdown, the marking, and suppression on request', async () => {
    const target = await unlockedApp();
    const preview = await invoke(target, 'cdop.previewImport', { fileName: 'old.csv', contentBase64: base64(CSV) });
    await invoke(target, 'cdop.commitImport', { previewId: preview.previewId, mode: 'skip-invalid' });

    const period = { from: '2020-04-01', to: '2024-03-31' };
    const plain = await invoke(target, 'cdop.statistics.export', period);
    expect(plain.fileName).toBe('casebook-cdop-statistics-2020-04-01-to-2024-03-31.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(plain.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Summary',
      'By category',
      'Modifiable',
      'By age band',
      'By sex',
      'By ethnicity',
      'Expected',
      'Trend',
    ]);
    const summary = workbook.getWorksheet('Summary');
    expect(summary?.headerFooter.oddHeader).toContain('OFFICIAL-SENSITIVE');
    expect(summary?.headerFooter.oddFooter).toContain('OFFICIAL-SENSITIVE');
    expect(summary?.getCell('A6').value).toBe('Deaths notified');
    expect(summary?.getCell('B6').value).toBe(2);

    const suppressed = await invoke(target, 'cdop.statistics.export', { ...period, suppressSmallNumbers: true });
    expect(suppressed.fileName).toMatch(/-suppressed\.xlsx$/);
    const hidden = new ExcelJS.Workbook();
    await hidden.xlsx.load(Buffer.from(suppressed.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(hidden.getWorksheet('Summary')?.getCell('B6').value).toBe('[c]');
  });
});
