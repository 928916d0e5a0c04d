import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './host.js';
import { PASSPHRASE } from './hosted-app.js';

/**
 * The real CLI as a process on a vault, with `--json`: its parsed answer. The
 * passphrase goes in the environment, never an argument; a failure throws with
 * what the CLI said.
 */
export function casebookJson(vaultPath: string, args: string[]): unknown {
  const result = spawnSync(process.execPath, [CLI, '--vault', vaultPath, ...args, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE },
  });
  if (result.status !== 0) throw new Error(`casebook ${args.join(' ')}: ${result.stderr}${result.stdout}`);
  return JSON.parse(result.stdout);
}

export interface Seed {
  /** `casebook review create`'s own flags: the review the chronologies go into. */
  review: { title: string; type: string; scopeFrom?: string; scopeTo?: string };
  /** Each agency's chronology file, imported in this order with `--skip-invalid`. */
  imports: { agency: string; file: string }[];
}

export interface SeededVault {
  /** The temporary folder holding the vault, for any other file the test writes. */
  directory: string;
  vaultPath: string;
  reviewId: string;
  /** `casebookJson` on this vault. */
  casebook(args: string[]): unknown;
  /** Deletes the folder and the vault in it. */
  remove(): Promise<void>;
}

/**
 * A vault built by the real CLI, as a reviewer would from a terminal: `vault
 * init` with PASSPHRASE, one review, its agencies' chronologies imported. Named
 * `<name>.vault` in a fresh `casebook-<name>-e2e-` temporary folder.
 */
export async function seededVault(name: string, seed: Seed): Promise<SeededVault> {
  const directory = await mkdtemp(join(tmpdir(), `casebook-${name}-e2e-`));
  const vaultPath = join(directory, `${name}.vault`);
  const casebook = (args: string[]) => casebookJson(vaultPath, args);
  const remove = () => rm(directory, { recursive: true, force: true });
  try {
    casebook(['vault', 'init']);
    const { title, type, scopeFrom, scopeTo } = seed.review;
    const scope = [...(scopeFrom ? ['--scope-from', scopeFrom] : []), ...(scopeTo ? ['--scope-to', scopeTo] : [])];
    const review = casebook(['review', 'create', '--title', title, '--type', type, ...scope]) as { id: string };
    for (const { agency, file } of seed.imports) {
      casebook(['chronology', 'import', '--review', review.id, '--agency', agency, file, '--skip-invalid']);
    }
    return { directory, vaultPath, reviewId: review.id, casebook, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
