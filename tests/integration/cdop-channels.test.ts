import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { type CasebookApp, createCasebookApp } from '../../electron/app.js';
import { packageParts } from '../../electron/services/reports/package.js';
import { answer } from '../support/api.js';
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
    const preview = await answer(target, 'cdop.previewImport', { fileName: 'old.csv', contentBase64: base64(CSV) });
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

    const refused = await answer(target, 'cdop.commitImport', { previewId: preview.previewId });
    expect(refused).toMatchObject({ imported: 0, rejected: [{ row: 4, column: 'DOB' }] });
    expect(await answer(target, 'cdop.case.list', {})).toHaveLength(0);

    const done = await answer(target, 'cdop.commitImport', { previewId: preview.previewId, mode: 'skip-invalid' });
    expect(done.imported).toBe(2);
    expect((await answer(target, 'cdop.case.list', {})).map((c) => c.reference).sort()).toEqual(['H-001', 'H-002']);
    // The preview is finished with once written.
    const gone = await target.invoke('cdop.commitImport', { previewId: preview.previewId });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('reports missing required columns instead of rows, and forgets previews when the vault locks', async () => {
    const target = await unlockedApp();
    const preview = await answer(target, 'cdop.previewImport', {
      fileName: 'bad.csv',
      contentBase64: base64('Case Ref,Something\r\nH-1,x'),
    });
    expect(preview.missingRequired).toEqual(['Date of birth', 'Date of death', 'Sex', 'Date notified']);
    expect(preview.counts.valid).toBe(0);
    const refused = await target.invoke('cdop.commitImport', { previewId: preview.previewId });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_payload',
        message:
          "'bad.csv' has no column for Date of birth, Date of death, Sex and Date notified (its headers: Case Ref, Something): choose the columns on the import screen, or rename them in the file",
      },
    });
    await answer(target, 'vault.lock', {});
    await answer(target, 'vault.unlock', { passphrase: PASSPHRASE });
    const gone = await target.invoke('cdop.commitImport', { previewId: preview.previewId });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('cdop import: column mapping', () => {
  // A panel's own export, with headers no synonym knows.
  const UNFAMILIAR = [
    'Child ID,Born,Died,M/F,Reported to panel,Closed',
    'K-1,10/05/2023,07/06/2023,F,08/06/2023,',
    'K-2,01/01/2019,02/02/2020,M,03/02/2020,01/06/2020',
  ].join('\r\n');

  it('maps unfamiliar headers by hand, imports, and remembers the mapping for the next file', async () => {
    const target = await unlockedApp();
    const preview = await answer(target, 'cdop.previewImport', {
      fileName: 'panel.csv',
      contentBase64: base64(UNFAMILIAR),
    });
    expect(preview.missingRequired).toEqual(['Reference', 'Date of birth', 'Date of death', 'Sex', 'Date notified']);
    const mapping = {
      reference: 0,
      date_of_birth: 1,
      date_of_death: 2,
      sex: 3,
      date_notified: 4,
      date_review_completed: 5,
    };
    const twice = await target.invoke('cdop.updatePreview', {
      previewId: preview.previewId,
      mapping: { ...mapping, child_name: 0 },
    });
    expect(twice).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: "one column cannot be both Reference and Child's name" },
    });
    const mapped = await answer(target, 'cdop.updatePreview', { previewId: preview.previewId, mapping });
    expect(mapped).toMatchObject({ missingRequired: [], counts: { rows: 2, valid: 2, rejected: 0 } });
    expect(mapped.matchedBy).toMatchObject({ reference: 'chosen', sex: 'chosen' });
    const done = await answer(target, 'cdop.commitImport', { previewId: preview.previewId });
    expect(done).toMatchObject({ imported: 2, rejected: [], importId: null, possibleDuplicates: null });
    const cases = await answer(target, 'cdop.case.list', {});
    expect(cases.map((c) => [c.reference, c.status]).sort()).toEqual([
      ['K-1', 'notified'],
      ['K-2', 'reviewed'],
    ]);

    expect(await answer(target, 'cdop.savedMapping', {})).toEqual({
      mapping: {
        reference: 'Child ID',
        date_of_birth: 'Born',
        date_of_death: 'Died',
        sex: 'M/F',
        date_notified: 'Reported to panel',
        date_review_completed: 'Closed',
      },
    });
    const next = await answer(target, 'cdop.previewImport', {
      fileName: 'panel-2024.csv',
      contentBase64: base64(UNFAMILIAR.replaceAll('K-', 'L-')),
    });
    expect(next).toMatchObject({ missingRequired: [], counts: { valid: 2 } });
    expect(next.matchedBy).toMatchObject({ reference: 'saved', date_notified: 'saved' });
  });

  it("previews of one kind are not the other kind's, and every held preview is bounded", async () => {
    const target = await unlockedApp();
    const preview = await answer(target, 'cdop.previewImport', { fileName: 'old.csv', contentBase64: base64(CSV) });
    const crossed = await target.invoke('chronology.commitImport', { previewId: preview.previewId });
    expect(crossed).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Five previews: the oldest is dropped (at most four are held, of any kind).
    const ids = [preview.previewId];
    for (let index = 0; index < 4; index += 1) {
      ids.push(
        (await answer(target, 'cdop.previewImport', { fileName: `f${index}.csv`, contentBase64: base64(CSV) }))
          .previewId,
      );
    }
    expect(await target.invoke('cdop.updatePreview', { previewId: ids[0], mapping: {} })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await target.invoke('cdop.updatePreview', { previewId: ids[4] })).toMatchObject({ ok: true });
  });
});

