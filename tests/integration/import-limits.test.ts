import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PreviewStore } from '../../electron/services/import/previews.js';
import { checkXlsxLimits } from '../../electron/services/import/xlsx-limits.js';
import { CasebookError } from '../../shared/api/errors.js';
import { IMPORT_LIMITS } from '../../shared/import/limits.js';
import { deflated, repeatedDeflated, workbookEntries, zip } from '../support/zip.js';

/** The import limits the CLI test cannot reach cheaply: a part that lies, a large total, the preview memory bound. */

function refusal(run: () => void): CasebookError {
  try {
    run();
  } catch (error) {
    if (error instanceof CasebookError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('.xlsx limits, checked before parsing', () => {
  it('passes a real workbook', async () => {
    const entries = await workbookEntries([
      ['Date', 'Event'],
      ['01/05/2015', 'Visit'],
    ]);
    expect(() => checkXlsxLimits('ok.xlsx', zip(entries))).not.toThrow();
  });

  it('refuses a part whose declared size is a lie, by inflating it no further than declared', async () => {
    const entries = await workbookEntries([['Date', 'Event']]);
    const liar = {
      ...repeatedDeflated('xl/worksheets/sheet1.xml', '<x>', 'A'.repeat(1 << 16), 64, '</x>'),
      declaredSize: 5_000,
    };
    const error = refusal(() =>
      checkXlsxLimits('liar.xlsx', zip(entries.map((entry) => (entry.name === liar.name ? liar : entry)))),
    );
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/^'liar\.xlsx' expands to far more than a spreadsheet of its size/);
  });

  it('refuses parts that together expand past the limit, without inflating any', () => {
    // Two parts that claim 100 MB each from 2 MB (a 50-fold ratio passes on its own).
    const noise = randomBytes(2_000_000);
    const big = (name: string) => ({
      ...deflated(name, Buffer.alloc(0)),
      compressed: noise,
      declaredSize: 100_000_000,
    });
    const error = refusal(() => checkXlsxLimits('two.xlsx', zip([big('a.xml'), big('b.xml')])));
    expect(error.code).toBe('too_large');
    expect(error.message).toBe(
      "'two.xlsx' expands to 200 MB: Casebook imports workbooks of up to 157 MB once expanded; save the sheet as CSV or split it",
    );
  });

  it('refuses more parts than a workbook has, counted before any part is read', async () => {
    const many = Array.from({ length: IMPORT_LIMITS.xlsxEntries + 1 }, (_, index) =>
      deflated(`p${index}.xml`, Buffer.alloc(0)),
    );
    const error = refusal(() => checkXlsxLimits('many.xlsx', zip(many)));
    expect(error.code).toBe('too_large');
    expect(error.message).toBe(
      "'many.xlsx' has 5,001 parts inside: an Excel workbook Casebook imports has at most 5,000",
    );
    // A real workbook whose directory claims 65,535 parts: refused for the claim, not read entry by entry.
    const claims = zip(await workbookEntries([['Date', 'Event']]));
    claims.writeUInt16LE(0xffff, claims.length - 22 + 10);
    expect(refusal(() => checkXlsxLimits('claims.xlsx', claims)).code).toBe('too_large');
  });

  it('calls a workbook whose directory claims a part more than it holds damaged', async () => {
    const bytes = zip(await workbookEntries([['Date', 'Event']]));
    bytes.writeUInt16LE(bytes.readUInt16LE(bytes.length - 22 + 10) + 1, bytes.length - 22 + 10);
    const error = refusal(() => checkXlsxLimits('short.xlsx', bytes));
    expect(error.code).toBe('unreadable_file');
    expect(error.message).toBe("'short.xlsx' could not be read as an Excel .xlsx file: it may be damaged");
  });

  it('calls a file that is no zip at all damaged', () => {
    const error = refusal(() => checkXlsxLimits('text.xlsx', Buffer.from('PK not really a zip')));
    expect(error.code).toBe('unreadable_file');
  });
});

describe('the preview store', () => {
  const preview = (id: string, bytes: number) => ({ id, kind: 'chronology', bytes });

  it('holds at most the count and the memory it is given, dropping the oldest first', () => {
    const store = new PreviewStore({ previews: 3, bytes: 100 });
    store.add(preview('a', 40));
    store.add(preview('b', 40));
    expect(store.size).toBe(2);
    store.add(preview('c', 40));
    // 120 > 100: the oldest goes.
    expect(() => store.get('a', 'chronology')).toThrow(/expired/);
    expect(store.heldBytes()).toBe(80);
    store.add(preview('d', 10));
    store.add(preview('e', 10));
    expect(store.size).toBe(3);
    expect(() => store.get('b', 'chronology')).toThrow(/expired/);
    expect(store.get('e', 'chronology').bytes).toBe(10);
    expect(() => store.get('e', 'cdop')).toThrow(/expired/);
  });

  it('refuses one preview larger than the whole budget', () => {
    const store = new PreviewStore({ previews: 3, bytes: 100 });
    store.add(preview('a', 40));
    const error = refusal(() => store.add(preview('huge', 101)));
    expect(error.code).toBe('too_large');
    expect(store.size).toBe(1);
  });
});
