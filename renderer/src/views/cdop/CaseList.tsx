import { useId, useState } from 'react';
import { CASE_STATUS_LABELS, CASE_STATUSES, type CaseStatus } from '../../../../shared/cdop/case.js';
import { AGE_BAND_LABELS } from '../../../../shared/cdop/dates.js';
import { ColumnHeads } from '../../components/ColumnHeads.js';
import { DateField, Field, SelectField } from '../../components/Field.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pending } from '../../components/Pending.js';
import { formatDate } from '../../format.js';
import { navigate } from '../../router.js';
import { useData } from '../../state/data.js';
import { cdopPath } from './routes.js';

export function CaseList() {
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [deathFrom, setDeathFrom] = useState('');
  const [deathTo, setDeathTo] = useState('');
  const filtered = status !== '' || deathFrom !== '' || deathTo !== '';
  const captionId = useId();
  const list = useData('cdop.case.list', {
    ...(status ? { status } : {}),
    ...(deathFrom ? { deathFrom } : {}),
    ...(deathTo ? { deathTo } : {}),
  });
  const [search, setSearch] = useState('');
  const all = list.value;
  // Searched here, over the cases the filters brought: a panel's list is hundreds, not millions.
  const words = search.trim().toLowerCase();
  const cases = words
    ? all?.filter((summary) => `${summary.reference} ${summary.childName}`.toLowerCase().includes(words))
    : all;

  if (all && all.length === 0 && !filtered) {
    return (
      <div className="cdop">
        <PageHeading title="Child deaths (CDOP)">Child deaths (CDOP)</PageHeading>
        <section className="empty-state" aria-labelledby={captionId}>
          <h2 id={captionId}>No child death reviews yet</h2>
          <p>
            Record a death as it is notified to the panel, or bring in the cases your panel has reviewed before from a
            spreadsheet.
          </p>
          <div className="actions centred">
            <NewCaseButtons />
          </div>
        </section>
      </div>
    );
  }

  return (
    <div className="cdop">
      <PageHeading title="Child deaths (CDOP)">Child deaths (CDOP)</PageHeading>
      <div className="actions">
        <NewCaseButtons />
        <button type="button" className="secondary" onClick={() => navigate(cdopPath.pack())}>
          Panel meeting pack
        </button>
        <button type="button" className="secondary" onClick={() => navigate(cdopPath.work())}>
          Work list
        </button>
      </div>
      <fieldset className="filters">
        <legend>Show cases</legend>
        <SelectField
          label="Status"
          value={status}
          onChange={setStatus}
          options={CASE_STATUSES.map((code) => ({ code, label: CASE_STATUS_LABELS[code] }))}
          empty="Any status"
        />
        <DateField label="Died on or after" value={deathFrom} onChange={setDeathFrom} />
        <DateField label="Died on or before" value={deathTo} onChange={setDeathTo} />
        <Field label="Search" hint="Reference or child’s name">
          {(ids) => (
            <input
              id={ids.id}
              aria-describedby={ids.describedBy}
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          )}
        </Field>
      </fieldset>
      {cases && all ? (
        <p className="case-count" role="status">
          {cases.length === all.length
            ? `${all.length} ${all.length === 1 ? 'case' : 'cases'}`
            : `${cases.length} of ${all.length} cases`}
          {filtered ? ' matching the filters' : ''}
        </p>
      ) : null}
      {cases === undefined ? (
        <Pending data={list} loading="Loading cases…" />
      ) : cases.length === 0 ? (
        <p>No cases match {words ? 'this search' : 'these filters'}.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Child death cases, newest death first</caption>
            <ColumnHeads
              columns={['Reference', 'Date of death', 'Age band', 'Category', 'Status', 'Outstanding reports']}
            />
            <tbody>
              {cases.map((summary) => (
                <tr key={summary.id}>
                  <td>
                    <a href={cdopPath.record(summary.id)}>{summary.reference}</a>
                  </td>
                  <td className="nowrap">{formatDate(summary.dateOfDeath)}</td>
                  <td className="nowrap">{summary.ageBand ? AGE_BAND_LABELS[summary.ageBand] : '—'}</td>
                  <td>{summary.category ?? <span className="muted">Not set</span>}</td>
                  <td>{CASE_STATUS_LABELS[summary.status]}</td>
                  <td>
                    {summary.outstandingReports.length}
                    {summary.outstandingReports.length > 0 ? (
                      <span className="muted"> ({summary.outstandingReports.map((r) => r.agency).join(', ')})</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function NewCaseButtons() {
  return (
    <>
      <button type="button" className="primary" onClick={() => navigate(cdopPath.create())}>
        Record a notification
      </button>
      <button type="button" className="secondary" onClick={() => navigate(cdopPath.importCases())}>
        Import historical cases
      </button>
    </>
  );
}
