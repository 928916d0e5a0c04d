import { type FormEvent, useState } from 'react';
import type { Analysis, AnalysisOwner, Factor } from '../../../../shared/analysis/model.js';
import { DEFAULT_FACTOR_LEVELS, FACTOR_LEVELS, labelOf } from '../../../../shared/analysis/taxonomy/index.js';
import { getForm } from '../../../../shared/cdop/forms/index.js';
import { Checkbox } from '../../components/Checkbox.js';
import { SelectField, TextField } from '../../components/Field.js';
import type { AnalysisChange } from './analysis-change.js';
import { ChainSection, EditableItem, FormButtons } from './ChainSection.js';
import { type Candidate, EvidenceLinks } from './Links.js';

/** A review's factors take a London Protocol level; a child death's its form's domain and grade. */
export function Factors({
  analysis,
  formVersion,
  evidence,
  change,
}: {
  analysis: Analysis;
  /** The child death's form version; null for a review. */
  formVersion: string | null;
  evidence: readonly Candidate[];
  change: AnalysisChange;
}) {
  const { owner } = analysis;
  return (
    <ChainSection
      id="factors"
      title="Contributory factors"
      empty="No contributory factors yet."
      items={analysis.factors}
      add={{
        summary: 'Add a contributory factor',
        form: <FactorForm owner={owner} formVersion={formVersion} change={change} />,
      }}
    >
      {(factor) => (
        <>
          <EditableItem
            id={factor.id}
            about={`factor ${factor.description}`}
            removed="Factor removed."
            change={change}
            view={<FactorView factor={factor} formVersion={formVersion} />}
            form={(done) => (
              <FactorForm owner={owner} formVersion={formVersion} change={change} factor={factor} done={done} />
            )}
          />
          {owner.kind === 'review' ? (
            <EvidenceLinks to={factor.id} candidates={evidence} links={analysis.links} change={change} />
          ) : null}
        </>
      )}
    </ChainSection>
  );
}

function classification(factor: Factor, formVersion: string | null): string {
  const parts: string[] = [];
  if (formVersion !== null && factor.domain !== null) {
    const form = getForm(formVersion);
    parts.push(`Domain ${factor.domain}: ${form.domains.find((domain) => domain.code === factor.domain)?.label ?? ''}`);
    parts.push(`grade ${factor.grade}`);
  }
  if (factor.level !== null) parts.push(labelOf(FACTOR_LEVELS, factor.taxonomy, factor.level));
  return parts.join(', ');
}

function FactorView({ factor, formVersion }: { factor: Factor; formVersion: string | null }) {
  return (
    <>
      <p className="item-title">{factor.description}</p>
      <p className="item-meta">
        {classification(factor, formVersion) || 'Not classified'} ·{' '}
        {factor.modifiable ? 'Modifiable' : 'Not modifiable'}
        {factor.agencies.length > 0 ? ` · ${factor.agencies.join(', ')}` : ''}
      </p>
      {factor.note ? <p className="item-meta">Found in: {factor.note}</p> : null}
    </>
  );
}

function FactorForm({
  owner,
  formVersion,
  change,
  factor,
  done,
}: {
  owner: AnalysisOwner;
  formVersion: string | null;
  change: AnalysisChange;
  factor?: Factor;
  done?: () => void;
}) {
  const form = formVersion === null ? null : getForm(formVersion);
  const [description, setDescription] = useState(factor?.description ?? '');
  const [level, setLevel] = useState(factor?.level ?? '');
  const [domain, setDomain] = useState(factor?.domain ?? '');
  const [grade, setGrade] = useState(factor?.grade ?? '');
  const [modifiable, setModifiable] = useState(factor?.modifiable ?? false);
  const [agencies, setAgencies] = useState(factor?.agencies.join(', ') ?? '');
  const [note, setNote] = useState(factor?.note ?? '');
  const levels = DEFAULT_FACTOR_LEVELS.labels.map((label) => ({ code: label.code, label: label.label }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = {
      description,
      level: level || null,
      modifiable,
      agencies: agencies
        .split(',')
        .map((agency) => agency.trim())
        .filter(Boolean),
      note,
      ...(form ? { domain: domain || null, grade: grade || null } : {}),
    };
    const ok = factor
      ? await change('analysis.factor.update', { id: factor.id, ...fields }, 'Factor saved.')
      : await change('analysis.factor.create', { owner, ...fields }, 'Factor added.');
    if (ok && !factor) {
      setDescription('');
      setLevel('');
      setDomain('');
      setGrade('');
      setModifiable(false);
      setAgencies('');
      setNote('');
    }
    if (ok) done?.();
  }

  return (
    <form className="item-form" onSubmit={submit} aria-label={factor ? 'Edit factor' : 'Add a contributory factor'}>
      <TextField label="Factor" value={description} onChange={setDescription} rows={2} />
      {form ? (
        <div className="field-row">
          <SelectField
            label="Domain"
            value={domain}
            onChange={setDomain}
            empty="Choose a domain"
            options={form.domains.map((item) => ({ code: item.code, label: `${item.code}: ${item.label}` }))}
          />
          <SelectField
            label="Grade"
            value={grade}
            onChange={setGrade}
            empty="Choose a grade"
            options={form.grades.map((item) => ({ code: item.code, label: `${item.code}: ${item.label}` }))}
          />
        </div>
      ) : null}
      <SelectField
        label={`Level (${DEFAULT_FACTOR_LEVELS.title})`}
        value={level}
        onChange={setLevel}
        empty={form ? 'No level' : 'Choose a level'}
        options={levels}
      />
      <Checkbox label="Modifiable" checked={modifiable} onChange={setModifiable} />
      <TextField
        label="Agencies concerned"
        hint="Separate agencies with commas"
        value={agencies}
        onChange={setAgencies}
      />
      {form ? <TextField label="Where it was found (report, page)" value={note} onChange={setNote} /> : null}
      <FormButtons label={factor ? 'Save factor' : 'Add factor'} disabled={!description.trim()} done={done} />
    </form>
  );
}
