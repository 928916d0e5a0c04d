import { type FormEvent, useId, useState } from 'react';
import type { Addressee, Analysis, AnalysisOwner } from '../../../../../shared/analysis/model.js';
import { COLUMN_TITLES } from '../../../../../shared/diagram/graph.js';
import type { AnalysisChange } from '../analysis-change.js';
import type { Candidate } from '../Links.js';
import type { CreateRequest } from './Diagram.js';

/** The id in `after` that `before` did not have: the item a create just added. */
function added(before: readonly { id: string }[], after: readonly { id: string }[]): string | null {
  const known = new Set(before.map((item) => item.id));
  return after.find((item) => !known.has(item.id))?.id ?? null;
}

/**
 * A new item from the diagram, with the fewest words it needs (the rest is
 * filled in on the forms): a factor's description, a finding, a recommendation
 * and whom it is for, an action. Evidence is not made here but chosen from the
 * chronology entries and key practice episodes.
 */
export function NewItem({
  owner,
  request,
  fromTitle,
  analysis,
  evidence,
  change,
  onCreated,
  onCancel,
}: {
  owner: AnalysisOwner;
  request: CreateRequest;
  fromTitle: string | null;
  analysis: Analysis;
  evidence: readonly Candidate[];
  change: AnalysisChange;
  /** The new (or chosen) item's id, and whether it is already linked to the item it came from. */
  onCreated: (id: string, linked: boolean) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const [modifiable, setModifiable] = useState(false);
  const [addressee, setAddressee] = useState<Addressee>('board');
  const [agency, setAgency] = useState('');
  const textId = useId();
  const { column } = request;
  const noun = column === 'evidence' ? 'evidence' : COLUMN_TITLES[column].toLowerCase().replace(/s$/, '');
  const linkedEvidence = new Set(analysis.links.filter((l) => l.to === request.from).map((l) => l.from));

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const words = text.trim();
    if (!words) return;
    if (column === 'evidence') {
      onCreated(words, false);
      return;
    }
    const fromRecommendation = analysis.recommendations.some((r) => r.id === request.from);
    let after: Analysis | null = null;
    if (column === 'factor') {
      after = await change('analysis.factor.create', { owner, description: words, modifiable }, 'Factor added.');
      if (after) {
        const id = added(analysis.factors, after.factors);
        if (id) onCreated(id, false);
      }
    } else if (column === 'finding') {
      after = await change('analysis.finding.create', { owner, title: words }, 'Finding added.');
      const id = after && added(analysis.findings, after.findings);
      if (id) onCreated(id, false);
    } else if (column === 'recommendation') {
      after = await change(
        'analysis.recommendation.create',
        { owner, text: words, addressee, agency: addressee === 'agency' ? agency.trim() || null : null },
        'Recommendation added.',
      );
      const id = after && added(analysis.recommendations, after.recommendations);
      if (id) onCreated(id, false);
    } else {
      after = await change(
        'analysis.action.create',
        { owner, text: words, ...(fromRecommendation ? { recommendationId: request.from } : {}) },
        'Action added.',
      );
      const id = after && added(analysis.actions, after.actions);
      if (id) onCreated(id, fromRecommendation);
    }
  }

  return (
    <form className="diagram-new-item" onSubmit={(event) => void submit(event)}>
      <h4>
        New {noun}
        {fromTitle ? ` linked to “${fromTitle}”` : ''}
      </h4>
      {column === 'evidence' ? (
        <>
          <label htmlFor={textId}>Chronology entry or key practice episode</label>
          <select id={textId} value={text} onChange={(event) => setText(event.target.value)}>
            <option value="">Choose an entry or episode</option>
            {evidence
              .filter((candidate) => !linkedEvidence.has(candidate.id))
              .map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.label}
                </option>
              ))}
          </select>
        </>
      ) : (
        <>
          <label htmlFor={textId}>{column === 'factor' ? 'Description' : 'In a sentence'}</label>
          <input id={textId} type="text" value={text} onChange={(event) => setText(event.target.value)} />
        </>
      )}
      {column === 'factor' ? (
        <label>
          <input type="checkbox" checked={modifiable} onChange={(event) => setModifiable(event.target.checked)} />{' '}
          Modifiable
        </label>
      ) : null}
      {column === 'recommendation' ? (
        <fieldset>
          <legend>For</legend>
          <label>
            <input type="radio" checked={addressee === 'board'} onChange={() => setAddressee('board')} /> The board
          </label>
          <label>
            <input type="radio" checked={addressee === 'agency'} onChange={() => setAddressee('agency')} /> An agency
          </label>
          {addressee === 'agency' ? (
            <label>
              Agency <input type="text" value={agency} onChange={(event) => setAgency(event.target.value)} />
            </label>
          ) : null}
        </fieldset>
      ) : null}
      <div className="diagram-new-item-buttons">
        <button type="submit" disabled={!text.trim()}>
          {column === 'evidence' ? 'Link' : 'Add'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
