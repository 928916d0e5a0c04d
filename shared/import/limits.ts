/**
 * How much one import may be, for every kind and every shell. A spreadsheet is
 * untrusted input: a 313 KB .xlsx can inflate to 300 MB and a CSV can hold one
 * 50 MB cell, so each limit is checked before the work it protects.
 */
export const IMPORT_LIMITS = {
  /** The file itself: about 48 MB (the web host's request limit once base64-encoded). */
  fileBytes: 48_000_000,
  /** Data rows below the header. A 100,000-row chronology is a large agency's whole record. */
  rows: 100_000,
  /** A cell: what a hand-typed entry may hold (the entry form's own limit). Longer is a row problem. */
  cellCharacters: 50_000,
  /** An .xlsx's parts once inflated, in total: about twice a 100,000-row workbook (73 MB). */
  xlsxExpandedBytes: 150 * 1024 * 1024,
  /** How many parts an .xlsx may have. */
  xlsxEntries: 5_000,
  /**
   * How many times a part may inflate. Agency workbooks compress 5-10 times; a
   * zip bomb a thousand. Small parts (under a megabyte) may compress more.
   */
  xlsxRatio: 100,
  /** Previews held at once, and the memory (estimated) they may hold together. */
  previews: 4,
  previewBytes: 256 * 1024 * 1024,
} as const;

/** `100,000`, as the limits are written in messages. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-GB');
}
