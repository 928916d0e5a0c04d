import { useId, useState } from 'react';
import type { EntryDraft, ImportRecord, Review } from '../../../../shared/api/contract.js';
import { useData } from '../../state/data.js';
import { type ImportScreenKind, ImportWizard } from '../import/ImportWizard.js';
import { chronologyPath } from './routes.js';
import { recordImport } from './store.js';

/** Importing one agency's chronology: the import wizard, with the agency the file comes from. */

const NEW_AGENCY = '\u0000new';

const CHRONOLOGY_SCREEN: ImportScreenKind<EntryDraft> = {
  prefix: 'chronology',
  title: 'Import an agency chronology',
  rows: { one: 'entry', many: 'entries' },
  fileLabel: 'Chronology file',
  fileHint: 'A CSV file or an Excel workbook (.xlsx), as the agency sent it.',
  remembered: 'for this agency',
  doneLabel: 'Back to the chronology',
  sampleColumns: [
    { header: 'Date as written', cell: (row) => row.date.text },
    { header: 'Date as understood', cell: (row) => row.date.display },
    { header: 'Time', cell: (row) => row.time ?? '' },
    { header: 'Source', cell: (row) => row.source ?? '' },
    { header: 'Practitioner', cell: (row) => row.practitioner ?? '' },
    { header: 'Event', cell: (row) => row.event, className: 'sample-event' },
  ],
};

/**
 * The agency a reviewer most likely imports next: the first of the review's
 * agencies with no file imported yet (each agency sends one chronology), else a new one.
 */
function nextAgencyToImport(agencies: readonly { name: string }[], imports: readonly ImportRecord[]): string {
  const imported = new Set(imports.map((record) => record.agency.name.toLowerCase()));
  return agencies.find((agency) => !imported.has(agency.name.toLowerCase()))?.name ?? NEW_AGENCY;
}

export function ImportChronology({ review, onClose }: { review: Review; onClose: () => void }) {
  const imports = useData('chronology.imports', { reviewId: review.id });
  const [picked, setChoice] = useState<string | null>(null);
  const choice = picked ?? nextAgencyToImport(review.agencies, imports.value ?? []);
  const [newAgency, setNewAgency] = useState('');
  const legendId = useId();
  const newAgencyId = useId();
  const agency = choice === NEW_AGENCY ? newAgency.trim() : choice;

  return (
    <ImportWizard
      kind={CHRONOLOGY_SCREEN}
      target={() =>
        agency
          ? { ok: true, value: { reviewId: review.id, agency } }
          : { ok: false, message: 'Choose the agency the file comes from, or type its name.' }
      }
      onClose={onClose}
      onDone={(done, preview) => recordImport({ ...done, agency, fileName: preview.fileName })}
      resultActions={(result) =>
        result.possibleDuplicates ? (
          <a className="button-link" href={chronologyPath(review.id, { duplicates: true })}>
            Review the {result.possibleDuplicates} possible{' '}
            {result.possibleDuplicates === 1 ? 'duplicate' : 'duplicates'}
          </a>
        ) : null
      }
      chooseFields={
        <fieldset aria-labelledby={legendId}>
          <legend id={legendId}>Which agency is this chronology from?</legend>
          <div className="radios">
            {review.agencies.map((known) => (
              <label key={known.id} className="radio">
                <input
                  type="radio"
                  name="agency"
                  value={known.name}
                  checked={choice === known.name}
                  onChange={() => setChoice(known.name)}
                />
                <span>{known.name}</span>
              </label>
            ))}
            <label className="radio">
              <input
                type="radio"
                name="agency"
                value={NEW_AGENCY}
                checked={choice === NEW_AGENCY}
                onChange={() => setChoice(NEW_AGENCY)}
              />
              <span>{review.agencies.length > 0 ? 'Another agency' : 'An agency not yet in this review'}</span>
            </label>
          </div>
          {choice === NEW_AGENCY ? (
            <div className="field">
              <label htmlFor={newAgencyId}>Agency name</label>
              <p className="hint">It is added to the review’s agencies when the import is saved.</p>
              <input
                id={newAgencyId}
                type="text"
                value={newAgency}
                maxLength={200}
                onChange={(event) => setNewAgency(event.target.value)}
              />
            </div>
          ) : null}
        </fieldset>
      }
    />
  );
}
