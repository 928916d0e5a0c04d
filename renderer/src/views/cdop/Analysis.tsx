import { type FormEvent, useEffect, useId, useState } from 'react';
import type { CdopCaseDetail } from '../../../../shared/api/contract.js';
import {
  MODIFIABLE_OUTCOMES,
  type ModifiableOutcome,
  RECOMMENDATION_LEVELS,
  type RecommendationLevel,
} from '../../../../shared/cdop/case.js';
import { type AnalysisForm, type FormDomain, getForm } from '../../../../shared/cdop/forms/index.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { Checkbox } from '../../components/Checkbox.js';
import { ColumnHeads } from '../../components/ColumnHeads.js';
import { DateField, SelectField, TextField } from '../../components/Field.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pending } from '../../components/Pending.js';
import { Radios } from '../../components/Radios.js';
import { RowButton } from '../../components/RowButton.js';
import { useData } from '../../state/data.js';
import { type Change, useCaseChange } from './case-change.js';
import { cdopPath } from './routes.js';

const LEVEL_LABELS: Record<RecommendationLevel, string> = {
  local: 'Local',
  regional: 'Regional',
  national: 'National',
};

/** The analysis form of a case, driven by the data of the form version the case uses. */
export function Analysis({ id }: { id: string }) {
  const loaded = useData('cdop.case.get', { id });
  const detail = loaded.value;
  // Only to offer a link from the referral: without it, the referral is recorded unlinked.
  const reviews = useData('reviews.list', { archived: 'include' }).value;
  const { change, actionError, status } = useCaseChange();

  if (!detail) {
    return (
      <div className="cdop">
        <PageHeading title="Analysis form">Analysis form</PageHeading>
        <Pending
          data={loaded}
          loading="Loading the analysis form…"
          back={{ href: cdopPath.record(id), label: 'Back to the case' }}
        />
      </div>
    );
  }
  const form = getForm(detail.formVersion);

  return (
    <div className="cdop">
      <PageHeading title={`Analysis: ${detail.reference}`}>Analysis form: case {detail.reference}</PageHeading>
      <p>
        <a href={cdopPath.record(id)}>Back to the case</a> ·{' '}
        <a href={cdopPath.chain(id)}>Findings, recommendations and actions</a>
      </p>
      <p className="form-version">
        Form version: <strong>{form.title}</strong>
        {form.inUse.until ? ' (legacy form)' : ' (current form)'}
      </p>
      <p className="hint save-rule">
        Each part of this form is saved with its own button (Add, Save): nothing is saved until you press it.
      </p>
      <ErrorAlert message={actionError} />
      <StatusMessage message={status} />

      <section aria-labelledby="factors-heading">
        <h2 id="factors-heading">Factors by domain</h2>
        <GradeKey form={form} />
        {form.domains.map((domain) => (
          <DomainFactors key={domain.code} form={form} domain={domain} detail={detail} change={change} />
        ))}
      </section>

      <Outcome form={form} detail={detail} change={change} />
      <Category form={form} detail={detail} change={change} />
      <LearningPoints detail={detail} change={change} />
      <Recommendations detail={detail} change={change} />
      <Referral detail={detail} change={change} reviews={reviews ?? []} />
    </div>
  );
}

