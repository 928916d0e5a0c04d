import { type FormEvent, useState } from 'react';
import type { Analysis, AnalysisOwner, Finding } from '../../../../shared/analysis/model.js';
import { DEFAULT_FINDING_PATTERNS, FINDING_PATTERNS, labelOf } from '../../../../shared/analysis/taxonomy/index.js';
import { SelectField, TextField } from '../../components/Field.js';
import type { AnalysisChange } from './analysis-change.js';
import { ChainSection, EditableItem, FormButtons } from './ChainSection.js';
import { LinkedFrom } from './Links.js';

/** The SCIE form of a finding, in its order. */
const SCIE_PARTS = [
  { key: 'inThisCase', label: 'How it showed in this case' },
  { key: 'widerEvidence', label: 'Evidence that it is wider than this case' },
  { key: 'whyItMatters', label: 'Why it matters' },
  { key: 'boardQuestions', label: 'Questions for the board' },
] as const;
type Part = (typeof SCIE_PARTS)[number]['key'];

export function Findings({ analysis, change }: { analysis: Analysis; change: AnalysisChange }) {
  const factors = analysis.factors.map((factor) => ({ id: factor.id, label: factor.description }));
  const { owner } = analysis;
  return (
    <ChainSection
      id="findings"
      title="Findings"
      empty="No findings yet."
      items={analysis.findings}
      add={{ summary: 'Add a finding', form: <FindingForm owner={owner} change={change} /> }}
    >
      {(finding) => (
        <>
          <EditableItem
            id={finding.id}
            about={`finding ${finding.title}`}
            removed="Finding removed."
            change={change}
            view={<FindingView finding={finding} />}
            form={(done) => <FindingForm owner={owner} change={change} finding={finding} done={done} />}
          />
          <LinkedFrom
            legend="Supported by the factors"
            to={finding.id}
            candidates={factors}
            links={analysis.links}
            change={change}
            empty="Add a contributory factor to support this finding."
          />
        </>
      )}
    </ChainSection>
  );
}

function FindingView({ finding }: { finding: Finding }) {
  return (
    <>
      <p className="item-title">{finding.title}</p>
      {finding.pattern ? (
        <p className="item-meta">Pattern: {labelOf(FINDING_PATTERNS, finding.taxonomy, finding.pattern)}</p>
      ) : null}
      <dl className="scie">
        {SCIE_PARTS.filter((part) => finding[part.key]).map((part) => (
          <div key={part.key}>
            <dt>{part.label}</dt>
            <dd>{finding[part.key]}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function FindingForm({
  owner,
  change,
  finding,
  done,
}: {
  owner: AnalysisOwner;
  change: AnalysisChange;
  finding?: Finding;
  done?: () => void;
}) {
  const [title, setTitle] = useState(finding?.title ?? '');
  const [pattern, setPattern] = useState(finding?.pattern ?? '');
  const [parts, setParts] = useState<Record<Part, string>>({
    inThisCase: finding?.inThisCase ?? '',
    widerEvidence: finding?.widerEvidence ?? '',
    whyItMatters: finding?.whyItMatters ?? '',
    boardQuestions: finding?.boardQuestions ?? '',
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = { title, pattern: pattern || null, ...parts };
    const ok = finding
      ? await change('analysis.finding.update', { id: finding.id, ...fields }, 'Finding saved.')
      : await change('analysis.finding.create', { owner, ...fields }, 'Finding added.');
    if (ok && !finding) {
      setTitle('');
      setPattern('');
      setParts({ inThisCase: '', widerEvidence: '', whyItMatters: '', boardQuestions: '' });
    }
    if (ok) done?.();
  }

  return (
    <form className="item-form" onSubmit={submit} aria-label={finding ? 'Edit finding' : 'Add a finding'}>
      <TextField label="Finding" value={title} onChange={setTitle} />
      <SelectField
        label="Underlying pattern (SCIE)"
        value={pattern}
        onChange={setPattern}
        empty="Choose a pattern"
        options={DEFAULT_FINDING_PATTERNS.labels.map((label) => ({
          code: label.code,
          label: label.status === 'verify' ? `${label.label} (wording to be checked)` : label.label,
        }))}
      />
      {SCIE_PARTS.map((part) => (
        <TextField
          key={part.key}
          label={part.label}
          value={parts[part.key]}
          onChange={(value) => setParts((current) => ({ ...current, [part.key]: value }))}
          rows={2}
        />
      ))}
      <FormButtons label={finding ? 'Save finding' : 'Add finding'} disabled={!title.trim()} done={done} />
    </form>
  );
}
