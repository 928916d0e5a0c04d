import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recentAudit } from '../../db/audit.js';
import { AUTOMATIC_BACKUPS, backupFolder, listBackups } from '../../db/backup.js';
import { explainFailure } from '../../db/failures.js';
import { createReview, listReviews } from '../../db/reviews.js';
import { Vault } from '../../db/vault.js';
import { EventHub } from '../../electron/services/events.js';
import { VaultSession } from '../../electron/services/vault-session.js';
import { reviewCreateSchema } from '../../shared/api/channels/reviews.js';
import { CLI } from '../support/build.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

/** Backups: written encrypted with their key file, checked, rotated, and restored over a damaged vault. */

const tempDirectory = tempDirectoryFactory();
const MARKER = 'Zebedee Quillfeather backup marker';

function casebook(args: string[], env: Record<string, string | undefined> = { CASEBOOK_PASSPHRASE: PASSPHRASE }) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CASEBOOK_PASSPHRASE: undefined, CASEBOOK_RECOVERY_KEY: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A closed vault holding one review titled with the marker; its recovery key. */
async function vaultWithMarker(directory: string): Promise<{ path: string; recoveryKey: string }> {
  const path = join(directory, 'case.vault');
  const { vault, recoveryKey } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
  createReview(vault, reviewCreateSchema.parse({ title: MARKER, type: 'scr' }));
  vault.close();
  return { path, recoveryKey };
}

/** Overwrites bytes in the middle of page 2 (the first page of table data). */
function damage(path: string): void {
  const file = openSync(path, 'r+');
  try {
    writeSync(file, Buffer.alloc(64, 0xa5), 0, 64, 4096 + 1000);
  } finally {
    closeSync(file);
  }
}

function holdsInTheClear(path: string, text: string): boolean {
  const bytes = readFileSync(path);
  return bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'));
}

