import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable, type Table } from '../../electron/services/import/read-table.js';
import { CasebookError } from '../../shared/api/errors.js';
import { ROOT } from '../support/build.js';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'import');
const CHRONOLOGY_HEADERS = ['Ref', 'Date', 'Source', 'Event', 'Outcome'];

function fixture(fileName: string, options: Parameters<typeof readTable>[1] = {}): Promise<Table> {
  return readTable({ fileName, bytes: readFileSync(join(FIXTURES, fileName)) }, options);
}

function column(table: Table, header: string): unknown[] {
  const index = table.headers.indexOf(header);
  if (index === -1) throw new Error(`no column ${header} in ${table.headers.join(', ')}`);
  return table.rows.map((row) => row.cells[index]);
}

async function refusal(fileName: string, bytes: Uint8Array, options = {}): Promise<CasebookError> {
  const error = await readTable({ fileName, bytes }, options).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CasebookError)) throw new Error(`expected a CasebookError for ${fileName}, got ${error}`);
  expect(error.code).toBe('unreadable_file');
  return error;
}

describe('readTable: CSV as each Excel writes it', () => {
  it('reads Excel "CSV UTF-8": BOM removed, CRLF, quoted commas and quotes', async () => {
    const table = await fixture('health-visiting-excel-utf8.csv');
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', headerRowNumber: 1, sheet: null });
    expect(table.headers[0]).toBe('Ref'); // no BOM left on the first header
    expect(table.headers).toHaveLength(9);
    expect(table.rows.map((row) => row.rowNumber)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(column(table, 'Source')[0]).toBe('HV record, entry 3');
    expect(column(table, 'Event')[1]).toBe(
      'Mother telephoned to cancel the 6-8 week review, saying "we are all fine".',
    );
    expect(column(table, 'Event')[0]).toContain('Renée');
    // Problem rows arrive as they are, with blanks as null, for the importer to report.
    expect(column(table, 'Date')[3]).toBeNull();
    expect(column(table, 'Date')[5]).toBe('31/02/2015');
    expect(column(table, 'Event')[6]).toBeNull();
  });

  it('detects a semicolon delimiter from the header line and leaves commas in text alone', async () => {
    const table = await fixture('police-semicolon.csv');
    expect(table.delimiter).toBe(';');
    expect(table.headers).toEqual([
      'Event Ref',
      'Date of event',
      'Organisation',
      'Source of Information',
      'Details',
      'Outcome',
    ]);
    expect(column(table, 'Details')[0]).toBe('Call from neighbour, shouting heard at the flat, officers attended');
    expect(column(table, 'Details')[3]).toBeNull();
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8 (£ and é from an older Excel)', async () => {
    const table = await fixture('school-windows-1252.csv');
    expect(table.encoding).toBe('windows-1252');
    expect(column(table, 'Description')[0]).toContain('£45');
    expect(column(table, 'Description')[1]).toContain('café');
  });

  it('numbers rows by record, as Excel does, so a cell with line breaks does not shift later rows', async () => {
    const table = await fixture('social-care-multiline.csv');
    expect(table.rows.map((row) => row.rowNumber)).toEqual([2, 3, 5]);
    expect(column(table, 'Details of contact')[0]).toBe(
      'Referral from HV.\nConcerns:\n- weight faltering\n- mother "struggling"',
    );
    expect(column(table, 'End Date')).toEqual([null, null, '30/10/2015']);
  });

  it('detects tab delimiters, counts blank lines, honours Excel\'s "sep=" line', async () => {
    const tabs = await readTable({ fileName: 'x.tsv', bytes: Buffer.from('Date\tEvent\n\n12/05/2015\tVisit\n') });
    expect(tabs.delimiter).toBe('\t');
    expect(tabs.rows).toEqual([{ rowNumber: 3, cells: ['12/05/2015', 'Visit'] }]);
    const hinted = await readTable({
      fileName: 'x.csv',
      bytes: Buffer.from('sep=;\r\nDate;Event, notes\r\n12/05/2015;Visit, seen\r\n'),
    });
    expect(hinted.delimiter).toBe(';');
    expect(hinted.headers).toEqual(['Date', 'Event, notes']);
    expect(hinted.rows).toEqual([{ rowNumber: 2, cells: ['12/05/2015', 'Visit, seen'] }]);
  });

  it('finds the header below a title row in a CSV too, and pads short rows', async () => {
    const bytes = Buffer.from('Chronology: Riverside Homes,,\nRef,Date,Event\n1,12/05/2015\n');
    const table = await readTable({ fileName: 'x.csv', bytes }, { knownHeaders: CHRONOLOGY_HEADERS });
    expect(table.headerRowNumber).toBe(2);
    expect(table.rows).toEqual([{ rowNumber: 3, cells: ['1', '12/05/2015', null] }]);
  });
});

describe('readTable: an .xlsx written by LibreOffice Calc', () => {
  const file = 'housing-chronology-libreoffice.xlsx';

  it('lists the sheets, reads the first, and finds the header below the title rows', async () => {
    for (const options of [{ knownHeaders: CHRONOLOGY_HEADERS }, {}]) {
      const table = await fixture(file, options);
      expect(table).toMatchObject({ format: 'xlsx', sheets: ['Chronology', 'Notes'], sheet: 'Chronology' });
      expect(table.headerRowNumber).toBe(4);
      expect(table.headers).toEqual(['Ref', 'Date', 'Agency', 'Source', 'Practitioner', 'Event', 'Outcome']);
    }
  });

  it('keeps Excel row numbers, skipping blank rows without renumbering', async () => {
    const table = await fixture(file);
    expect(table.rows.map((row) => row.rowNumber)).toEqual([5, 6, 7, 8, 9, 11, 12]);
  });

  it('gives real date cells as Dates (UTC fields as shown) and text dates as text', async () => {
    const dates = column(await fixture(file), 'Date');
    expect(dates[0]).toBeInstanceOf(Date);
    expect((dates[0] as Date).toISOString()).toBe('2015-03-02T00:00:00.000Z');
    expect((dates[1] as Date).toISOString()).toBe('2015-05-12T14:30:00.000Z');
    expect(dates[2]).toBe('31/02/2015');
    expect(dates[5]).toBeNull();
    expect(dates[6]).toBe('circa August 2015');
  });

  it('turns formulas, hyperlinks, rich text and merged cells into plain values', async () => {
    const table = await fixture(file);
    expect(column(table, 'Ref').slice(0, 2)).toEqual([1, 2]); // row 6's Ref is =A5+1
    expect(column(table, 'Source')[0]).toBe('Tenancy file TN-5521');
    expect(column(table, 'Event')[0]).toBe(
      'Tenancy sign-up with Mother. Rent arrears of £312 from previous tenancy noted.',
    );
    expect(column(table, 'Event')[1]).toBe("Damp reported in the child's bedroom.\nSurveyor visit booked.");
    // The date merged down rows 8-9 belongs to both rows.
    expect((column(table, 'Date')[4] as Date).toISOString()).toBe('2015-06-01T00:00:00.000Z');
    expect(column(table, 'Event')[6]).toBeNull();
  });

  it('reads a chosen sheet, matching its name regardless of case', async () => {
    const table = await fixture(file, { sheet: 'notes' });
    expect(table.sheet).toBe('Notes');
    expect(table.headers).toEqual(['Note', 'Author', 'Date written']);
    expect(table.rows).toHaveLength(1);
  });

  it('names the sheets when the chosen one is not there', async () => {
    const error = await refusal(file, readFileSync(join(FIXTURES, file)), { sheet: 'Sheet1' });
    expect(error.message).toBe(`'${file}' has no sheet called 'Sheet1': its sheets are 'Chronology', 'Notes'`);
  });
});

describe('readTable: files it cannot read', () => {
  it.each([
    ['notes.docx', Buffer.from('PK\u0003\u0004rest'), "'notes.docx' is not a CSV or Excel .xlsx file"],
    [
      'old.xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0]),
      "'old.xls' is an old Excel .xls file: open it in Excel, save it as .xlsx or CSV, and try again",
    ],
    [
      'locked.xlsx',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0]),
      "'locked.xlsx' is password-protected: remove the password in Excel and try again",
    ],
    ['fake.xlsx', Buffer.from('Date,Event\n'), "'fake.xlsx' is not a valid Excel .xlsx file"],
    [
      'broken.xlsx',
      Buffer.from('PK\u0003\u0004not really a zip'),
      "'broken.xlsx' could not be read as an Excel .xlsx file: it may be damaged",
    ],
    ['empty.csv', Buffer.from('\r\n,,\r\n'), "'empty.csv' is empty"],
    [
      'unicode.csv',
      Buffer.from([0xff, 0xfe, 0x44, 0]),
      `'unicode.csv' is saved as Unicode text: in Excel, save it as "CSV UTF-8" and try again`,
    ],
  ])('%s', async (fileName, bytes, message) => {
    expect((await refusal(fileName, bytes)).message).toBe(message);
  });

  it('says where a quoted cell is never closed', async () => {
    const error = await refusal('x.csv', Buffer.from('Date,Event\n12/05/2015,"Visit\n13/05/2015,Call\n'));
    expect(error.message).toMatch(/^'x.csv' could not be read as CSV/);
  });
});

describe('readTable: size', () => {
  it('reads 100,000 rows', async () => {
    const lines = ['Ref,Date,Event'];
    for (let index = 1; index <= 100_000; index += 1) lines.push(`${index},12/05/2015,"Visit ${index}, child seen"`);
    const table = await readTable({ fileName: 'big.csv', bytes: Buffer.from(lines.join('\r\n')) });
    expect(table.rows).toHaveLength(100_000);
    expect(table.rows.at(-1)).toEqual({
      rowNumber: 100_001,
      cells: ['100000', '12/05/2015', 'Visit 100000, child seen'],
    });
  });
});
