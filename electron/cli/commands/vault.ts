import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkAuditAnchor, verifyAuditChain } from '../../../db/audit.js';
import { backupFolder, listBackups } from '../../../db/backup.js';
import { checkPages } from '../../../db/connection.js';
import { Vault } from '../../../db/vault.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { readAuditAnchor } from '../../services/audit-anchor.js';
import { globals, print, readUnlockSecret, readVault, withVault } from '../common.js';
import { readNewSecret } from '../prompt.js';

/** `casebook vault init | change-passphrase | rekey | new-recovery-key | verify [--anchor FILE] | backup | backups | restore`. */
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
    .command('rekey')
    .description(
      'after a suspected compromise: a new data key, the vault re-encrypted, a new passphrase (CASEBOOK_NEW_PASSPHRASE) and a new recovery key',
    )
    .action(async (_options, command: Command) => {
      const { vaultPath, json } = globals(command);
      const secret = await readUnlockSecret();
      const next = await readNewSecret('CASEBOOK_NEW_PASSPHRASE', 'New passphrase: ');
      const recoveryKey = await withVault(vaultPath, (opened) =>
        opened.rekey('passphrase' in secret ? secret.passphrase : secret.recoveryKey, next),
      );
      print(
        json,
        { recoveryKey },
        `Vault re-keyed: old copies of its key file, the old passphrase and the old recovery key no longer open it.\n\nNew recovery key (shown once; store it safely, away from this computer):\n\n    ${recoveryKey}\n`,
      );
    });

  vault
    .command('new-recovery-key')
    .description('replace the recovery key (current passphrase from CASEBOOK_PASSPHRASE or CASEBOOK_RECOVERY_KEY)')
    .action(async (_options, command: Command) => {
      const { vaultPath, json } = globals(command);
      const secret = await readUnlockSecret();
      const recoveryKey = await withVault(vaultPath, (opened) =>
        opened.replaceRecoveryKey('passphrase' in secret ? secret.passphrase : secret.recoveryKey),
      );
      print(
        json,
        { recoveryKey },
        `New recovery key (shown once; store it safely, away from this computer):\n\n    ${recoveryKey}\n\nThe old one no longer opens the vault through its key file.`,
      );
    });

  vault
    .command('verify')
    .description('check every page of the vault decrypts and its audit log has not been tampered with (writes nothing)')
    .option(
      '--anchor <file>',
      "an export made earlier: check the vault's history still holds the audit head it recorded",
    )
    .action(async (options: { anchor?: string }, command: Command) => {
      const { vaultPath, json } = globals(command);
      const anchor = options.anchor === undefined ? null : await readAuditAnchor(options.anchor);
      const result = await readVault(vaultPath, (database) => {
        const checked = { ...checkPages(database), ...verifyAuditChain(database) };
        return anchor && checked.ok ? { ...checked, ...checkAuditAnchor(database, anchor) } : checked;
      });
      if (!result.ok) {
        print(json, result, `Audit log BROKEN at entry ${result.firstBrokenSeq}: ${result.problem}`);
        throw new CasebookError('conflict', `audit log broken at entry ${result.firstBrokenSeq}: ${result.problem}`);
      }
      const anchored = anchor ? `, and still holds the history ${options.anchor} recorded` : '';
      print(
        json,
        result,
        `All ${result.pages} pages of the vault decrypt and its audit log is intact (${result.entries} entries)${anchored}.`,
      );
    });

  vault
    .command('backup')
    .description(
      'write an encrypted backup of the vault to FILE and its key file to FILE.keys (it opens with the same passphrase and recovery key)',
    )
    .requiredOption('--out <file>', 'the backup file to write (must not exist)')
    .action(async (options: { out: string }, command: Command) => {
      const { vaultPath, json } = globals(command);
      const made = await withVault(vaultPath, (opened) => opened.backup(resolve(options.out)));
      print(
        json,
        made,
        `Backup written: ${made.path}\nKey file: ${made.keys}\nChecked: all ${made.pages} pages decrypt, ${made.auditEntries} audit entries intact. Keep both files together.`,
      );
    });

  vault
    .command('backups')
    .description('list the automatic backups the app keeps beside the vault (newest first)')
    .action((_options, command: Command) => {
      const { vaultPath, json } = globals(command);
      const backups = listBackups(vaultPath);
      const lines = backups.map((backup) => `${backup.madeAt}  ${backup.path}`);
      print(
        json,
        { folder: backupFolder(vaultPath), backups },
        backups.length ? lines.join('\n') : `No automatic backups in ${backupFolder(vaultPath)}`,
      );
    });

  vault
    .command('restore')
    .description(
      'replace the vault with a backup (close Casebook first); the vault replaced is kept beside it as <vault>.before-restore-<time>',
    )
    .requiredOption('--from <file>', 'the backup file (its .keys file beside it)')
    .action(async (options: { from: string }, command: Command) => {
      const { vaultPath, json } = globals(command);
      const { vault: restored, previous } = await Vault.restore(
        vaultPath,
        resolve(options.from),
        await readUnlockSecret(),
      );
      restored.close();
      print(
        json,
        { path: vaultPath, restoredFrom: resolve(options.from), previous },
        `Restored ${vaultPath} from ${resolve(options.from)}.${previous ? ` The vault it replaced is kept as ${previous}.` : ''}`,
      );
    });
}
