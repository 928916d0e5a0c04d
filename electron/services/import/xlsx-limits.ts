import { inflateRawSync } from 'node:zlib';
import { CasebookError } from '../../../shared/api/errors.js';
import { formatCount, IMPORT_LIMITS } from '../../../shared/import/limits.js';

/**
 * An .xlsx is a zip, and a zip can claim anything: a 313 KB workbook once
 * inflated to 300 MB and took 2 GB to parse. Before ExcelJS sees the file, its
 * central directory is read and every part checked: how many parts, each part's
 * declared size and compression ratio, and their total. The declared sizes are
 * then proven by inflating each part with its declared size as the output limit,
 * so a part that lies about its size is refused too. Only the counting is kept;
 * the inflated bytes are dropped part by part.
 */

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** Parts this small may compress as they like (an empty sheet's styles compress 50-fold). */
const SMALL_PART_BYTES = 1024 * 1024;

interface Part {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderAt: number;
}

function tooLarge(fileName: string, why: string): CasebookError {
  return new CasebookError('too_large', `'${fileName}' ${why}`);
}

function damaged(fileName: string): CasebookError {
  return new CasebookError(
    'unreadable_file',
    `'${fileName}' could not be read as an Excel .xlsx file: it may be damaged`,
  );
}

function readParts(fileName: string, bytes: Buffer): Part[] {
  // The end-of-directory record sits in the last 22 bytes plus a comment of up to 64 KB.
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= searchFrom; at -= 1) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end === -1) throw damaged(fileName);
  const count = bytes.readUInt16LE(end + 10);
  if (count > IMPORT_LIMITS.xlsxEntries) {
    throw tooLarge(
      fileName,
      `has ${formatCount(count)} parts inside: an Excel workbook Casebook imports has at most ${formatCount(IMPORT_LIMITS.xlsxEntries)}`,
    );
  }
  const parts: Part[] = [];
  let at = bytes.readUInt32LE(end + 16);
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) throw damaged(fileName);
    const nameLength = bytes.readUInt16LE(at + 28);
    parts.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      declaredSize: bytes.readUInt32LE(at + 24),
      localHeaderAt: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return parts;
}

/** Throws `too_large` for a workbook that would inflate past the limits, `unreadable_file` for a damaged one. */
export function checkXlsxLimits(fileName: string, bytes: Buffer): void {
  const parts = readParts(fileName, bytes);
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
    const at = part.localHeaderAt;
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) throw damaged(fileName);
    const dataAt = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const data = bytes.subarray(dataAt, dataAt + part.compressedSize);
    try {
      // One byte over the declared size is enough to prove a lie.
      inflateRawSync(data, { maxOutputLength: part.declaredSize + 1 });
    } catch (error) {
      if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bomb();
      throw damaged(fileName);
    }
  }
}
