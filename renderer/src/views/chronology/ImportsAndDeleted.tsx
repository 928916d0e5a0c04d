import { useId } from 'react';
import type { ImportRecord, Review } from '../../../../shared/api/contract.js';
import { ErrorAlert } from '../../components/Alert.js';
import { ConfirmDialog, useConfirmedChange } from '../../components/ConfirmDialog.js';
import { Pending } from '../../components/Pending.js';
import { formatDateTime } from '../../format.js';
import { useChange, useData } from '../../state/data.js';
import { ENTRIES_CHANGED } from './store.js';

/**
 * Taking things back out of the chronology: the review's imports (a wrong file is
 * removed with its entries), the deleted entries (each restored with its own
 * number), and Renumber (the only thing that changes entry numbers). Every one is
 * recorded in the audit log by the vault.
 */
interface SectionProps {
  review: Review;
  readOnly: boolean;
  /** Says what was done, in the chronology's status line. */
  onStatus: (message: string) => void;
}

export function ImportsAndDeleted({ review, readOnly, onStatus }: SectionProps) {
  return (
    <div className="chron-corrections">
      <ImportsList review={review} readOnly={readOnly} onStatus={onStatus} />
      <DeletedEntries review={review} readOnly={readOnly} onStatus={onStatus} />
      {readOnly ? null : <Renumber review={review} onStatus={onStatus} />}
    </div>
  );
}

function ImportsList({ review, readOnly, onStatus }: SectionProps) {
  const loaded = useData('chronology.imports', { reviewId: review.id });
  const imports = loaded.value;
  const removal = useConfirmedChange<ImportRecord>();
  const removing = removal.asking;
  const headingId = useId();

  async function confirmRemove() {
    if (!removing) return;
    const outcome = await removal.run(
      'chronology.removeImport',
      { importId: removing.id },
      { refresh: ENTRIES_CHANGED },
    );
    if (outcome.ok) {
      onStatus(
        `Import of “${removing.fileName}” removed: ${outcome.value.removed} ${outcome.value.removed === 1 ? 'entry' : 'entries'} deleted. Each can be restored from Deleted entries.`,
      );
      removal.close();
    }
  }

  return (
    <details className="chron-imports">
      <summary id={headingId}>Imports {imports ? <span className="muted">({imports.length})</span> : null}</summary>
      {imports === undefined ? <Pending data={loaded} loading="Loading the imports…" /> : null}
      {imports?.length === 0 ? <p>No files imported into this review.</p> : null}
      {imports && imports.length > 0 ? (
        <table className="data-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">Agency</th>
              <th scope="col">File</th>
              <th scope="col">Imported</th>
              <th scope="col">Entries</th>
              {readOnly ? null : (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {imports.map((record) => (
              <tr key={record.id}>
                <td>{record.agency.name}</td>
                <td>{record.fileName}</td>
                <td>{formatDateTime(record.importedAt)}</td>
                <td>{record.entries}</td>
                {readOnly ? null : (
                  <td>
                    <button type="button" className="secondary" onClick={() => removal.ask(record)}>
                      Remove<span className="visually-hidden"> the import of {record.fileName}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ConfirmDialog
        {...removal.dialog}
        title={`Remove the import of “${removing?.fileName ?? ''}”?`}
        confirmLabel="Remove import"
        danger
        onConfirm={() => void confirmRemove()}
      >
        <p>
          Its {removing?.entries} {removing?.entries === 1 ? 'entry' : 'entries'} from {removing?.agency.name} are
          deleted from the chronology. Each keeps its number and can be restored from Deleted entries.
        </p>
      </ConfirmDialog>
    </details>
  );
}

function DeletedEntries({ review, readOnly, onStatus }: SectionProps) {
  const loaded = useData('chronology.deleted', { reviewId: review.id });
  const deleted = loaded.value;
  const { run, busy, message } = useChange();

  async function restore(id: string, ref: number) {
    const outcome = await run('chronology.restore', { id }, { refresh: ENTRIES_CHANGED });
    if (outcome.ok) onStatus(`Entry ${ref} restored.`);
  }

  return (
    <details className="chron-deleted">
      <summary>Deleted entries {deleted ? <span className="muted">({deleted.length})</span> : null}</summary>
      {deleted === undefined ? <Pending data={loaded} loading="Loading the deleted entries…" /> : null}
      {deleted?.length === 0 ? <p>No deleted entries.</p> : null}
      <ErrorAlert message={message} />
      <ul className="plain-list">
        {deleted?.map((entry) => (
          <li key={entry.id} className="chron-deleted-entry">
            <span>
              <strong>Entry {entry.ref}</strong> · {entry.date} · {entry.agency}: {entry.event.slice(0, 120)}
              <span className="muted">
                {' '}
                ({entry.reason === 'import-removed' ? 'import removed' : 'deleted'} {formatDateTime(entry.deletedAt)})
              </span>
            </span>{' '}
            {readOnly ? null : (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => void restore(entry.id, entry.ref)}
              >
                Restore<span className="visually-hidden"> entry {entry.ref}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Renumber({ review, onStatus }: { review: Review; onStatus: (message: string) => void }) {
  const renumber = useConfirmedChange<true>();

  async function confirm() {
    const outcome = await renumber.run('chronology.renumber', { reviewId: review.id }, { refresh: ENTRIES_CHANGED });
    if (outcome.ok) {
      onStatus(`Entries renumbered 1 to ${outcome.value.renumbered} in the chronology’s order.`);
      renumber.close();
    }
  }

  return (
    <>
      <button type="button" className="secondary" onClick={() => renumber.ask(true)}>
        Renumber entries
      </button>
      <ConfirmDialog
        {...renumber.dialog}
        title="Renumber every entry?"
        confirmLabel="Renumber"
        onConfirm={() => void confirm()}
      >
        <p>
          The entries are numbered 1, 2, 3… in the chronology’s order. Numbers already cited in notes or drafts will
          point at other entries. The renumbering is recorded in the audit log.
        </p>
      </ConfirmDialog>
    </>
  );
}
