/**
 * A zip's central directory, read: the one reader for the Word packages Casebook
 * writes and reads back (./reports/package.ts) and the Excel workbooks it is given
 * to import (./import/xlsx-limits.ts). It checks only that each record is where the
 * zip says and inside the file; whether the declared sizes are honest is the
 * caller's question (an import's limits prove them). No zip64.
 */

export const LOCAL_HEADER = 0x04034b50;
export const DIRECTORY_ENTRY = 0x02014b50;
export const END_OF_DIRECTORY = 0x06054b50;

/** One entry as the central directory declares it. */
export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  /** The size the entry claims once inflated: unproven until inflated. */
  declaredSize: number;
  localHeaderAt: number;
}

/**
 * The entries of the zip's central directory, in order. `damaged` makes the error
 * for bytes that are not a zip or are cut short; `checkCount` sees how many entries
 * the zip claims before any is read, to refuse too many.
 */
export function zipEntries(bytes: Buffer, damaged: () => Error, checkCount?: (count: number) => void): ZipEntry[] {
  // The end-of-directory record sits in the last 22 bytes plus a comment of up to 64 KB.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end === -1) throw damaged();
  const count = bytes.readUInt16LE(end + 10);
  checkCount?.(count);
  const entries: ZipEntry[] = [];
  let at = bytes.readUInt32LE(end + 16);
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) throw damaged();
    const nameLength = bytes.readUInt16LE(at + 28);
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      crc: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      declaredSize: bytes.readUInt32LE(at + 24),
      localHeaderAt: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** The entry's data as stored (still compressed), found through its local header. */
export function storedData(bytes: Buffer, entry: ZipEntry, damaged: () => Error): Buffer {
  const at = entry.localHeaderAt;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) throw damaged();
  const dataAt = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  return bytes.subarray(dataAt, dataAt + entry.compressedSize);
}
