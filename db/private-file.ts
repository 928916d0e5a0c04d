import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Every file Casebook writes outside the encrypted database holds a secret (the
 * key file) or unencrypted personal data (an export), so all of them are written
 * here, one way:
 *
 * - under a fresh random name in the target's folder, created exclusively (`wx`):
 *   a symlink or file someone planted at a predictable name makes the write fail
 *   instead of being followed or reused;
 * - owner-only (0600) from the moment it exists, whatever was at the target before;
 * - fsynced, then renamed over the target (a rename replaces a symlink, never
 *   writes through it), then the folder fsynced: a reader sees the old file or the
 *   whole new one, never half.
 *
 * A temporary left by a crash is removed by the next write to the same target.
 */
export function writePrivateFile(target: string, content: string | Uint8Array): void {
  removeStaleTemporaries(target);
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(8).toString('hex')}${TEMPORARY}`);
  const file = openSync(temporary, 'wx', 0o600);
  try {
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      let written = 0;
      while (written < bytes.length) written += writeSync(file, bytes, written, bytes.length - written);
      fsyncSync(file);
    } finally {
      closeSync(file);
    }
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(dirname(target));
}

const TEMPORARY = '.partial';

/** Temporaries of `target` left by a crash: ours (random names) and the fixed names older versions used. */
function removeStaleTemporaries(target: string): void {
  const folder = dirname(target);
  const name = basename(target);
  const ours = new RegExp(`^\\.${escapeRegExp(name)}\\.[0-9a-f]{16}${escapeRegExp(TEMPORARY)}$`);
  const legacy = new Set([`${name}.partial`, `${name}.tmp`]);
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!ours.test(entry) && !legacy.has(entry)) continue;
    const path = join(folder, entry);
    // unlink removes a planted symlink itself, never what it points to.
    if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory() === false) unlinkSync(path);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Makes a rename in `directory` durable. */
export function syncDirectory(directory: string): void {
  // Directories cannot be opened for fsync on Windows; the rename is durable enough there.
  if (process.platform === 'win32') return;
  const handle = openSync(directory, 'r');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}
