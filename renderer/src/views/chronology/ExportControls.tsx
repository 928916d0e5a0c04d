import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/api/contract.js';
import { call, errorMessage } from '../../api/client.js';
import { downloadBase64 } from '../../files.js';

/**
 * Export of the integrated chronology as XLSX or CSV, optionally anonymised (each
 * person's pseudonym or role code instead of their name). The file is made in the
 * main process and saved through the browser's download, from memory.
 */
export function ExportControls({ reviewId }: { reviewId: string }) {
  const [anonymise, setAnonymise] = useState(true);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function exportAs(format: ExportFormat) {
    setBusy(format);
    setMessage(null);
    try {
      const file = await call('chronology.export', { reviewId, format, anonymise });
      downloadBase64(file);
      setMessage(`Exported ${file.entries} entries to ${file.fileName}${file.anonymised ? ' (anonymised)' : ''}.`);
    } catch (caught) {
      setMessage(`Export failed: ${errorMessage(caught)}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <fieldset className="chron-export">
      <legend className="visually-hidden">Export the integrated chronology</legend>
      <button type="button" className="secondary" disabled={busy !== null} onClick={() => void exportAs('xlsx')}>
        {busy === 'xlsx' ? 'Exporting…' : 'Export XLSX'}
      </button>
      <button type="button" className="secondary" disabled={busy !== null} onClick={() => void exportAs('csv')}>
        {busy === 'csv' ? 'Exporting…' : 'Export CSV'}
      </button>
      <span className="checkbox inline-checkbox">
        <input
          id="export-anonymise"
          type="checkbox"
          checked={anonymise}
          onChange={(event) => setAnonymise(event.target.checked)}
        />
        <label htmlFor="export-anonymise">Anonymised</label>
      </span>
      <span className="muted export-message" role="status">
        {message}
      </span>
    </fieldset>
  );
}