function GradeKey({ form }: { form: AnalysisForm }) {
  return (
    <details className="grade-key">
      <summary>What the grades mean on this form</summary>
      <dl>
        {form.grades.map((grade) => (
          <div key={grade.code}>
            <dt>Grade {grade.code}</dt>
            <dd>{grade.label}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function DomainFactors({
  form,
  domain,
  detail,
  change,
}: {
  form: AnalysisForm;
  domain: FormDomain;
  detail: CdopCaseDetail;
  change: Change;
}) {
  const factors = detail.factors.filter((factor) => factor.domain === domain.code);
  const [description, setDescription] = useState('');
  const [grade, setGrade] = useState('');
  const [modifiable, setModifiable] = useState<'' | 'yes' | 'no'>('');
  const [evidence, setEvidence] = useState('');
  const headingId = useId();
  const gradeLabel = (code: string) => form.grades.find((g) => g.code === code)?.label ?? code;
  const ready = description.trim() !== '' && grade !== '' && modifiable !== '';

  async function add(event: FormEvent) {
    event.preventDefault();
    const ok = await change(
      'cdop.factor.add',
      {
        caseId: detail.id,
        domain: domain.code,
        description: description.trim(),
        grade,
        modifiable: modifiable === 'yes',
        evidence: evidence.trim() || null,
      },
      `Factor added to domain ${domain.code}.`,
    );
    if (ok) {
      setDescription('');
      setGrade('');
      setModifiable('');
      setEvidence('');
    }
  }

  return (
    <section className="domain" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Domain {domain.code}: {domain.label}
      </h3>
      {factors.length === 0 ? (
        <p className="muted">No factors recorded in this domain.</p>
      ) : (
        <ul className="factors">
          {factors.map((factor) => (
            <li key={factor.id}>
              <p className="factor-text">{factor.description}</p>
              <p className="factor-meta">
                <span className="tag">Grade {factor.grade}</span> {gradeLabel(factor.grade)}.{' '}
                <strong>{factor.modifiable ? 'Modifiable' : 'Not modifiable'}</strong>
                {factor.evidence ? <> · Evidence: {factor.evidence}</> : null}
              </p>
              <RowButton
                about={`factor: ${factor.description}`}
                onClick={() =>
                  void change('cdop.factor.remove', { id: factor.id }, `Factor removed from domain ${domain.code}.`)
                }
              >
                Remove
              </RowButton>
            </li>
          ))}
        </ul>
      )}
      {/* Folded away until wanted, so four domains' forms do not make the page five screens long. */}
      <details className="add-factor-toggle">
        <summary>Add a factor to domain {domain.code}</summary>
        <form onSubmit={add} className="add-factor" aria-label={`Add a factor to domain ${domain.code}`}>
          <TextField
            label={`New factor in domain ${domain.code}: description`}
            rows={2}
            value={description}
            onChange={setDescription}
          />
          <Radios
            legend="Grade"
            value={grade}
            onChange={setGrade}
            options={form.grades.map((option) => ({ code: option.code, label: `${option.code}: ${option.label}` }))}
          />
          <Radios
            legend="Modifiable"
            value={modifiable}
            onChange={setModifiable}
            options={[
              { code: 'yes', label: 'Yes' },
              { code: 'no', label: 'No' },
            ]}
            inline
          />
          <TextField
            label="Linked evidence (optional)"
            hint="Where the panel found it: report, page, paragraph"
            value={evidence}
            onChange={setEvidence}
          />
          <button type="submit" className="secondary" disabled={!ready}>
            Add factor to domain {domain.code}
          </button>
        </form>
      </details>
    </section>
  );
}

function Outcome({ form, detail, change }: { form: AnalysisForm; detail: CdopCaseDetail; change: Change }) {
  // What the panel has chosen, saved with the button; only a newly saved outcome replaces it.
  const [chosen, setChosen] = useState(detail.modifiable);
  useEffect(() => setChosen(detail.modifiable), [detail.modifiable]);
  function save(event: FormEvent) {
    event.preventDefault();
    void change(
      'cdop.case.setOutcome',
      { id: detail.id, outcome: chosen },
      chosen ? `Outcome recorded: ${form.outcomeLabels[chosen]}.` : 'Outcome cleared.',
    );
  }
  return (
    <section aria-labelledby="outcome-heading" className="panel-section">
      <h2 id="outcome-heading">Modifiable factors: the panel's decision</h2>
      <div className="suggestion" data-testid="suggestion">
        <h3>Suggested from the factors</h3>
        {detail.suggestion ? (
          <p>
            <strong>{form.outcomeLabels[detail.suggestion.outcome]}</strong>: {detail.suggestion.reason}.
          </p>
        ) : (
          <p>No suggestion until a factor is recorded.</p>
        )}
        <p className="hint">{form.outcomeRule} The panel decides; Casebook only suggests.</p>
      </div>
      <form onSubmit={save} aria-label="Outcome recorded by the panel">
        <Radios
          legend="Outcome recorded by the panel"
          value={chosen ?? ''}
          onChange={(outcome: ModifiableOutcome | '') => setChosen(outcome || null)}
          options={MODIFIABLE_OUTCOMES.map((outcome) => ({ code: outcome, label: form.outcomeLabels[outcome] }))}
          empty="Not decided yet"
        />
        <Unsaved changed={chosen !== detail.modifiable} />
        <button type="submit" className="secondary">
          Save outcome
        </button>
      </form>
      {detail.disagreement ? (
        <div className="warning" data-testid="disagreement">
          <p>
            <strong>Warning: the outcome disagrees with the factors.</strong> {detail.disagreement} The panel's choice
            is kept as recorded.
          </p>
        </div>
      ) : null}
    </section>
  );
}

function Category({ form, detail, change }: { form: AnalysisForm; detail: CdopCaseDetail; change: Change }) {
  const saved = detail.category === null ? '' : String(detail.category);
  const [chosen, setChosen] = useState(saved);
  useEffect(() => setChosen(saved), [saved]);
  function save(event: FormEvent) {
    event.preventDefault();
    const category = chosen === '' ? null : Number(chosen);
    void change(
      'cdop.case.setCategory',
      { id: detail.id, category },
      category === null ? 'Category cleared.' : `Category ${category} recorded.`,
    );
  }
  return (
    <section aria-labelledby="category-heading" className="panel-section">
      <h2 id="category-heading">Category of death</h2>
      <form onSubmit={save} aria-label="Category of death">
        <SelectField
          label="Category"
          hint="The panel records the highest category that applies (1 is the highest)."
          value={chosen}
          onChange={setChosen}
          options={form.categories.map((category) => ({
            code: String(category.number),
            label: `${category.number}. ${category.label}`,
          }))}
          empty="Not chosen yet"
        />
        <Unsaved changed={chosen !== saved} />
        <button type="submit" className="secondary">
          Save category
        </button>
      </form>
      {detail.categoryHints.map((hint) => (
        <div key={hint.message} className="hint-box" data-testid="category-hint">
          <p>
            <strong>Check the category:</strong> {hint.message}
          </p>
        </div>
      ))}
    </section>
  );
}

/** Beside a Save button: the choice on screen is not the one saved yet. */
function Unsaved({ changed }: { changed: boolean }) {
  return (
    <p className="unsaved" role="status">
      {changed ? 'Changed: not saved until you press Save.' : null}
    </p>
  );
}

function LearningPoints({ detail, change }: { detail: CdopCaseDetail; change: Change }) {
  const [text, setText] = useState('');
  async function add(event: FormEvent) {
    event.preventDefault();
    if (await change('cdop.learningPoint.add', { caseId: detail.id, text: text.trim() }, 'Learning point added.')) {
      setText('');
    }
  }
  return (
    <section aria-labelledby="learning-heading" className="panel-section learning">
      <h2 id="learning-heading">Learning points</h2>
      <p className="hint">
        Kept separate from the modifiable decision: some learning is not a modifiable factor, and recording it here does
        not change the outcome.
      </p>
      {detail.learningPoints.length === 0 ? (
        <p className="muted">No learning points yet.</p>
      ) : (
        <ul>
          {detail.learningPoints.map((point) => (
            <li key={point.id}>
              {point.text}{' '}
              <RowButton
                about={`learning point: ${point.text}`}
                onClick={() => void change('cdop.learningPoint.remove', { id: point.id }, 'Learning point removed.')}
              >
                Remove
              </RowButton>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} aria-label="Add a learning point">
        <TextField label="New learning point" rows={2} value={text} onChange={setText} />
        <button type="submit" className="secondary" disabled={!text.trim()}>
          Add learning point
        </button>
      </form>
    </section>
  );
}

function Recommendations({ detail, change }: { detail: CdopCaseDetail; change: Change }) {
  const [level, setLevel] = useState<RecommendationLevel>('local');
  const [agency, setAgency] = useState('');
  const [text, setText] = useState('');
  async function add(event: FormEvent) {
    event.preventDefault();
    const ok = await change(
      'cdop.recommendation.add',
      { caseId: detail.id, level, agency: agency.trim(), text: text.trim() },
      'Recommendation added.',
    );
    if (ok) {
      setAgency('');
      setText('');
    }
  }
  return (
    <section aria-labelledby="recommendations-heading" className="panel-section">
      <h2 id="recommendations-heading">Recommendations</h2>
      {detail.recommendations.length === 0 ? (
        <p className="muted">No recommendations yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Recommendations</caption>
            <ColumnHeads columns={['Level', 'Responsible agency', 'Recommendation']} actions />
            <tbody>
              {detail.recommendations.map((item) => (
                <tr key={item.id}>
                  <td>{LEVEL_LABELS[item.level]}</td>
                  <td>{item.agency}</td>
                  <td>{item.text}</td>
                  <td>
                    <RowButton
                      about={`recommendation for ${item.agency}`}
                      onClick={() =>
                        void change('cdop.recommendation.remove', { id: item.id }, 'Recommendation removed.')
                      }
                    >
                      Remove
                    </RowButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={add} aria-label="Add a recommendation">
        <div className="grid-2">
          <SelectField
            label="Level"
            value={level}
            onChange={(value) => setLevel(value || 'local')}
            options={RECOMMENDATION_LEVELS.map((code) => ({ code, label: LEVEL_LABELS[code] }))}
          />
          <TextField label="Responsible agency" value={agency} onChange={setAgency} />
        </div>
        <TextField label="Recommendation" rows={2} value={text} onChange={setText} />
        <button type="submit" className="secondary" disabled={!agency.trim() || !text.trim()}>
          Add recommendation
        </button>
      </form>
    </section>
  );
}

function Referral({
  detail,
  change,
  reviews,
}: {
  detail: CdopCaseDetail;
  change: Change;
  reviews: { id: string; title: string }[];
}) {
  const [referred, setReferred] = useState(detail.referral.referred);
  const [referredOn, setReferredOn] = useState(detail.referral.referredOn ?? '');
  const [reviewId, setReviewId] = useState(detail.referral.reviewId ?? '');
  async function save(event: FormEvent) {
    event.preventDefault();
    await change(
      'cdop.case.setReferral',
      {
        id: detail.id,
        referred,
        referredOn: referred && referredOn ? referredOn : null,
        reviewId: referred && reviewId ? reviewId : null,
      },
      referred ? 'Referral recorded.' : 'No referral recorded.',
    );
  }
  return (
    <section aria-labelledby="referral-heading" className="panel-section">
      <h2 id="referral-heading">Referral for a safeguarding practice review</h2>
      <form onSubmit={save} aria-label="Referral for a safeguarding practice review">
        <Checkbox
          label="Referred for a safeguarding practice review (a serious case review before 2018)"
          checked={referred}
          onChange={setReferred}
        />
        {referred ? (
          <div className="grid-2">
            <DateField label="Referred on (optional)" value={referredOn} onChange={setReferredOn} />
            <SelectField
              label="Linked review in Casebook (optional)"
              value={reviewId}
              onChange={setReviewId}
              options={reviews.map((review) => ({ code: review.id, label: review.title }))}
              empty="Not linked"
            />
          </div>
        ) : null}
        <button type="submit" className="secondary">
          Save referral
        </button>
      </form>
    </section>
  );
}
