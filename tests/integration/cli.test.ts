import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS } from '../../db/connection.js';
import { keyFilePath } from '../../db/key-envelope.js';
import { createReview } from '../../db/reviews.js';
import { Vault } from '../../db/vault.js';
import { reviewCreateSchema } from '../../shared/api/channels/reviews.js';
import { BUSY_MESSAGE } from '../../shared/api/errors.js';
import { CLI } from '../support/build.js';
import { otherProcessWriting } from '../support/other-writer.js';
import { FAST_SCRYPT, OTHER_PASSPHRASE, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();

function casebook(
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd?: string,
  as: { uid?: number; gid?: number } = {},
) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    ...as,
    encoding: 'utf8',
    env: {
      ...process.env,
      CASEBOOK_PASSPHRASE: undefined,
      CASEBOOK_NEW_PASSPHRASE: undefined,
      CASEBOOK_RECOVERY_KEY: undefined,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('casebook CLI', () => {
  it('vault init --json creates an encrypted vault and prints the recovery key; verify then opens it', () => {
    const directory = tempDirectory();
    const init = casebook(
      ['--vault', './x.vault', 'vault', 'init', '--json'],
      { CASEBOOK_PASSPHRASE: PASSPHRASE },
      directory,
    );
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const created = JSON.parse(init.stdout);
    expect(created).toEqual({ path: './x.vault', recoveryKey: expect.stringMatching(/^[0-9A-Z-]{39}$/) });
    expect(readFileSync(join(directory, 'x.vault')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');

    // Global options are accepted after the subcommand too.
    const verify = casebook(
      ['vault', 'verify', '--vault', './x.vault', '--json'],
      { CASEBOOK_PASSPHRASE: PASSPHRASE },
      directory,
    );
    expect(verify.code).toBe(0);
    // Only the creation: verify opens the vault without writing, so it adds no "unlocked" row.
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, entries: 1, pages: expect.any(Number) });
  });

  it('exits non-zero with one plain line for a wrong passphrase or a missing vault', () => {
    const directory = tempDirectory();
    casebook(['--vault', './x.vault', 'vault', 'init', '--json'], { CASEBOOK_PASSPHRASE: PASSPHRASE }, directory);
    const wrong = casebook(
      ['--vault', './x.vault', 'vault', 'verify', '--json'],
      { CASEBOOK_PASSPHRASE: OTHER_PASSPHRASE },
      directory,
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toBe('wrong passphrase or recovery key\n');

    const missing = casebook(['vault', 'verify', '--vault', join(directory, 'nope.vault')], {
      CASEBOOK_PASSPHRASE: PASSPHRASE,
    });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toBe(`vault not found: ${join(directory, 'nope.vault')}\n`);
  });

  it('never takes a passphrase as an argument, and says where it does come from', () => {
    const directory = tempDirectory();
    const noSecret = casebook(['--vault', './x.vault', 'vault', 'init'], {}, directory);
    expect(noSecret.code).not.toBe(0);
    expect(noSecret.stderr).toContain('set CASEBOOK_PASSPHRASE');
    const asArgument = casebook(['--vault', './x.vault', 'vault', 'init', '--passphrase', PASSPHRASE], {}, directory);
    expect(asArgument.code).not.toBe(0);
    expect(asArgument.stderr).toContain("unknown option '--passphrase'");
  });

  it('refuses a weak passphrase at init', () => {
    const result = casebook(['--vault', join(tempDirectory(), 'x.vault'), 'vault', 'init'], {
      CASEBOOK_PASSPHRASE: 'letmein',
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^Passphrase too weak: .*\n$/);
  });

  it('change-passphrase: the new passphrase opens the vault, the old one no longer does, the recovery key still does', () => {
    const vault = join(tempDirectory(), 'x.vault');
    const { recoveryKey } = JSON.parse(
      casebook(['--vault', vault, '--json', 'vault', 'init'], { CASEBOOK_PASSPHRASE: PASSPHRASE }).stdout,
    );
    const change = casebook(['--vault', vault, 'vault', 'change-passphrase'], {
      CASEBOOK_PASSPHRASE: PASSPHRASE,
      CASEBOOK_NEW_PASSPHRASE: OTHER_PASSPHRASE,
    });
    expect(change.stderr).toBe('');
    expect(change.code).toBe(0);
    expect(casebook(['--vault', vault, 'vault', 'verify'], { CASEBOOK_PASSPHRASE: PASSPHRASE }).code).not.toBe(0);
    expect(casebook(['--vault', vault, 'vault', 'verify'], { CASEBOOK_PASSPHRASE: OTHER_PASSPHRASE }).code).toBe(0);
    const withRecovery = casebook(['--vault', vault, 'vault', 'verify'], { CASEBOOK_RECOVERY_KEY: recoveryKey });
    expect(withRecovery.code).toBe(0);
    expect(withRecovery.stdout).toMatch(/audit log is intact \(\d+ entries\)/);
    // Five processes, each running the real scrypt (0.5 s, 256 MiB): slow on a loaded two-core machine.
  }, 120_000);

  it('uses the OS user-data folder when --vault is not given', () => {
    const home = tempDirectory();
    const result = casebook(['vault', 'init', '--json'], {
      CASEBOOK_PASSPHRASE: PASSPHRASE,
      XDG_CONFIG_HOME: home,
      APPDATA: home,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).path).toBe(join(home, 'Casebook', 'casebook.vault'));
  });
});

/** A vault with a review in it, made with the cheap KDF so each command unlocks quickly. */
async function vaultWithReview(directory: string): Promise<{ path: string; recoveryKey: string; reviewId: string }> {
  const path = join(directory, 'case.vault');
  const { vault, recoveryKey } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
  const review = createReview(vault, reviewCreateSchema.parse({ title: 'Child L', type: 'cspr' }));
  vault.close();
  return { path, recoveryKey, reviewId: review.id };
}

const withPassphrase = { CASEBOOK_PASSPHRASE: PASSPHRASE };

/** Root ignores file permissions, so a read-only vault is tested as `nobody` when the tests run as root. */
const asRoot = process.getuid?.() === 0;
const someoneElse = asRoot ? { uid: 65534, gid: 65534 } : {};
function giveToSomeoneElse(directory: string): void {
  if (!asRoot) return;
  chmodSync(dirname(directory), 0o711);
  for (const name of ['', ...readdirSync(directory)]) chownSync(join(directory, name), 65534, 65534);
}

describe('casebook CLI on an emptied, damaged, read-only, full or busy vault', () => {
  it('refuses an emptied vault as damaged, and leaves it as it is', async () => {
    const { path } = await vaultWithReview(tempDirectory());
    truncateSync(path, 0);
    const verify = casebook(['--vault', path, 'vault', 'verify'], withPassphrase);
    expect(verify.code).toBe(2);
    expect(verify.stdout).toBe('');
    expect(verify.stderr).toBe(
      'the vault is damaged: the vault file is empty (0 bytes). Restore the vault and its .keys file from a backup\n',
    );
    const list = casebook(['--vault', path, 'review', 'list', '--json'], withPassphrase);
    expect(list.code).toBe(2);
    expect(JSON.parse(list.stdout)).toMatchObject({ error: { code: 'vault_damaged' } });
    expect(statSync(path).size).toBe(0);
  });

  it('verify reads every page: one flipped bit in the middle fails it', async () => {
    const { path, reviewId } = await vaultWithReview(tempDirectory());
    expect(casebook(['--vault', path, 'vault', 'verify'], withPassphrase).code).toBe(0);
    const bytes = readFileSync(path);
    const middle = Math.floor(bytes.length / 4096 / 2) * 4096 + 2000;
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
    writeFileSync(path, bytes);
    // Listing the review does not touch that page: only verify finds the damage.
    expect(casebook(['--vault', path, 'review', 'list', '--json'], withPassphrase).stdout).toContain(reviewId);
    const verify = casebook(['--vault', path, 'vault', 'verify', '--json'], withPassphrase);
    expect(verify.code).toBe(2);
    expect(verify.stderr).toMatch(/^the vault is damaged: .*does not decrypt.*Restore the vault .* from a backup\n$/);
    expect(JSON.parse(verify.stdout)).toMatchObject({ error: { code: 'vault_damaged' } });
  });

  it('says which it is: wrong passphrase, damaged vault (recovery key included), not a vault', async () => {
    const directory = tempDirectory();
    const { path, recoveryKey } = await vaultWithReview(directory);
    const bytes = readFileSync(path);
    bytes[100] = (bytes[100] ?? 0) ^ 0xff;
    writeFileSync(path, bytes);
    const damaged =
      'the vault is damaged: the passphrase or recovery key is right, but the vault file does not decrypt. Restore the vault and its .keys file from a backup\n';
    expect(casebook(['--vault', path, 'review', 'list'], withPassphrase).stderr).toBe(damaged);
    expect(casebook(['--vault', path, 'vault', 'verify'], { CASEBOOK_RECOVERY_KEY: recoveryKey }).stderr).toBe(damaged);
    expect(casebook(['--vault', path, 'vault', 'verify'], { CASEBOOK_PASSPHRASE: OTHER_PASSPHRASE }).stderr).toBe(
      'wrong passphrase or recovery key\n',
    );

    const cut = (await vaultWithReview(tempDirectory())).path;
    truncateSync(cut, 100_000);
    expect(casebook(['--vault', cut, 'vault', 'verify'], withPassphrase).stderr).toMatch(
      /^the vault is damaged: the vault file is cut short \(100000 bytes/,
    );

    const folder = casebook(['--vault', directory, 'vault', 'verify'], withPassphrase);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`${directory} is not a Casebook vault: it is a folder\n`);
  });

  it('reads a vault on read-only media, and says plainly that it cannot write there', async () => {
    const directory = join(tempDirectory(), 'media');
    mkdirSync(directory);
    const { path, reviewId } = await vaultWithReview(directory);
    giveToSomeoneElse(directory);
    for (const file of readdirSync(directory)) chmodSync(join(directory, file), 0o444);
    chmodSync(directory, 0o555);
    const before = readdirSync(directory);
    try {
      for (const command of [
        ['vault', 'verify'],
        ['review', 'list'],
        ['chronology', 'list', '--review', reviewId],
      ]) {
        const result = casebook(['--vault', path, ...command], withPassphrase, undefined, someoneElse);
        expect(result.stderr, command.join(' ')).toBe('');
        expect(result.code).toBe(0);
      }
      const write = casebook(
        ['--vault', path, 'review', 'create', '--title', 'T', '--type', 'cspr'],
        withPassphrase,
        undefined,
        someoneElse,
      );
      expect(write.code).toBe(2);
      expect(write.stderr).toMatch(
        /^Casebook cannot write to the vault: the file, its folder or its disk is read-only/,
      );
      expect(readdirSync(directory)).toEqual(before);
    } finally {
      chmodSync(directory, 0o755);
    }
  });

  it('can write again once a read-only vault is made writable, although reading it left a read-only -shm', async () => {
    const directory = join(tempDirectory(), 'shared');
    mkdirSync(directory);
    const { path } = await vaultWithReview(directory);
    giveToSomeoneElse(directory);
    chmodSync(path, 0o400);
    const read = casebook(['--vault', path, 'review', 'list'], withPassphrase, undefined, someoneElse);
    expect(read.code).toBe(0);
    expect(statSync(`${path}-shm`).mode & 0o777).toBe(0o400);
    chmodSync(path, 0o600);
    const write = casebook(
      ['--vault', path, 'review', 'create', '--title', 'T', '--type', 'cspr'],
      withPassphrase,
      undefined,
      someoneElse,
    );
    expect(write.stderr).toBe('');
    expect(write.code).toBe(0);
  });

  it('reads a vault on a full disk, and says the disk is full when asked to write', async (context) => {
    const disk = join(tempDirectory(), 'disk');
    mkdirSync(disk);
    // A small RAM disk filled to the brim; mounting one needs root, so elsewhere this is skipped.
    if (!asRoot || spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk]).status !== 0) {
      context.skip();
      return;
    }
    try {
      const { path } = await vaultWithReview(disk);
      spawnSync('dd', ['if=/dev/zero', `of=${join(disk, 'filler')}`, 'bs=4k']);
      const verify = casebook(['--vault', path, 'vault', 'verify'], withPassphrase);
      expect(verify.stderr).toBe('');
      expect(verify.code).toBe(0);
      expect(casebook(['--vault', path, 'review', 'list', '--json'], withPassphrase).code).toBe(0);
      const write = casebook(['--vault', path, 'review', 'create', '--title', 'T', '--type', 'cspr'], withPassphrase);
      expect(write.code).toBe(2);
      expect(write.stderr).toMatch(/^Casebook cannot write to the vault: the disk is full|^the disk reported an error/);
    } finally {
      spawnSync('umount', [disk]);
    }
  });

  it('reads while another process writes; a write waits, then says the vault is in use', async () => {
    const { path, reviewId } = await vaultWithReview(tempDirectory());
    const writer = await otherProcessWriting(path, PASSPHRASE);
    try {
      const list = casebook(['--vault', path, 'review', 'list', '--json'], withPassphrase);
      expect(list.stderr).toBe('');
      expect(JSON.parse(list.stdout)).toMatchObject([{ id: reviewId }]);
      const started = Date.now();
      const write = casebook(['--vault', path, 'review', 'create', '--title', 'T', '--type', 'cspr'], withPassphrase);
      expect(Date.now() - started).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS);
      expect(write.code).toBe(2);
      expect(write.stderr).toBe(`${BUSY_MESSAGE}\n`);
    } finally {
      await writer.release();
    }
  });

  it('puts file-system and memory failures in plain words', async () => {
    const directory = tempDirectory();
    writeFileSync(join(directory, 'a-file'), '');
    const inTheWay = casebook(['--vault', join(directory, 'a-file', 'x.vault'), 'vault', 'init'], withPassphrase);
    expect(inTheWay.code).toBe(2);
    expect(inTheWay.stderr).toBe(
      `Casebook cannot write to ${join(directory, 'a-file')}: it is a file, where the vault needs a folder\n`,
    );
    // A key file asking scrypt for a terabyte is refused before scrypt runs: OpenSSL's bare "malloc failure" never reaches the reviewer.
    const { path } = await vaultWithReview(directory);
    const keys = JSON.parse(readFileSync(keyFilePath(path), 'utf8'));
    writeFileSync(keyFilePath(path), JSON.stringify({ ...keys, passphrase: { ...keys.passphrase, N: 2 ** 30 } }));
    const memory = casebook(['--vault', path, 'review', 'list'], withPassphrase);
    expect(memory.code).toBe(2);
    expect(memory.stderr).toMatch(
      /^the vault is damaged: its key file asks for scrypt costs N=1073741824, r=8, p=1, beyond what Casebook allows .*\n$/,
    );
  });
});
