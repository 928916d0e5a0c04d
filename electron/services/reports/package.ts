import { once } from 'node:events';
import { crc32, createDeflateRaw, inflateRawSync } from 'node:zlib';
import { CasebookError } from '../../../shared/api/errors.js';
import { DIRECTORY_ENTRY, END_OF_DIRECTORY, LOCAL_HEADER, storedData, zipEntries } from '../zip.js';

/**
 * A .docx is a zip of XML parts. Casebook reads the parts of the documents it has
 * just written (the leak check reads every one) and rewrites one part in place:
 * a long table streamed into word/document.xml (./long-table.ts), deflated chunk by
 * chunk, so the whole document never has to exist as one string or object tree.
 * Only Casebook's own output passes through here (sizes under 4 GB, no zip64).
 */

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressed: Buffer;
  size: number;
}

function damaged(): CasebookError {
  return new CasebookError('internal', 'The Word document just written could not be read back');
}

function entries(bytes: Buffer): Entry[] {
  return zipEntries(bytes, damaged).map((entry) => ({
    name: entry.name,
    flags: entry.flags,
    method: entry.method,
    crc: entry.crc,
    size: entry.declaredSize,
    compressed: storedData(bytes, entry, damaged),
  }));
}

function inflate(entry: Entry, limit?: number): Buffer {
  if (entry.method === 0) return entry.compressed;
  if (entry.method !== 8) throw damaged();
  return inflateRawSync(entry.compressed, limit === undefined ? {} : { maxOutputLength: limit });
}

/** Every part of the package, inflated, in order: name and bytes. */
export function packageParts(bytes: Buffer): { name: string; data: Buffer }[] {
  return entries(bytes).map((entry) => ({ name: entry.name, data: inflate(entry) }));
}

/** One part, inflated to at most `limit` bytes: for a file from outside (verify --anchor's). */
export function packagePart(bytes: Buffer, name: string, limit: number): Buffer | null {
  const entry = entries(bytes).find((item) => item.name === name);
  return entry ? inflate(entry, limit) : null;
}

/**
 * The package with one part replaced by the pieces `write` produces, in order. The
 * other parts are copied as they are, still compressed.
 */
export async function replacePart(
  bytes: Buffer,
  name: string,
  write: (current: string, emit: (piece: string) => Promise<void>) => Promise<void>,
): Promise<Buffer> {
  const all = entries(bytes);
  const target = all.find((entry) => entry.name === name);
  if (!target) throw damaged();
  const deflate = createDeflateRaw({ level: 6 });
  const output: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => output.push(chunk));
  let crc = 0;
  let size = 0;
  await write(inflate(target).toString('utf8'), async (piece) => {
    const data = Buffer.from(piece, 'utf8');
    crc = crc32(data, crc);
    size += data.length;
    if (!deflate.write(data)) await once(deflate, 'drain');
  });
  deflate.end();
  await once(deflate, 'end');
  const replaced: Entry = { ...target, method: 8, crc, size, compressed: Buffer.concat(output) };
  return zip(all.map((entry) => (entry === target ? replaced : entry)));
}

function zip(parts: Entry[]): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    // Only the UTF-8 name flag is kept: sizes are in the header, no data descriptor follows.
    local.writeUInt16LE(part.flags & 0x0800, 6);
    local.writeUInt16LE(part.method, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00, as docx writes it
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.compressed.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(DIRECTORY_ENTRY, 0);
    central.writeUInt16LE(20, 4);
    local.copy(central, 6, 4, 30);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, name, part.compressed);
    directory.push(central, name);
    offset += 30 + name.length + part.compressed.length;
  }
  const directorySize = directory.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...directory, end]);
}
