import { useId } from 'react';
import { ErrorAlert, StatusMessage } from '../components/Alert.js';
import { ColumnHeads } from '../components/ColumnHeads.js';
import { Pending } from '../components/Pending.js';
import { formatDateTime } from '../format.js';
import { useChange, useData } from '../state/data.js';

/**
 * Settings › Backups. The app keeps a daily encrypted backup of the vault while it
 * is open (the newest seven) in a folder beside it; this section lists them, says
 * where they are, and makes one now. Restoring happens from the unlock screen when
 * the vault will not open, or with `casebook vault restore`.
 */
export function BackupsSettings() {
  const headingId = useId();
  const backups = useData('vault.backups', {});
  const { run, busy, message, status } = useChange();
  const value = backups.value;

  return (
    <section className="panel" aria-labelledby={headingId} id="backups">
      <h2 id={headingId}>Backups</h2>
      <p>
        While the vault is open, Casebook makes an encrypted backup of it once a day and keeps the newest seven. Each
        opens with the passphrase and recovery key the vault had that day. Copy the backups folder to another secure
        place (an encrypted drive) now and then: a backup on the same laptop does not survive the laptop.
      </p>
      {value === undefined ? (
        <Pending data={backups} loading="Loading backups…" />
      ) : (
        <>
          <p>
            Backups folder: <code>{value.folder}</code>
          </p>
          {value.problem && (
            <p className="status problem" role="alert">
              The last automatic backup failed: {value.problem}
            </p>
          )}
          {value.backups.length === 0 ? (
            <p className="muted">No backups yet.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Backups of this vault, newest first</caption>
                <ColumnHeads columns={['Made', 'File', 'Size']} />
                <tbody>
                  {value.backups.map((backup) => (
                    <tr key={backup.path}>
                      <td className="nowrap">{formatDateTime(backup.madeAt)}</td>
                      <td>
                        <code>{backup.path.split(/[\\/]/).at(-1)}</code>
                      </td>
                      <td className="nowrap">{formatSize(backup.bytes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() =>
            run(
              'vault.backupNow',
              {},
              {
                refresh: ['vault.backups', 'audit.'],
                done: (made) => `Backup made and checked: ${made.pages} pages, ${made.auditEntries} audit entries.`,
              },
            )
          }
        >
          {busy ? 'Backing up…' : 'Back up now'}
        </button>
      </div>
      <StatusMessage message={status} />
      <ErrorAlert message={message} />
    </section>
  );
}

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
