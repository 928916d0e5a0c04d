import type { Command } from 'commander';
import { verifyAuditChain } from '../../../db/audit.js';
import { checkPages } from '../../../db/connection.js';
import { Vault } from '../../../db/vault.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { globals, print, readUnlockSecret, readVault } from '../common.js';
import { readNewSecret } from '../prompt.js';

/** `casebook vault init | change-passphrase | verify`. */
export function registerVaultCommands(program: Command): void {
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
    .description('check every page of the vault decrypts and its audit log has not been tampered with (writes nothing)')
    .action(async (_options, command: Command) => {
      const { vaultPath, json } = globals(command);
      const result = await readVault(vaultPath, (database) => ({
        ...checkPages(database),
        ...verifyAuditChain(database),
      }));
      if (!result.ok) {
        print(json, result, `Audit log BROKEN at entry ${result.firstBrokenSeq}: ${result.problem}`);
        throw new CasebookError('conflict', `audit log broken at entry ${result.firstBrokenSeq}: ${result.problem}`);
      }
      print(
        json,
        result,
        `All ${result.pages} pages of the vault decrypt and its audit log is intact (${result.entries} entries).`,
      );
    });
}
