/**
 * A spreadsheet read into plain rows (electron/services/import/read-table.ts
 * reads CSV and .xlsx into this shape). Pure types, so an import kind's row check
 * (shared/import/<kind>.ts) can be written without Node.
 *
 * Cells are plain values: text, numbers, booleans, Dates (an Excel date cell;
 * its UTC fields are the wall-clock value Excel shows) or null for blank.
 */

export type CellValue = string | number | Date | boolean | null;

export interface TableRow {
  /** The row number in Excel: for CSV, the record number, so a cell with line breaks does not shift later rows. */
  rowNumber: number;
  /** One per header, padded with null. */
  cells: CellValue[];
}

export type FileFormat = 'csv' | 'xlsx';

export interface Table {
  format: FileFormat;
  /** The workbook's sheet names in order; empty for CSV. */
  sheets: string[];
  /** The sheet read; null for CSV. */
  sheet: string | null;
  headerRowNumber: number;
  /** Header text, trimmed, line breaks as spaces; '' for a column with no header. */
  headers: string[];
  /** Non-blank rows below the header. */
  rows: TableRow[];
  encoding?: 'utf-8' | 'windows-1252';
  delimiter?: string;
}
