import './analysis.css';
import { useState } from 'react';
import { ACTION_STATUS_LABELS, ACTION_STATUSES, type ActionStatus } from '../../../../shared/analysis/model.js';
import { formatIsoUk } from '../../../../shared/dates/fuzzy-date.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pending } from '../../components/Pending.js';
import { downloadBase64 } from '../../files.js';
import { useChange, useData } from '../../state/data.js';
import { cdopPath } from '../cdop/routes.js';
import { reviewsPath } from '../reviews/routes.js';

/**
 * Every action of every review and child death, for the board's monitoring:
 * filtered by agency, owner, status and overdue (worked out in the main process
 * from the due date and today's local date), and exported as the action plan.
 */
export function ActionBoard() {
  const [agency, setAgency] = useState('');
  const [owner, setOwner] = useState('');
  const [status, setStatus] = useState<ActionStatus | ''>('');
  const [overdue, setOverdue] = useState(false);
  const filter = {
    ...(agency.trim() ? { agency: agency.trim() } : {}),
    ...(owner.trim() ? { owner: owner.trim() } : {}),
    ...(status ? { status } : {}),
    ...(overdue ? { overdue: true } : {}),
  };
  const board = useData('actions.board', filter);
  const exporting = useChange();
  const actions = board.value;

  return (
    <div className="action-board">
      <PageHeading title="Actions">Actions across every review and child death</PageHeading>
      <form className="board-filters" aria-label="Filter actions" onSubmit={(event) => event.preventDefault()}>
        <TextField label="Agency" value={agency} onChange={setAgency} />
        <TextField label="Owner role" value={owner} onChange={setOwner} />
        <SelectField
          label="Status"
          value={status}
          onChange={setStatus}
          empty="Any status"
          options={ACTION_STATUSES.map((code) => ({ code, label: ACTION_STATUS_LABELS[code] }))}
        />
        <label className="checkbox board-overdue">
          <input type="checkbox" checked={overdue} onChange={(event) => setOverdue(event.target.checked)} /> Overdue
          only
        </label>
        <button
          type="button"
          className="secondary"
          disabled={exporting.busy}
          onClick={() =>
            void exporting.run('actions.export', filter, {
              apply: downloadBase64,
              done: (file) => `Action plan exported: ${file.actions} actions in ${file.fileName}.`,
            })
          }
        >
          Export action plan (XLSX)
        </button>
      </form>
      <ErrorAlert message={exporting.message} />
      <StatusMessage message={exporting.status} />
      {!actions ? (
        <Pending data={board} loading="Loading actions…" />
      ) : actions.length === 0 ? (
        <p className="muted">No actions match.</p>
      ) : (
        <table className="board-table">
          <caption className="visually-hidden">Actions, due date first</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Review or case</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
              <th scope="col">Outcome measure</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((action) => (
              <tr key={action.id} className={action.overdue ? 'overdue-row' : undefined}>
                <td>
                  {action.text}
                  {action.recommendations.length > 0 ? (
                    <div className="muted small">For: {action.recommendations.join('; ')}</div>
                  ) : null}
                </td>
                <td>
                  <a
                    href={
                      action.owner.kind === 'review'
                        ? reviewsPath.detail(action.owner.id, 'analysis')
                        : cdopPath.chain(action.owner.id)
                    }
                  >
                    {action.owner.title}
                  </a>
                </td>
                <td>
                  {action.ownerAgency ?? <span className="muted">No owner</span>}
                  {action.ownerRole ? <div className="muted small">{action.ownerRole}</div> : null}
                </td>
                <td className="nowrap">
                  {action.dueOn ? formatIsoUk(action.dueOn) : <span className="muted">No date</span>}
                  {action.overdue ? <span className="tag overdue">Overdue</span> : null}
                </td>
                <td>{ACTION_STATUS_LABELS[action.status]}</td>
                <td>{action.outcomeMeasure ?? <span className="muted">None</span>}</td>
                <td className="nowrap">
                  {action.evidenceCount}
                  {action.latestEvidenceOn ? `, latest ${formatIsoUk(action.latestEvidenceOn)}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
