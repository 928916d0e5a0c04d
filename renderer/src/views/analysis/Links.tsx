import { useId, useState } from 'react';
import type { AnalysisLink } from '../../../../shared/analysis/model.js';
import type { AnalysisChange } from './analysis-change.js';

export interface Candidate {
  id: string;
  label: string;
}

/**
 * The items one step back along the chain that `to` is linked from, as a checklist:
 * ticking links, unticking unlinks. The same links the diagram draws.
 */
export function LinkedFrom({
  legend,
  to,
  candidates,
  links,
  change,
  empty,
}: {
  legend: string;
  to: string;
  candidates: readonly Candidate[];
  links: readonly AnalysisLink[];
  change: AnalysisChange;
  empty: string;
}) {
  const linked = new Set(links.filter((link) => link.to === to).map((link) => link.from));
  if (candidates.length === 0) return <p className="muted">{empty}</p>;
  return (
    <fieldset className="linked-from">
      <legend>{legend}</legend>
      {candidates.map((candidate) => (
        <label key={candidate.id} className="link-choice">
          <input
            type="checkbox"
            checked={linked.has(candidate.id)}
            onChange={(event) =>
              void change(
                event.target.checked ? 'analysis.link' : 'analysis.unlink',
                { from: candidate.id, to },
                event.target.checked ? 'Linked.' : 'Unlinked.',
              )
            }
          />{' '}
          {candidate.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * A factor's evidence: the chronology entries and key practice episodes linked to it,
 * each with Unlink, and a choice of another to add (a chronology can be long, so a
 * list to pick from rather than a checkbox each).
 */
export function EvidenceLinks({
  to,
  candidates,
  links,
  change,
}: {
  to: string;
  candidates: readonly Candidate[];
  links: readonly AnalysisLink[];
  change: AnalysisChange;
}) {
  const [chosen, setChosen] = useState('');
  const selectId = useId();
  const linked = new Set(links.filter((link) => link.to === to).map((link) => link.from));
  const shown = candidates.filter((candidate) => linked.has(candidate.id));
  const offered = candidates.filter((candidate) => !linked.has(candidate.id));
  return (
    <div className="evidence-links">
      <h4>Evidence</h4>
      {shown.length === 0 ? (
        <p className="muted">No chronology entry or key practice episode linked yet.</p>
      ) : (
        <ul>
          {shown.map((candidate) => (
            <li key={candidate.id}>
              {candidate.label}{' '}
              <button
                type="button"
                className="link"
                onClick={() => void change('analysis.unlink', { from: candidate.id, to }, 'Evidence unlinked.')}
              >
                Unlink<span className="visually-hidden"> {candidate.label}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {offered.length > 0 ? (
        <div className="inline-form">
          <label htmlFor={selectId}>Link evidence</label>
          <select id={selectId} value={chosen} onChange={(event) => setChosen(event.target.value)}>
            <option value="">Choose an entry or episode</option>
            {offered.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="secondary"
            disabled={chosen === ''}
            onClick={async () => {
              if (await change('analysis.link', { from: chosen, to }, 'Evidence linked.')) setChosen('');
            }}
          >
            Link
          </button>
        </div>
      ) : null}
    </div>
  );
}
