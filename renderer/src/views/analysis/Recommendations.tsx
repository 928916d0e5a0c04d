import { type FormEvent, useState } from 'react';
import type { Addressee, Analysis, AnalysisOwner, Recommendation } from '../../../../shared/analysis/model.js';
import { RECOMMENDATION_LEVELS, type RecommendationLevel } from '../../../../shared/cdop/case.js';
import { SelectField, TextField } from '../../components/Field.js';
import { Radios } from '../../components/Radios.js';
import type { AnalysisChange } from './analysis-change.js';
import { ChainSection, EditableItem, FormButtons } from './ChainSection.js';
import { LinkedFrom } from './Links.js';

const LEVEL_LABELS: Record<RecommendationLevel, string> = {
  local: 'Local',
  regional: 'Regional',
  national: 'National',
};

export function addressedTo(recommendation: Recommendation): string {
  return recommendation.addressee === 'board' ? 'The board' : (recommendation.agency ?? '');
}

export function Recommendations({ analysis, change }: { analysis: Analysis; change: AnalysisChange }) {
  const findings = analysis.findings.map((finding) => ({ id: finding.id, label: finding.title }));
  const { owner } = analysis;
  return (
    <ChainSection
      id="recommendations"
      title="Recommendations"
      empty="No recommendations yet."
      items={analysis.recommendations}
      add={{ summary: 'Add a recommendation', form: <RecommendationForm owner={owner} change={change} /> }}
    >
      {(recommendation) => (
        <>
          <EditableItem
            id={recommendation.id}
            about={`recommendation ${recommendation.text}`}
            removed="Recommendation removed."
            change={change}
            view={
              <>
                <p className="item-title">{recommendation.text}</p>
                <p className="item-meta">
                  To: {addressedTo(recommendation)}
                  {recommendation.level ? ` · ${LEVEL_LABELS[recommendation.level]}` : ''}
                </p>
              </>
            }
            form={(done) => (
              <RecommendationForm owner={owner} change={change} recommendation={recommendation} done={done} />
            )}
          />
          <LinkedFrom
            legend="From the findings"
            to={recommendation.id}
            candidates={findings}
            links={analysis.links}
            change={change}
            empty="Add a finding for this recommendation to follow from."
          />
        </>
      )}
    </ChainSection>
  );
}

function RecommendationForm({
  owner,
  change,
  recommendation,
  done,
}: {
  owner: AnalysisOwner;
  change: AnalysisChange;
  recommendation?: Recommendation;
  done?: () => void;
}) {
  const [text, setText] = useState(recommendation?.text ?? '');
  const [addressee, setAddressee] = useState<Addressee>(recommendation?.addressee ?? 'agency');
  const [agency, setAgency] = useState(recommendation?.agency ?? '');
  const [level, setLevel] = useState<RecommendationLevel | ''>(recommendation?.level ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = { text, addressee, agency: addressee === 'agency' ? agency : '', level: level || null };
    const ok = recommendation
      ? await change('analysis.recommendation.update', { id: recommendation.id, ...fields }, 'Recommendation saved.')
      : await change('analysis.recommendation.create', { owner, ...fields }, 'Recommendation added.');
    if (ok && !recommendation) {
      setText('');
      setAgency('');
      setLevel('');
    }
    if (ok) done?.();
  }

  return (
    <form
      className="item-form"
      onSubmit={submit}
      aria-label={recommendation ? 'Edit recommendation' : 'Add a recommendation'}
    >
      <TextField label="Recommendation" value={text} onChange={setText} rows={2} />
      <Radios
        legend="Addressed to"
        inline
        value={addressee}
        onChange={(value) => setAddressee(value || 'agency')}
        options={[
          { code: 'agency', label: 'An agency' },
          { code: 'board', label: 'The board' },
        ]}
      />
      {addressee === 'agency' ? <TextField label="Agency" value={agency} onChange={setAgency} /> : null}
      {owner.kind === 'cdop-case' ? (
        <SelectField
          label="Level"
          value={level}
          onChange={setLevel}
          empty="Not recorded"
          options={RECOMMENDATION_LEVELS.map((code) => ({ code, label: LEVEL_LABELS[code] }))}
        />
      ) : null}
      <FormButtons
        label={recommendation ? 'Save recommendation' : 'Add recommendation'}
        disabled={!text.trim()}
        done={done}
      />
    </form>
  );
}