describe('casebook vault backup and restore', () => {
  it('writes FILE and FILE.keys, encrypted, opened by the same passphrase and recovery key', async () => {
    const directory = tempDirectory();
    const { path, recoveryKey } = await vaultWithMarker(directory);
    const out = join(directory, 'copies', 'monday.casebook');

    const made = casebook(['--vault', path, '--json', 'vault', 'backup', '--out', out]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const result = JSON.parse(made.stdout);
    expect(result).toMatchObject({ path: out, keys: `${out}.keys`, bytes: statSync(out).size });
    expect(result.auditEntries).toBeGreaterThan(1);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(statSync(`${out}.keys`).mode & 0o777).toBe(0o600);
    // Encrypted: no SQLite header, no marker in UTF-8 or UTF-16.
    expect(readFileSync(out).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(holdsInTheClear(out, MARKER)).toBe(false);
    expect(readdirSync(join(directory, 'copies')).sort()).toEqual(['monday.casebook', 'monday.casebook.keys']);

    for (const env of [{ CASEBOOK_PASSPHRASE: PASSPHRASE }, { CASEBOOK_RECOVERY_KEY: recoveryKey }]) {
      const verified = casebook(['--vault', out, '--json', 'vault', 'verify'], env);
      expect(verified.code).toBe(0);
      expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
    }
    const listed = casebook(['--vault', out, '--json', 'review', 'list']);
    expect(listed.stdout).toContain(MARKER);

    // The vault records the backup.
    const vault = await Vault.unlock(path, { passphrase: PASSPHRASE }, { readOnly: true });
    expect(recentAudit(vault.database, 5).map((entry) => entry.action)).toContain('backed up');
    vault.close();

    // An existing file is never overwritten.
    const again = casebook(['--vault', path, 'vault', 'backup', '--out', out]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already exists');
  });

  it('restores a damaged vault from a backup, keeping the damaged one beside it', async () => {
    const directory = tempDirectory();
    const { path } = await vaultWithMarker(directory);
    const out = join(directory, 'friday.casebook');
    expect(casebook(['--vault', path, 'vault', 'backup', '--out', out]).code).toBe(0);

    damage(path);
    const damagedBytes = readFileSync(path);
    const verify = casebook(['--vault', path, 'vault', 'verify']);
    expect(verify.code).not.toBe(0);
    expect(verify.stderr).toMatch(/damaged/i);

    // A wrong passphrase changes nothing.
    const wrong = casebook(['--vault', path, 'vault', 'restore', '--from', out], {
      CASEBOOK_PASSPHRASE: 'not the passphrase at all 123',
    });
    expect(wrong.code).not.toBe(0);
    expect(readFileSync(path).equals(damagedBytes)).toBe(true);

    const restored = casebook(['--vault', path, '--json', 'vault', 'restore', '--from', out]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const { previous } = JSON.parse(restored.stdout);
    expect(previous).toMatch(/^case\.vault\.before-restore-\d{8}-\d{6}$/);
    expect(readFileSync(join(directory, previous)).equals(damagedBytes)).toBe(true);
    expect(existsSync(join(directory, `${previous}.keys`))).toBe(true);
    expect(existsSync(`${path}.restoring`)).toBe(false);

    const vault = await Vault.unlock(path, { passphrase: PASSPHRASE });
    expect(listReviews(vault.database).map((review) => review.title)).toEqual([MARKER]);
    expect(recentAudit(vault.database, 5).map((entry) => entry.action)).toContain('restored from backup');
    vault.close();
    expect(casebook(['--vault', path, 'vault', 'verify']).code).toBe(0);
    // The backup file itself is untouched by the restore.
    expect(casebook(['--vault', out, 'vault', 'verify']).code).toBe(0);
  });
});

describe('automatic backups in the app', () => {
  it('one a day while unlocked, the newest 7 kept; a damaged vault is restored from the newest', async () => {
    const directory = tempDirectory();
    const { path } = await vaultWithMarker(directory);
    let now = new Date('2026-03-02T09:00:00Z');
    const session = new VaultSession(path, new EventHub(), { scrypt: FAST_SCRYPT, now: () => now });
    const settle = () => new Promise((resolve) => setImmediate(resolve));

    for (let day = 0; day < 9; day++) {
      await session.unlock({ passphrase: PASSPHRASE });
      await settle();
      // A second unlock the same day makes no second backup.
      session.lock('user');
      now = new Date(now.getTime() + 2 * 3_600_000);
      await session.unlock({ passphrase: PASSPHRASE });
      await settle();
      session.lock('user');
      now = new Date(now.getTime() + 22 * 3_600_000);
    }
    const { backups, folder, problem } = session.backups();
    expect(folder).toBe(backupFolder(path));
    expect(problem).toBeNull();
    expect(backups).toHaveLength(AUTOMATIC_BACKUPS.keep);
    expect(backups[0]?.madeAt).toBe('2026-03-10T09:00:00.000Z');
    expect(backups.at(-1)?.madeAt).toBe('2026-03-04T09:00:00.000Z');
    expect(readdirSync(folder)).toHaveLength(AUTOMATIC_BACKUPS.keep * 2);
    for (const backup of backups) expect(holdsInTheClear(backup.path, MARKER)).toBe(false);

    damage(path);
    // Found at unlock, as every shell reports it (dispatch and the CLI explain failures the same way).
    const refused = await session.unlock({ passphrase: PASSPHRASE }).catch((error: unknown) => error);
    expect(explainFailure(refused)?.code).toBe('vault_damaged');
    expect(session.status().state).toBe('locked');
    // Listed while locked, so the unlock screen can offer them.
    const newest = listBackups(path)[0];
    if (!newest) throw new Error('no backup');
    await expect(session.restore('backup-nonsense.casebook', { passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'not_found',
    });
    const { previous } = await session.restore(newest.path.split('/').at(-1) ?? '', { passphrase: PASSPHRASE });
    expect(previous).toContain('before-restore');
    expect(session.status().state).toBe('unlocked');
    expect(listReviews(session.current().database).map((review) => review.title)).toEqual([MARKER]);
    session.lock('user');
  });
});
