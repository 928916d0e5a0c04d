import type { Command } from 'commander';
import { writePrivateFile } from '../../db/private-file.js';
import type { Database } from '../../db/query.js';
import { Vault, type VaultSecret } from '../../db/vault.js';
import { CasebookError } from '../../shared/api/errors.js';
import { defaultVaultPath } from '../paths.js';
import { readSecret } from './prompt.js';

/** What every command shares: the global options, output, and opening the vault for one command. */

interface GlobalOptions {
  vault?: string;
  json?: boolean;
}

export function globals(command: Command): { vaultPath: string; json: boolean } {
  const options = command.optsWithGlobals<GlobalOptions>();
  return { vaultPath: options.vault ?? defaultVaultPath(), json: options.json ?? false };
}

/**
 * A failure the command has already reported (its result on stdout, one line on
 * stderr), e.g. an import that rejected rows: main exits non-zero and prints nothing more.
 */
export class AlreadyReported extends Error {
  constructor(readonly exitCode = 2) {
    super('already reported');
    this.name = 'AlreadyReported';
  }
}

/** JSON on stdout with --json, otherwise the sentence for a person. */
export function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

/** The passphrase, or the recovery key when CASEBOOK_RECOVERY_KEY is set instead. */
export async function readUnlockSecret(): Promise<VaultSecret> {
  const recoveryKey = process.env.CASEBOOK_RECOVERY_KEY;
  if (recoveryKey && !process.env.CASEBOOK_PASSPHRASE) return { recoveryKey };
  return { passphrase: await readSecret('CASEBOOK_PASSPHRASE', 'Passphrase: ') };
}

/** Unlocks the vault for one command that changes it (recorded as an unlock) and always locks it again. */
export async function withVault<T>(vaultPath: string, use: (vault: Vault) => T | Promise<T>): Promise<T> {
  return using(await Vault.unlock(vaultPath, await readUnlockSecret()), use);
}

/**
 * Opens the vault for a command that only reads, without writing anything (see
 * `Vault.unlock`'s `readOnly`): it works on read-only media, on a full disk and
 * while the app or another command is writing, and leaves no audit row.
 */
export async function readVault<T>(vaultPath: string, use: (database: Database) => T | Promise<T>): Promise<T> {
  return using(await Vault.unlock(vaultPath, await readUnlockSecret(), { readOnly: true }), (vault) =>
    use(vault.database),
  );
}

async function using<T>(vault: Vault, use: (vault: Vault) => T | Promise<T>): Promise<T> {
  try {
    return await use(vault);
  } finally {
    vault.close();
  }
}

/** Writes an export to --out: owner-only, never half a file, never through a planted name (writePrivateFile). */
export function writeExportFile(out: string, content: Buffer): void {
  try {
    writePrivateFile(out, content);
  } catch (error) {
    throw new CasebookError(
      'unreadable_file',
      `cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** A repeatable option's values, in the order given (`--agency A --agency B`). */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];