describe('cdop.statistics.export', () => {
  it('writes a workbook with a sheet per breakdown, the marking, and suppression on request', async () => {
    const target = await unlockedApp();
    const preview = await answer(target, 'cdop.previewImport', { fileName: 'old.csv', contentBase64: base64(CSV) });
    await answer(target, 'cdop.commitImport', { previewId: preview.previewId, mode: 'skip-invalid' });

    const period = { from: '2020-04-01', to: '2024-03-31' };
    const plain = await answer(target, 'cdop.statistics.export', period);
    expect(plain.fileName).toBe('casebook-cdop-statistics-2020-04-01-to-2024-03-31.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(plain.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Summary',
      'By category',
      'Modifiable',
      'Modifiable by category',
      'By age band',
      'Modifiable by age band',
      'By sex',
      'Modifiable by sex',
      'By ethnicity',
      'Modifiable by ethnicity',
      'Expected',
      'Trend',
    ]);
    const summary = workbook.getWorksheet('Summary');
    expect(summary?.headerFooter.oddHeader).toContain('OFFICIAL-SENSITIVE');
    expect(summary?.headerFooter.oddFooter).toContain('OFFICIAL-SENSITIVE');
    expect(summary?.getCell('A6').value).toBe('Deaths notified');
    expect(summary?.getCell('B6').value).toBe(2);

    const suppressed = await answer(target, 'cdop.statistics.export', { ...period, suppressSmallNumbers: true });
    expect(suppressed.fileName).toMatch(/-suppressed\.xlsx$/);
    const hidden = new ExcelJS.Workbook();
    await hidden.xlsx.load(Buffer.from(suppressed.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(hidden.getWorksheet('Summary')?.getCell('B6').value).toBe('[c]');

    // The annual report, from the window's side: a Word document with the basis and the rule.
    const report = await answer(target, 'cdop.statistics.report', { ...period, suppressSmallNumbers: true });
    expect(report.fileName).toBe('casebook-cdop-annual-report-2020-04-01-to-2024-03-31-suppressed.docx');
    const parts = packageParts(Buffer.from(report.contentBase64, 'base64'));
    const body = parts.find((part) => part.name === 'word/document.xml')?.data.toString('utf8') ?? '';
    expect(body).toContain('Child Death Overview Panel: annual report');
    expect(body).toContain('the next smallest count is withheld too');
    expect(parts.filter((part) => part.name.startsWith('word/media/')).length).toBe(11);
  });
});
