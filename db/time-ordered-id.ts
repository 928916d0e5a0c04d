import { randomFillSync } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter
 * that keeps ids made in the same millisecond in order, then 62 random bits.
 * Ids made one after another sort one after another, so an import's 100,000
 * entries are appended to the end of the id index instead of scattered through it
 * (a random UUID costs a B-tree descent to a different page for every row).
 * Still a UUID: unique across vaults, so exports and merges keep working.
 */
const BYTES = 9;
const pool = Buffer.alloc(BYTES * 512);
let poolAt = pool.length;
let lastMs = 0;
let counter = 0;

function randomBytes(): Buffer {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += BYTES;
  return pool.subarray(poolAt - BYTES, poolAt);
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
let timePart = '';

export function timeOrderedId(): string {
  const random = randomBytes();
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    // Start each millisecond low in the counter's range, leaving room to count up.
    counter = (random[0] as number) & 0x1ff;
    timePart = '';
  } else {
    counter += 1;
    if (counter > 0xfff) {
      // 4,096 ids in one millisecond: borrow the next millisecond rather than lose the order.
      lastMs += 1;
      counter = 0;
      timePart = '';
    }
  }
  if (timePart === '') {
    const time = lastMs.toString(16).padStart(12, '0');
    timePart = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
  }
  const byte = (at: number) => HEX[random[at] as number] as string;
  return (
    `${timePart}${counter.toString(16).padStart(3, '0')}-${HEX[((random[1] as number) & 0x3f) | 0x80]}${byte(2)}-` +
    `${byte(3)}${byte(4)}${byte(5)}${byte(6)}${byte(7)}${byte(8)}`
  );
}
