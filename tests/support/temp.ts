import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary folder per test, removed afterwards. */
export function tempDirectoryFactory(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
  });
  return () => {
    const directory = mkdtempSync(join(tmpdir(), 'casebook-test-'));
    made.push(directory);
    return directory;
  };
}

/** Strong enough for the policy; fixed so failures are reproducible. */
export const PASSPHRASE = 'violet harbour tractor 1987 pebble';
export const OTHER_PASSPHRASE = 'granite meadow saxophone 2231 owl';

/** scrypt at a lower cost where a test unlocks many times; the cost itself is tested at its default. */
export const FAST_SCRYPT = { N: 2 ** 14, r: 8, p: 1 };
