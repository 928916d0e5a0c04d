/**
 * The shared vocabulary for row-level import problems and the preview a
 * reviewer sees before anything is saved. The CLI prints the errors as
 * `"rejected": [{"row": r, "column": c, "reason": "..."}]`; the preview screen
 * lists errors and warnings. Reasons are short and plain: "date missing",
 * "31/02/2015 is not a real date", "event text is empty".
 */

export type ImportSeverity = 'error' | 'warning';

export interface ImportProblem {
  /** The row number the reviewer sees in Excel (the header is usually row 1). */
  row: number;
  /** The column's header as written in the file, or the field's label when it has none. */
  column: string;
  reason: string;
  /** An error rejects the row; a warning lets it through but is shown. */
  severity: ImportSeverity;
}

export interface ImportedRow<T> {
  row: number;
  value: T;
}

export interface ImportCounts {
  /** Non-blank rows read. */
  rows: number;
  valid: number;
  /** Rows with at least one error. */
  rejected: number;
  /** Valid rows with at least one warning. */
  withWarnings: number;
}

export interface ImportPreview<T> {
  valid: ImportedRow<T>[];
  /** Every error and warning, in row order. */
  problems: ImportProblem[];
  counts: ImportCounts;
}

/** What a row check uses to report problems; reporting an error rejects the row. */
export interface RowProblems {
  error(column: string, reason: string): void;
  warning(column: string, reason: string): void;
}

/**
 * Run `check` on every row and collect the valid values and the problems.
 * A row is valid when `check` returns a value and reported no error. A check
 * that throws is reported as an error on that row rather than stopping the import.
 */
export function buildPreview<Row extends { rowNumber: number }, T>(
  rows: Iterable<Row>,
  check: (row: Row, problems: RowProblems) => T | undefined,
): ImportPreview<T> {
  const valid: ImportedRow<T>[] = [];
  const problems: ImportProblem[] = [];
  const counts: ImportCounts = { rows: 0, valid: 0, rejected: 0, withWarnings: 0 };
  for (const row of rows) {
    counts.rows += 1;
    let errors = 0;
    let warnings = 0;
    const report: RowProblems = {
      error: (column, reason) => {
        errors += 1;
        problems.push({ row: row.rowNumber, column, reason, severity: 'error' });
      },
      warning: (column, reason) => {
        warnings += 1;
        problems.push({ row: row.rowNumber, column, reason, severity: 'warning' });
      },
    };
    let value: T | undefined;
    try {
      value = check(row, report);
    } catch (error) {
      report.error('', error instanceof Error ? error.message : String(error));
    }
    if (errors > 0 || value === undefined) {
      if (errors === 0) report.error('', 'row could not be read');
      counts.rejected += 1;
      continue;
    }
    valid.push({ row: row.rowNumber, value });
    counts.valid += 1;
    if (warnings > 0) counts.withWarnings += 1;
  }
  return { valid, problems, counts };
}

/** The errors as the CLI prints them: `[{ row, column, reason }]`. */
export function rejectedRows(preview: ImportPreview<unknown>): { row: number; column: string; reason: string }[] {
  return preview.problems
    .filter((problem) => problem.severity === 'error')
    .map(({ row, column, reason }) => ({ row, column, reason }));
}

/** One plain line per problem for logs and the terminal: `row 7, Date: 31/02/2015 is not a real date`. */
export function describeProblem(problem: ImportProblem): string {
  const where = problem.column === '' ? `row ${problem.row}` : `row ${problem.row}, ${problem.column}`;
  return `${where}: ${problem.reason}${problem.severity === 'warning' ? ' (warning)' : ''}`;
}

/** The same problem on several rows, said once ("56 rows: no child's name"), so a long list stays short. */
export interface ProblemGroup {
  /** Spreadsheet row numbers, in the order found. */
  rows: number[];
  column: string;
  reason: string;
  severity: ImportSeverity;
}

/** Problems with the same severity, column and reason, as one group each, in the order first found. */
export function groupProblems(problems: readonly ImportProblem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const { row, column, reason, severity } of problems) {
    const key = JSON.stringify([severity, column, reason]);
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { rows: [row], column, reason, severity });
  }
  return [...groups.values()];
}
