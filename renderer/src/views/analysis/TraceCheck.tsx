import { useState } from 'react';
import { PROBLEM_LABELS } from '../../../../shared/analysis/check.js';
import type { AnalysisOwner } from '../../../../shared/analysis/model.js';
import { useData } from '../../state/data.js';

/** Brings an item into view and moves focus to it, so the reviewer lands on what needs fixing. */
function goTo(id: string) {
  const item = document.getElementById(`item-${id}`);
  item?.scrollIntoView({ block: 'center' });
  item?.focus();
}

/** The traceability check, run on request; each gap opens its item. */
export function TraceCheck({ owner }: { owner: AnalysisOwner }) {
  const [asked, setAsked] = useState(false);
  const check = useData('analysis.check', asked ? { owner } : null);
  return (
    <section aria-labelledby="check-heading" className="analysis-section trace-check">
      <h2 id="check-heading">Traceability check</h2>
      <p className="hint">
        Before drafting: findings without evidence, recommendations without a finding, actions without an owner, date or
        outcome measure, and key practice episodes without entries.
      </p>
      <button type="button" className="secondary" onClick={() => (asked ? void check.reload() : setAsked(true))}>
        Run the check
      </button>
      {check.error ? <p role="alert">{check.error}</p> : null}
      {check.value ? (
        <div role="status">
          {check.value.length === 0 ? (
            <p>No gaps: the chain is complete.</p>
          ) : (
            <>
              <p>
                {check.value.length} {check.value.length === 1 ? 'gap' : 'gaps'} to close:
              </p>
              <ul className="problems">
                {check.value.map((problem) => (
                  <li key={`${problem.kind} ${problem.id}`}>
                    {PROBLEM_LABELS[problem.kind]}:{' '}
                    <button type="button" className="link" onClick={() => goTo(problem.id)}>
                      {problem.title}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
