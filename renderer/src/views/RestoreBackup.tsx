import { useEffect, useId, useState } from 'react';
import type { Backups } from '../../../shared/api/contract.js';
import { errorMessage } from '../api/client.js';
import { ErrorAlert } from '../components/Alert.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Radios } from '../components/Radios.js';
import { formatDateTime } from '../format.js';
import { listBackups, restoreBackup } from '../state/session.js';
import { formatSize } from './BackupsSettings.js';

/**
 * Shown on the unlock screen when the passphrase was right but the vault is
 * damaged: the automatic backups, newest first, and a restore of the chosen one
 * with the secret just typed. The damaged vault is kept beside the restored one.
 */
export function RestoreBackup({ secret }: { secret: { passphrase: string } | { recoveryKey: string } }) {
  const headingId = useId();
  const [backups, setBackups] = useState<Backups | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    listBackups().then(
      (found) => {
        setBackups(found);
        setChosen(found.backups[0]?.path ?? null);
      },
      (caught: unknown) => setError(errorMessage(caught)),
    );
  }, []);

  async function restore() {
    if (!chosen) return;
    setConfirming(false);
    setBusy(true);
    setError(null);
    try {
      await restoreBackup(fileName(chosen), secret);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <section className="panel restore-backup" aria-labelledby={headingId}>
      <h2 id={headingId}>Restore from a backup</h2>
      {backups === null ? (
        <p className="muted">Looking for backups…</p>
      ) : backups.backups.length === 0 ? (
        <p>
          There are no automatic backups in <code>{backups.folder}</code>. If you kept a backup elsewhere, restore it
          with <code>casebook vault restore --from FILE</code>.
        </p>
      ) : (
        <>
          <p>
            Choose a backup to put in place of the damaged vault. Work done since that backup was made is not in it. The
            damaged vault is kept beside it, not deleted.
          </p>
          <Radios
            legend="Backups, newest first"
            value={chosen ?? ''}
            onChange={(path) => setChosen(path || null)}
            options={backups.backups.map((backup, index) => ({
              code: backup.path,
              label: `${formatDateTime(backup.madeAt)}${index === 0 ? ' (newest)' : ''}, ${formatSize(backup.bytes)}, ${fileName(backup.path)}`,
            }))}
          />
          <div className="actions">
            <button type="button" className="primary" disabled={busy || !chosen} onClick={() => setConfirming(true)}>
              {busy ? 'Restoring…' : 'Restore this backup'}
            </button>
          </div>
        </>
      )}
      <ErrorAlert message={error} />
      {chosen && (
        <ConfirmDialog
          open={confirming}
          title="Restore this backup?"
          confirmLabel="Restore"
          onConfirm={restore}
          onCancel={() => setConfirming(false)}
        >
          The vault will be replaced by the backup of{' '}
          {formatDateTime(backups?.backups.find((backup) => backup.path === chosen)?.madeAt ?? '')}. The damaged vault
          is kept in the same folder.
        </ConfirmDialog>
      )}
    </section>
  );
}

function fileName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}
