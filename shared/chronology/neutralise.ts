/**
 * Formula injection (OWASP "CSV Injection"): a spreadsheet treats a cell starting
 * with `=`, `+`, `-` or `@` as a formula, so text an agency typed could run when
 * the reviewer opens an export. Such a cell gets a leading single quote, which
 * Excel and LibreOffice show as text. Tab and carriage return are included (they
 * can hide the sign behind them), and the full-width signs some spreadsheets also
 * read as formulas. Used for every cell of both CSV and XLSX exports.
 */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
