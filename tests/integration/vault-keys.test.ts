import { spawn, spawnSync } from 'node:child_process';
import { scryptSync } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../db/audit.js';
import { keyFilePath, pendingKeyFilePath, readKeyEnvelope, unwrapWithPassphrase } from '../../db/key-envelope.js';
import { readSettings, updateSettings } from '../../db/settings.js';
import { Vault, type VaultSecret } from '../../db/vault.js';
import { CasebookError } from '../../shared/api/errors.js';
import { CLI, ROOT } from '../support/build.js';
import { FAST_SCRYPT, OTHER_PASSPHRASE, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

/** Re-keying, replacing the recovery key, crash safety of key changes, and key material after Lock. */

const tempDirectory = tempDirectoryFactory();

function casebook(args: string[], env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CASEBOOK_PASSPHRASE: undefined, CASEBOOK_NEW_PASSPHRASE: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Whether `secret` opens the vault at `path` (a wrong one is refused with wrong_passphrase). */
async function opens(path: string, secret: VaultSecret): Promise<boolean> {
  try {
    (await Vault.unlock(path, secret)).close();
    return true;
  } catch (error) {
    if (error instanceof CasebookError && error.code === 'wrong_passphrase') return false;
    throw error;
  }
}

async function newVault(): Promise<{ path: string; recoveryKey: string }> {
  const path = join(tempDirectory(), 'case.vault');
  const { vault, recoveryKey } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
  updateSettings(vault.database, 'test', { reviewerName: 'Reviewer A' });
  vault.close();
  return { path, recoveryKey };
}

/** A copy of the vault file with the given key file beside it, in a folder of its own. */
function vaultWithKeyFile(vaultFile: string, keyFile: string): string {
  const folder = join(tempDirectory(), 'copy');
  mkdirSync(folder);
  const path = join(folder, 'case.vault');
  copyFileSync(vaultFile, path);
  copyFileSync(keyFile, keyFilePath(path));
  return path;
}

function auditActions(vault: Vault): string[] {
  return (vault.database.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map(
    (row) => row.action,
  );
}

describe('re-keying a vault', () => {
  it('casebook vault rekey: a new recovery key; old key-file copies, the old passphrase and recovery key stop working', async () => {
    const { path, recoveryKey: oldRecoveryKey } = await newVault();
    const backup = join(tempDirectory(), 'backup.keys');
    copyFileSync(keyFilePath(path), backup);
    // Before re-keying, a backup of the key file opens the vault: that is what re-keying ends.
    expect(await opens(vaultWithKeyFile(path, backup), { passphrase: PASSPHRASE })).toBe(true);

    const rekey = casebook(['--vault', path, 'vault', 'rekey', '--json'], {
      CASEBOOK_PASSPHRASE: PASSPHRASE,
      CASEBOOK_NEW_PASSPHRASE: OTHER_PASSPHRASE,
    });
    expect(rekey.stderr).toBe('');
    expect(rekey.code).toBe(0);
    const { recoveryKey } = JSON.parse(rekey.stdout) as { recoveryKey: string };
    expect(Object.keys(JSON.parse(rekey.stdout))).toEqual(['recoveryKey']);
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(recoveryKey).not.toBe(oldRecoveryKey);

    // The old key file still unwraps its key, but that key no longer decrypts the re-keyed database.
    const oldCopy = vaultWithKeyFile(path, backup);
    await expect(Vault.unlock(oldCopy, { passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'vault_damaged' });
    await expect(Vault.unlock(oldCopy, { recoveryKey: oldRecoveryKey })).rejects.toMatchObject({
      code: 'vault_damaged',
    });
    expect(await opens(path, { passphrase: PASSPHRASE })).toBe(false);
    expect(await opens(path, { recoveryKey: oldRecoveryKey })).toBe(false);
    expect(await opens(path, { recoveryKey })).toBe(true);

    const vault = await Vault.unlock(path, { passphrase: OTHER_PASSPHRASE });
    try {
      expect(readSettings(vault.database, 'x').reviewerName).toBe('Reviewer A');
      expect(verifyAuditChain(vault.database).ok).toBe(true);
      expect(auditActions(vault)).toContain('re-keyed');
    } finally {
      vault.close();
    }
    expect(existsSync(pendingKeyFilePath(path))).toBe(false);
  });

  it('a crash at either side of the database commit leaves exactly one working key set', async () => {
    const { path, recoveryKey: oldRecoveryKey } = await newVault();
    const before = join(tempDirectory(), 'before');
    mkdirSync(before);
    copyFileSync(path, join(before, 'vault'));
    copyFileSync(keyFilePath(path), join(before, 'keys'));
    const vault = await Vault.unlock(path, { passphrase: PASSPHRASE });
    const recoveryKey = await vault.rekey(PASSPHRASE, OTHER_PASSPHRASE);
    vault.close();

    // Killed after writing `.keys.next`, before the database's re-encryption committed.
    const early = vaultWithKeyFile(join(before, 'vault'), join(before, 'keys'));
    copyFileSync(keyFilePath(path), pendingKeyFilePath(early));
    expect(await opens(early, { passphrase: OTHER_PASSPHRASE })).toBe(false);
    expect(existsSync(pendingKeyFilePath(early))).toBe(false);
    expect(await opens(early, { recoveryKey })).toBe(false);
    expect(await opens(early, { passphrase: PASSPHRASE })).toBe(true);
    expect(await opens(early, { recoveryKey: oldRecoveryKey })).toBe(true);

    // Killed after the commit, before `.keys.next` was renamed over `.keys`.
    const late = vaultWithKeyFile(path, join(before, 'keys'));
    copyFileSync(keyFilePath(path), pendingKeyFilePath(late));
    expect(await opens(late, { passphrase: PASSPHRASE })).toBe(false);
    expect(existsSync(pendingKeyFilePath(late))).toBe(false);
    expect(readFileSync(keyFilePath(late))).toEqual(readFileSync(keyFilePath(path)));
    expect(await opens(late, { recoveryKey: oldRecoveryKey })).toBe(false);
    expect(await opens(late, { passphrase: OTHER_PASSPHRASE })).toBe(true);
    expect(await opens(late, { recoveryKey })).toBe(true);
  });

  it('casebook vault rekey killed mid-way through the re-encryption: the old key set still opens everything', async () => {
    const { path } = await newVault();
    // Enough data (about 8 MB) that the re-encryption takes a while to watch.
    const vault = await Vault.unlock(path, { passphrase: PASSPHRASE });
    vault.database.transaction(() => {
      for (let i = 0; i < 8000; i++)
        appendAudit(vault.database, 'test', { entity: 'padding', action: 'x'.repeat(1000) });
    })();
    const entries = verifyAuditChain(vault.database).entries;
    vault.close();

    const child = spawn(process.execPath, [CLI, '--vault', path, 'vault', 'rekey', '--json'], {
      env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, CASEBOOK_NEW_PASSPHRASE: OTHER_PASSPHRASE },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let killedMidway = false;
    const journal = `${path}-journal`;
    while (child.exitCode === null && child.signalCode === null) {
      if (existsSync(journal) && statSync(journal, { throwIfNoEntry: false })?.size) {
        child.kill('SIGKILL');
        killedMidway = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await exited;
    expect(killedMidway).toBe(true);
    expect(existsSync(pendingKeyFilePath(path))).toBe(true);

    expect(await opens(path, { passphrase: OTHER_PASSPHRASE })).toBe(false);
    expect(existsSync(pendingKeyFilePath(path))).toBe(false);
    const reopened = await Vault.unlock(path, { passphrase: PASSPHRASE });
    try {
      expect(reopened.database.pragma('integrity_check', { simple: true })).toBe('ok');
      const verification = verifyAuditChain(reopened.database);
      expect(verification.ok).toBe(true);
      // Its entries, plus the refused rekey's unlock and this unlock.
      expect(verification.entries).toBe(entries + 2);
    } finally {
      reopened.close();
    }
  }, 60_000);
});

describe('the recovery key and the passphrase', () => {
  it('casebook vault new-recovery-key: the new key opens the vault, the old one no longer does', async () => {
    const { path, recoveryKey: oldRecoveryKey } = await newVault();
    const replaced = casebook(['--vault', path, 'vault', 'new-recovery-key', '--json'], {
      CASEBOOK_PASSPHRASE: PASSPHRASE,
    });
    expect(replaced.stderr).toBe('');
    expect(replaced.code).toBe(0);
    const { recoveryKey } = JSON.parse(replaced.stdout) as { recoveryKey: string };
    expect(recoveryKey).not.toBe(oldRecoveryKey);
    expect(await opens(path, { recoveryKey: oldRecoveryKey })).toBe(false);
    expect(await opens(path, { recoveryKey })).toBe(true);
    const vault = await Vault.unlock(path, { passphrase: PASSPHRASE });
    try {
      expect(auditActions(vault)).toContain('recovery key replaced');
    } finally {
      vault.close();
    }
  });

  it('a passphrase change that cannot record itself does not happen', async () => {
    const { path } = await newVault();
    const vault = await Vault.unlock(path, { passphrase: PASSPHRASE });
    // Another connection holds the write lock, so the audit row cannot be written.
    const other = await Vault.unlock(path, { passphrase: PASSPHRASE });
    other.database.exec('BEGIN IMMEDIATE');
    try {
      await expect(vault.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE)).rejects.toThrow(/locked|busy/i);
    } finally {
      other.database.exec('ROLLBACK');
      other.close();
    }
    expect(auditActions(vault)).not.toContain('passphrase changed');
    vault.close();
    expect(await opens(path, { passphrase: OTHER_PASSPHRASE })).toBe(false);
    expect(await opens(path, { passphrase: PASSPHRASE })).toBe(true);
    expect(readdirSync(join(path, '..')).filter((name) => name.includes('.keys'))).toEqual(['case.vault.keys']);
  }, 30_000);

  it('writes the key file through a fresh owner-only name: a planted .keys.tmp symlink is not followed and is removed', async () => {
    const { path } = await newVault();
    const elsewhere = join(tempDirectory(), 'elsewhere.txt');
    writeFileSync(elsewhere, 'untouched', { mode: 0o644 });
    symlinkSync(elsewhere, `${keyFilePath(path)}.tmp`);

    const vault = await Vault.unlock(path, { passphrase: PASSPHRASE });
    await vault.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE);
    expect(auditActions(vault).at(-1)).toBe('passphrase changed');
    vault.close();

    expect(readFileSync(elsewhere, 'utf8')).toBe('untouched');
    expect(existsSync(`${keyFilePath(path)}.tmp`)).toBe(false);
    expect(lstatSync(keyFilePath(path)).isSymbolicLink()).toBe(false);
    expect(statSync(keyFilePath(path)).mode & 0o777).toBe(0o600);
    expect(await opens(path, { passphrase: OTHER_PASSPHRASE })).toBe(true);
  });

  it('refuses a key file asking for unbounded scrypt costs with a clear message, without trying', async () => {
    const { path } = await newVault();
    const keys = JSON.parse(readFileSync(keyFilePath(path), 'utf8'));
    keys.passphrase.N = 2 ** 30;
    writeFileSync(keyFilePath(path), JSON.stringify(keys));
    const started = Date.now();
    const error = await Vault.unlock(path, { passphrase: PASSPHRASE }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CasebookError);
    expect((error as CasebookError).code).toBe('vault_damaged');
    expect((error as CasebookError).message).toBe(
      'the vault is damaged: its key file asks for scrypt costs N=1073741824, r=8, p=1, beyond what Casebook allows ' +
        '(N must be a power of two from 2^14 to 2^20): it is damaged or was not written by Casebook. ' +
        'Restore the vault and its .keys file from a backup',
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('key material after Lock', () => {
  /**
   * A real process unlocks and locks a vault, then this test reads that process's
   * memory (Linux /proc) looking for the data key: its raw bytes, its hex, and the
   * key-encryption key the passphrase derived.
   */
  it.runIf(process.platform === 'linux')(
    'leaves neither the data key nor the passphrase key in memory',
    async () => {
      const { path } = await newVault();
      const script = `
      const { Vault } = await import(${JSON.stringify(join(ROOT, 'dist', 'db', 'vault.js'))});
      const vault = await Vault.unlock(process.argv[1], { passphrase: process.env.CASEBOOK_PASSPHRASE });
      vault.database.prepare('SELECT count(*) FROM audit_log').get();
      vault.close();
      globalThis.gc();
      process.stdout.write('locked\\n');
      process.stdin.resume();
    `;
      const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', script, path], {
        env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE },
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
          child.on('exit', (code) => reject(new Error(`child exited with ${code}`)));
        });
        const envelope = readKeyEnvelope(path);
        const dataKey = await unwrapWithPassphrase(envelope, PASSPHRASE);
        if (!dataKey) throw new Error('the test could not unwrap the data key');
        const { N, r, p, salt } = envelope.passphrase;
        const needles = {
          'the data key': dataKey,
          'the data key as hex': Buffer.from(dataKey.toString('hex'), 'latin1'),
          'the passphrase key': scryptSync(PASSPHRASE, Buffer.from(salt, 'base64'), 32, { N, r, p }),
        };
        const found = Object.entries(needles)
          .filter(([, needle]) => memoryContains(child.pid as number, needle))
          .map(([name]) => name);
        expect(found).toEqual([]);
      } finally {
        child.kill('SIGKILL');
      }
    },
    30_000,
  );
});

/** Whether any readable mapping of process `pid` holds `needle`. */
function memoryContains(pid: number, needle: Buffer): boolean {
  const maps = readFileSync(`/proc/${pid}/maps`, 'utf8').trim().split('\n');
  const memory = openSync(`/proc/${pid}/mem`, 'r');
  try {
    for (const line of maps) {
      const [range, permissions] = line.split(' ');
      if (!range || !permissions?.startsWith('r')) continue;
      const [start, end] = range.split('-').map((hex) => Number.parseInt(hex, 16)) as [number, number];
      const chunk = 16 * 1024 * 1024;
      for (let offset = start; offset < end; offset += chunk - needle.length) {
        const buffer = Buffer.alloc(Math.min(chunk, end - offset));
        let read = 0;
        try {
          read = readSync(memory, buffer, 0, buffer.length, offset);
        } catch {
          break;
        }
        if (buffer.subarray(0, read).includes(needle)) return true;
      }
    }
    return false;
  } finally {
    closeSync(memory);
  }
}
