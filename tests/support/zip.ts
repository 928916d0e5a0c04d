import { crc32, deflateRawSync, constants as zlib } from 'node:zlib';
import ExcelJS from 'exceljs';

/**
 * Builds zip files byte by byte, so tests can make the archives an attacker
 * would: an entry that inflates a thousandfold, or one whose declared size lies.
 * Nothing big is committed: a "bomb" is a few hundred KB generated in the test.
 */

export interface ZipEntry {
  name: string;
  /** Raw deflate data. */
  compressed: Buffer;
  /** What the headers claim; the truth unless the test wants a liar. */
  declaredSize: number;
  crc: number;
}

export function deflated(name: string, data: Buffer): ZipEntry {
  return { name, compressed: deflateRawSync(data), declaredSize: data.length, crc: crc32(data) };
}

/** `chunk` repeated `times` times, deflated without ever holding the whole expansion in memory. */
export function repeatedDeflated(name: string, head: string, chunk: string, times: number, tail: string): ZipEntry {
  const parts: Buffer[] = [];
  const flush = { finishFlush: zlib.Z_SYNC_FLUSH };
  const chunkBytes = Buffer.from(chunk);
  const chunkDeflated = deflateRawSync(chunkBytes, flush);
  let crc = crc32(Buffer.from(head));
  parts.push(deflateRawSync(Buffer.from(head), flush));
  for (let index = 0; index < times; index += 1) {
    parts.push(chunkDeflated);
    crc = crc32(chunkBytes, crc);
  }
  // The tail in a final block ends the stream.
  parts.push(deflateRawSync(Buffer.from(tail)));
  crc = crc32(Buffer.from(tail), crc);
  return {
    name,
    compressed: Buffer.concat(parts),
    declaredSize: head.length + chunkBytes.length * times + tail.length,
    crc,
  };
}

export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.compressed);
    centrals.push(central, name);
    offset += local.length + name.length + entry.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The entries of a real workbook ExcelJS wrote, re-deflated, so a test can swap one. */
export async function workbookEntries(rows: unknown[][]): Promise<ZipEntry[]> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const entries: ZipEntry[] = [];
  const { inflateRawSync } = await import('node:zlib');
  // Walk the local headers ExcelJS wrote (it writes sizes in a data descriptor, so use the central directory).
  const endAt = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(endAt + 10);
  let at = bytes.readUInt32LE(endAt + 16);
  for (let index = 0; index < count; index += 1) {
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localAt = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString();
    const dataAt = localAt + 30 + bytes.readUInt16LE(localAt + 26) + bytes.readUInt16LE(localAt + 28);
    const raw = bytes.subarray(dataAt, dataAt + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    if (!name.endsWith('/')) entries.push(deflated(name, data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
