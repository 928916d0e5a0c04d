import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/api/contract.js';
import { Checkbox } from '../../components/Checkbox.js';
import { downloadBase64 } from '../../files.js';
import { useChange } from '../../state/data.js';

/**
 * Export of the integrated chronology as XLSX or CSV, optionally anonymised (each
 * person's pseudonym or role code instead of their name). The file is made in the
 * main process and saved through the browser's download, from memory.
 */
export function ExportControls({ reviewId }: { reviewId: string }) {
  const [anonymise, setAnonymise] = useState(true);
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const { run, busy: exporting, message: error, status } = useChange();
  const busy = exporting ? format : null;
  const message = error ? `Export failed: ${error}` : status;

  function exportAs(chosen: ExportFormat) {
    setFormat(chosen);
    return run(
      'chronology.export',
      { reviewId, format: chosen, anonymise },
      {
        apply: (file) => downloadBase64(file),
        done: (file) =>
          `Exported ${file.entries} entries to ${file.fileName}${file.anonymised ? ' (anonymised)' : ''}.`,
      },
    );
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
      <Checkbox label="Anonymised" checked={anonymise} onChange={setAnonymise} className="checkbox inline-checkbox" />
      <span className="muted export-message" role="status">
        {message}
      </span>
    </fieldset>
  );
}
