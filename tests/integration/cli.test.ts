import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/build.js';
import { OTHER_PASSPHRASE, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();

function casebook(args: string[], env: Record<string, string | undefined> = {}, cwd?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
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
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, entries: 2 });
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
    expect(wrong.stderr).toBe('wrong passphrase or not a Casebook vault\n');

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
  });

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
