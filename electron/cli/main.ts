#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { verifyAuditChain } from '../../db/audit.js';
import { Vault, type VaultSecret } from '../../db/vault.js';
import { CasebookError } from '../../shared/api/errors.js';
import { APP_VERSION } from '../../shared/version.js';
import { createCasebookApp } from '../app.js';
import { defaultVaultPath } from '../paths.js';
import { startWebHost } from '../web/host.js';
import { readNewSecret, readSecret } from './prompt.js';

/**
 * `casebook`: the same vault and services as the desktop app, for scripting and
 * batch work. Exit 0 on success; otherwise one line on stderr and a non-zero code.
 */

interface GlobalOptions {
  vault?: string;
  json?: boolean;
}

function globals(command: Command): { vaultPath: string; json: boolean } {
  const options = command.optsWithGlobals<GlobalOptions>();
  return { vaultPath: options.vault ?? defaultVaultPath(), json: options.json ?? false };
}

function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

/** The passphrase, or the recovery key when CASEBOOK_RECOVERY_KEY is set instead. */
async function readUnlockSecret(): Promise<VaultSecret> {
  const recoveryKey = process.env.CASEBOOK_RECOVERY_KEY;
  if (recoveryKey && !process.env.CASEBOOK_PASSPHRASE) return { recoveryKey };
  return { passphrase: await readSecret('CASEBOOK_PASSPHRASE', 'Passphrase: ') };
}

export async function withVault<T>(vaultPath: string, use: (vault: Vault) => T | Promise<T>): Promise<T> {
  const vault = await Vault.unlock(vaultPath, await readUnlockSecret());
  try {
    return await use(vault);
  } finally {
    vault.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('casebook')
    .description('Casebook: encrypted case review chronologies and child death review records')
    .version(APP_VERSION)
    .option('--vault <path>', 'the vault file (default: Casebook/casebook.vault in your user-data folder)')
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError()
    .exitOverride();

  const vault = program.command('vault').description('create, check and re-key the encrypted vault');

  vault
    .command('init')
    .description('create a new vault (passphrase from CASEBOOK_PASSPHRASE or a prompt)')
    .action(async (_options, command: Command) => {
      const { vaultPath, json } = globals(command);
      const passphrase = await readNewSecret('CASEBOOK_PASSPHRASE', 'New vault passphrase: ');
      const { vault: created, recoveryKey } = await Vault.create(vaultPath, passphrase);
      created.close();
      print(
        json,
        { path: vaultPath, recoveryKey },
        `Created ${vaultPath}\n\nRecovery key (shown once; store it safely, away from this computer):\n\n    ${recoveryKey}\n`,
      );
    });

  vault
    .command('change-passphrase')
    .description(
      'change the passphrase (current from CASEBOOK_PASSPHRASE or CASEBOOK_RECOVERY_KEY, new from CASEBOOK_NEW_PASSPHRASE)',
    )
    .action(async (_options, command: Command) => {
      const { vaultPath, json } = globals(command);
      const secret = await readUnlockSecret();
      const next = await readNewSecret('CASEBOOK_NEW_PASSPHRASE', 'New passphrase: ');
      const opened = await Vault.unlock(vaultPath, secret);
      try {
        await opened.changePassphrase('passphrase' in secret ? secret.passphrase : secret.recoveryKey, next);
      } finally {
        opened.close();
      }
      print(json, { path: vaultPath, changed: true }, 'Passphrase changed. The recovery key still works.');
    });

  vault
    .command('verify')
    .description('check that the vault opens and its audit log has not been tampered with')
    .action(async (_options, command: Command) => {
      const { vaultPath, json } = globals(command);
      const result = await withVault(vaultPath, (opened) => verifyAuditChain(opened.database));
      if (!result.ok) {
        print(json, result, `Audit log BROKEN at entry ${result.firstBrokenSeq}: ${result.problem}`);
        throw new CasebookError('conflict', `audit log broken at entry ${result.firstBrokenSeq}: ${result.problem}`);
      }
      print(json, result, `Vault opens and its audit log is intact (${result.entries} entries).`);
    });

  program
    .command('serve')
    .description('serve Casebook to a browser on this computer only (127.0.0.1), for machines without Electron')
    .option('--port <port>', 'port to listen on (0 = any free port)', '0')
    .action(async (options: { port: string }, command: Command) => {
      const { vaultPath, json } = globals(command);
      const app = createCasebookApp(vaultPath);
      const host = await startWebHost({
        app,
        port: Number.parseInt(options.port, 10),
        rendererDirectory: fileURLToPath(new URL('../../renderer', import.meta.url)),
      });
      print(json, { url: host.openUrl, vault: vaultPath }, `Casebook is ready at ${host.openUrl}`);
      const stop = async () => {
        app.close();
        await host.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => {});
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage mistakes were already explained by commander.
      return error.exitCode;
    }
    const json = program.opts<GlobalOptions>().json || argv.includes('--json');
    if (error instanceof CasebookError) {
      if (json) process.stdout.write(`${JSON.stringify({ error: error.toBody() })}\n`);
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
