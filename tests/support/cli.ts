import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Vault } from '../../db/vault.js';
import { CLI } from './build.js';
import { FAST_SCRYPT, PASSPHRASE } from './temp.js';

/** The real CLI (unlocking with PASSPHRASE); `stdin`, when given, is piped to it (as `... | casebook ... --input -`). */
export function casebook(args: string[], stdin?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, CASEBOOK_RECOVERY_KEY: undefined },
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    ...(stdin === undefined ? {} : { input: stdin }),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new vault at `directory/fileName`, closed, made with the cheap KDF so each CLI command unlocks it quickly. */
export async function closedVault(directory: string, fileName = 'case.vault'): Promise<string> {
  const path = join(directory, fileName);
  (await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT })).vault.close();
  return path;
}

/** Counts from a closed vault, each by its `SELECT count(*) AS n ...`, unlocking it for the moment. */
export async function countsIn<Name extends string>(
  path: string,
  queries: Record<Name, string>,
): Promise<Record<Name, number>> {
  const vault = await Vault.unlock(path, { passphrase: PASSPHRASE });
  try {
    const entries = Object.entries<string>(queries).map(([name, sql]) => [
      name,
      (vault.database.prepare(sql).get() as { n: number }).n,
    ]);
    return Object.fromEntries(entries) as Record<Name, number>;
  } finally {
    vault.close();
  }
}

/** The start of a `casebook chronology import` of one agency's file into a review; the file and flags follow. */
export function chronologyImportArgs(vault: string, reviewId: string, agency = 'Health visiting'): string[] {
  return ['--vault', vault, 'chronology', 'import', '--review', reviewId, '--agency', agency];
}

/**
 * Runs the built CLI as a process, unlocking with PASSPHRASE from the environment (never an argument);
 * `input` is given on standard input (for `--input -`).
 */
export function runCli(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, CASEBOOK_RECOVERY_KEY: undefined },
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
