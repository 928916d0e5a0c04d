import { describe, expect, it } from 'vitest';
import { parseFuzzyDate } from '../../shared/dates/fuzzy-date.js';
import { buildPreview, describeProblem, groupProblems, rejectedRows } from '../../shared/import/problems.js';

interface Row {
  rowNumber: number;
  date: string;
  event: string;
}

const rows: Row[] = [
  { rowNumber: 2, date: '12/05/2015', event: 'Home visit' },
  { rowNumber: 3, date: '', event: 'Phone call' },
  { rowNumber: 5, date: '31/02/2015', event: '' },
  { rowNumber: 6, date: '2015', event: 'Moved house' },
];

/** A check like an importer's: errors reject the row, a warning lets it through. */
function check(row: Row, problems: Parameters<Parameters<typeof buildPreview<Row, unknown>>[1]>[1]) {
  const date = parseFuzzyDate(row.date);
  if (!date.ok) problems.error('Date', date.reason);
  if (row.event.trim() === '') problems.error('Event', 'event text is empty');
  if (!date.ok) return undefined;
  if (date.date.precision === 'year') problems.warning('Date', 'only the year is known');
  return { start: date.date.start, event: row.event };
}

describe('buildPreview', () => {
  const preview = buildPreview(rows, check);

  it('keeps valid rows with their row numbers', () => {
    expect(preview.valid).toEqual([
      { row: 2, value: { start: '2015-05-12', event: 'Home visit' } },
      { row: 6, value: { start: '2015', event: 'Moved house' } },
    ]);
  });

  it('collects every problem on a row, in row order', () => {
    expect(preview.problems).toEqual([
      { row: 3, column: 'Date', reason: 'date missing', severity: 'error' },
      {
        row: 5,
        column: 'Date',
        reason: '31/02/2015 is not a real date: February 2015 has 28 days',
        severity: 'error',
      },
      { row: 5, column: 'Event', reason: 'event text is empty', severity: 'error' },
      { row: 6, column: 'Date', reason: 'only the year is known', severity: 'warning' },
    ]);
  });

  it('counts rows, valid, rejected and warned', () => {
    expect(preview.counts).toEqual({ rows: 4, valid: 2, rejected: 2, withWarnings: 1 });
  });

  it('gives the CLI its rejected list: errors only', () => {
    expect(rejectedRows(preview)).toEqual([
      { row: 3, column: 'Date', reason: 'date missing' },
      { row: 5, column: 'Date', reason: '31/02/2015 is not a real date: February 2015 has 28 days' },
      { row: 5, column: 'Event', reason: 'event text is empty' },
    ]);
  });

  it('rejects a row whose check throws or returns nothing, saying so', () => {
    const odd = buildPreview([{ rowNumber: 9 }, { rowNumber: 10 }], (row) => {
      if (row.rowNumber === 9) throw new Error('unexpected value');
      return undefined;
    });
    expect(odd.problems.map(describeProblem)).toEqual(['row 9: unexpected value', 'row 10: row could not be read']);
    expect(odd.counts).toEqual({ rows: 2, valid: 0, rejected: 2, withWarnings: 0 });
  });

  it('describes a problem in one line', () => {
    expect(describeProblem({ row: 7, column: 'Date', reason: 'date missing', severity: 'error' })).toBe(
      'row 7, Date: date missing',
    );
    expect(describeProblem({ row: 7, column: 'Date', reason: 'only the year', severity: 'warning' })).toBe(
      'row 7, Date: only the year (warning)',
    );
  });
});

describe('groupProblems', () => {
  it('says the same problem on many rows once, keeping each row and the order first found', () => {
    const missingName = (row: number) => ({
      row,
      column: 'child_name',
      reason: 'no child’s name',
      severity: 'warning' as const,
    });
    const groups = groupProblems([
      missingName(2),
      { row: 3, column: 'dob', reason: '31/02/2015 is not a real date', severity: 'error' },
      missingName(3),
      missingName(9),
      { row: 9, column: 'child_name', reason: 'no child’s name', severity: 'error' },
    ]);
    expect(groups).toEqual([
      { rows: [2, 3, 9], column: 'child_name', reason: 'no child’s name', severity: 'warning' },
      { rows: [3], column: 'dob', reason: '31/02/2015 is not a real date', severity: 'error' },
      { rows: [9], column: 'child_name', reason: 'no child’s name', severity: 'error' },
    ]);
  });
});
