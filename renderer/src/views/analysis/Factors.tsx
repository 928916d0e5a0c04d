import { type FormEvent, useState } from 'react';
import type { Analysis, AnalysisOwner, Factor } from '../../../../shared/analysis/model.js';
import { DEFAULT_FACTOR_LEVELS, FACTOR_LEVELS, labelOf } from '../../../../shared/analysis/taxonomy/index.js';
import { getForm } from '../../../../shared/cdop/forms/index.js';
import { Checkbox } from '../../components/Checkbox.js';
import { SelectField, TextField } from '../../components/Field.js';
import { AddItem } from './AddItem.js';
import type { AnalysisChange } from './analysis-change.js';
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
  return (
    <section aria-labelledby="factors-heading" className="analysis-section">
      <h2 id="factors-heading">Contributory factors</h2>
      {analysis.factors.length === 0 ? <p className="muted">No contributory factors yet.</p> : null}
      <ul className="items">
        {analysis.factors.map((factor) => (
          <li key={factor.id} id={`item-${factor.id}`} tabIndex={-1} className="item">
            <FactorCard
              owner={analysis.owner}
              factor={factor}
              formVersion={formVersion}
              change={change}
              evidence={
                analysis.owner.kind === 'review' ? (
                  <EvidenceLinks to={factor.id} candidates={evidence} links={analysis.links} change={change} />
                ) : null
              }
            />
          </li>
        ))}
      </ul>
      <AddItem summary="Add a contributory factor">
        <FactorForm owner={analysis.owner} formVersion={formVersion} change={change} />
      </AddItem>
    </section>
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

function FactorCard({
  owner,
  factor,
  formVersion,
  change,
  evidence,
}: {
  owner: AnalysisOwner;
  factor: Factor;
  formVersion: string | null;
  change: AnalysisChange;
  evidence: React.ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <FactorForm
        owner={owner}
        formVersion={formVersion}
        change={change}
        factor={factor}
        done={() => setEditing(false)}
      />
    );
  }
  return (
    <>
      <p className="item-title">{factor.description}</p>
      <p className="item-meta">
        {classification(factor, formVersion) || 'Not classified'} ·{' '}
        {factor.modifiable ? 'Modifiable' : 'Not modifiable'}
        {factor.agencies.length > 0 ? ` · ${factor.agencies.join(', ')}` : ''}
      </p>
      {factor.note ? <p className="item-meta">Found in: {factor.note}</p> : null}
      {evidence}
      <div className="row-buttons">
        <button type="button" className="link" onClick={() => setEditing(true)}>
          Edit<span className="visually-hidden"> factor {factor.description}</span>
        </button>
        <button
          type="button"
          className="link"
          onClick={() => void change('analysis.remove', { id: factor.id }, 'Factor removed.')}
        >
          Remove<span className="visually-hidden"> factor {factor.description}</span>
        </button>
      </div>
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
      <div className="row-buttons">
        <button type="submit" className="secondary" disabled={!description.trim()}>
          {factor ? 'Save factor' : 'Add factor'}
        </button>
        {done ? (
          <button type="button" className="link" onClick={done}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
