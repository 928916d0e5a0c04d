import './analysis.css';
import { useState } from 'react';
import type { AnalysisOwner } from '../../../../shared/analysis/model.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { Pending } from '../../components/Pending.js';
import { useData } from '../../state/data.js';
import { Actions } from './Actions.js';
import { useAnalysisChange } from './analysis-change.js';
import { AnalysisDiagram } from './diagram/AnalysisDiagram.js';
import { Episodes } from './Episodes.js';
import { Factors } from './Factors.js';
import { Findings } from './Findings.js';
import type { Candidate } from './Links.js';
import { Recommendations } from './Recommendations.js';
import { TraceCheck } from './TraceCheck.js';

/**
 * The modifiable-factor analysis of a review or a child death, as forms along the
 * chain: evidence -> contributory factors -> findings -> recommendations -> actions.
 * One view for both; a child death classifies its factors by its form's domains and
 * grades (`formVersion`) and has no chronology.
 */
export function AnalysisView({ owner, formVersion = null }: { owner: AnalysisOwner; formVersion?: string | null }) {
  const loaded = useData('analysis.get', { owner });
  const chronology = useData(
    'chronology.list',
    owner.kind === 'review' ? { reviewId: owner.id, limit: 5000 } : null,
  ).value;
  const { change, error, status } = useAnalysisChange(owner);
  // One model, two views: the forms and the diagram read and change the same analysis.
  const [view, setView] = useState<'forms' | 'diagram'>('forms');
  const analysis = loaded.value;
  if (!analysis) return <Pending data={loaded} loading="Loading the analysis…" />;

  const evidence: Candidate[] = [
    ...analysis.episodes.map((episode) => ({ id: episode.id, label: `Episode: ${episode.title}` })),
    ...(chronology?.entries ?? []).map((entry) => ({
      id: entry.id,
      label: `${entry.date.display} ${entry.agency.name}: ${entry.event.length > 80 ? `${entry.event.slice(0, 80)}…` : entry.event}`,
    })),
  ];

  return (
    <div className="analysis">
      <div className="analysis-messages">
        <ErrorAlert message={error} />
        <StatusMessage message={status} />
      </div>
      <TraceCheck owner={owner} />
      <fieldset className="analysis-views">
        <legend className="visually-hidden">Show the analysis as</legend>
        <button type="button" className="secondary" aria-pressed={view === 'forms'} onClick={() => setView('forms')}>
          Forms
        </button>
        <button
          type="button"
          className="secondary"
          aria-pressed={view === 'diagram'}
          onClick={() => setView('diagram')}
        >
          Diagram
        </button>
      </fieldset>
      {view === 'diagram' ? (
        <AnalysisDiagram owner={owner} analysis={analysis} evidence={evidence} change={change} />
      ) : (
        <>
          {owner.kind === 'review' ? <Episodes analysis={analysis} change={change} /> : null}
          <Factors analysis={analysis} formVersion={formVersion} evidence={evidence} change={change} />
          <Findings analysis={analysis} change={change} />
          <Recommendations analysis={analysis} change={change} />
          <Actions analysis={analysis} change={change} />
        </>
      )}
    </div>
  );
}
