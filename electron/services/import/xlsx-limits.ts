import { inflateRawSync } from 'node:zlib';
import { CasebookError } from '../../../shared/api/errors.js';
import { formatCount, IMPORT_LIMITS } from '../../../shared/import/limits.js';
import { storedData, zipEntries } from '../zip.js';

/**
 * An .xlsx is a zip, and a zip can claim anything: a 313 KB workbook once
 * inflated to 300 MB and took 2 GB to parse. Before ExcelJS sees the file, its
 * central directory is read and every part checked: how many parts, each part's
 * declared size and compression ratio, and their total. The declared sizes are
 * then proven by inflating each part with its declared size as the output limit,
 * so a part that lies about its size is refused too. Only the counting is kept;
 * the inflated bytes are dropped part by part.
 */

/** Parts this small may compress as they like (an empty sheet's styles compress 50-fold). */
const SMALL_PART_BYTES = 1024 * 1024;

function tooLarge(fileName: string, why: string): CasebookError {
  return new CasebookError('too_large', `'${fileName}' ${why}`);
}

function damaged(fileName: string): CasebookError {
  return new CasebookError(
    'unreadable_file',
    `'${fileName}' could not be read as an Excel .xlsx file: it may be damaged`,
  );
}

/** Throws `too_large` for a workbook that would inflate past the limits, `unreadable_file` for a damaged one. */
export function checkXlsxLimits(fileName: string, bytes: Buffer): void {
  // The count is refused before any entry is read: a directory can claim 65,535.
  const parts = zipEntries(
    bytes,
    () => damaged(fileName),
    (count) => {
      if (count > IMPORT_LIMITS.xlsxEntries) {
        throw tooLarge(
          fileName,
          `has ${formatCount(count)} parts inside: an Excel workbook Casebook imports has at most ${formatCount(IMPORT_LIMITS.xlsxEntries)}`,
        );
      }
    },
  );
  const bomb = () =>
    tooLarge(
      fileName,
      `expands to far more than a spreadsheet of its size could hold (a damaged or malicious file): Casebook did not open it`,
    );
  let total = 0;
  for (const part of parts) {
    // ZIP64 marks (0xffffffff) mean a part over 4 GB: no agency workbook.
    if (part.declaredSize === 0xffffffff || part.compressedSize === 0xffffffff) throw bomb();
    if (part.declaredSize > SMALL_PART_BYTES && part.declaredSize > part.compressedSize * IMPORT_LIMITS.xlsxRatio) {
      throw bomb();
    }
    total += part.declaredSize;
  }
  if (total > IMPORT_LIMITS.xlsxExpandedBytes) {
    throw tooLarge(
      fileName,
      `expands to ${formatCount(Math.round(total / 1e6))} MB: Casebook imports workbooks of up to ${formatCount(Math.round(IMPORT_LIMITS.xlsxExpandedBytes / 1e6))} MB once expanded; save the sheet as CSV or split it`,
    );
  }
  for (const part of parts) {
    if (part.method === 0 || part.compressedSize === 0) continue;
    if (part.method !== 8) throw damaged(fileName);
    const data = storedData(bytes, part, () => damaged(fileName));
    try {
      // One byte over the declared size is enough to prove a lie.
      inflateRawSync(data, { maxOutputLength: part.declaredSize + 1 });
    } catch (error) {
      if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bomb();
      throw damaged(fileName);
    }
  }
}
