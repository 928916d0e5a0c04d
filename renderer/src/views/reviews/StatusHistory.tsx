import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { CriteriaCheck, Review, StatusStep } from '../../../../shared/api/contract.js';
import {
  CRITERIA_FRAMEWORKS,
  CRITERIA_OUTCOME_LABELS,
  CRITERIA_QUESTIONS,
  type CriteriaAnswer,
  type CriteriaAnswers,
  type CriteriaFramework,
  type CriteriaQuestionKey,
  decisionCaution,
  REVIEW_DECISIONS,
  type ReviewDecision,
  type ReviewStatus,
  stepRequirements,
} from '../../../../shared/reviews/index.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { DateField, Field, FieldError } from '../../components/Field.js';
import { focusFirstInvalid, formProblems, NO_PROBLEMS, summary, withoutField } from '../../components/problems.js';
import { ukDateProblem } from '../../components/UkDateInput.js';
import { formatDate, formatDateLong, formatDay, todayIso } from '../../format.js';
import { useChange, useData } from '../../state/data.js';

const ANSWER_OPTIONS: { value: CriteriaAnswer; label: string }[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-known', label: 'Not known' },
];

const ANSWER_LABELS: Record<CriteriaAnswer, string> = { yes: 'Yes', no: 'No', 'not-known': 'Not known' };

/** The questions the review's criteria ask, in order. */
function questionsOf(framework: CriteriaFramework) {
  const keys: readonly CriteriaQuestionKey[] = CRITERIA_FRAMEWORKS[framework].questions;
  return CRITERIA_QUESTIONS.filter((question) => keys.includes(question.key));
}

const FRAMEWORK_HINTS: Record<CriteriaFramework, string> = {
  '2015':
    'Working Together 2015: a Serious Case Review must be held if abuse or neglect is known or suspected, and the child has died, or has been seriously harmed with cause for concern about how agencies worked together; and always when a child dies in custody, in a secure setting or while detained under the Mental Health Act.',
  '2018':
    'Working Together 2018 and 2023: a serious child safeguarding case is one where abuse or neglect is known or suspected and the child has died or been seriously harmed. It is notified to the national panel and gets a rapid review.',
};

export function StatusHistory({ review }: { review: Review }) {
  const historyId = useId();
  const [recorded, setRecorded] = useState<string | null>(null);
  return (
    <>
      <section aria-labelledby={historyId}>
        <h2 id={historyId}>Status history</h2>
        {review.statusHistory.length === 0 ? (
          <p className="muted">No steps recorded yet. Record the referral, or the start of a commissioned review.</p>
        ) : (
          <ol className="timeline">
            {review.statusHistory.map((step) => (
              <Step key={step.id} step={step} framework={review.criteriaFramework} />
            ))}
          </ol>
        )}
      </section>
      <StatusMessage message={recorded} />
      {review.archived ? (
        <p className="muted">This review is archived: restore it to record further steps.</p>
      ) : review.nextStatuses.length === 0 ? (
        <p className="muted">
          {review.status === 'published'
            ? 'The review is published: the process is complete.'
            : 'The Chair decided on no review: the process has ended.'}
        </p>
      ) : (
        // Re-created for each new step, so it starts empty again.
        <RecordStep key={`${review.statusHistory.length}`} review={review} onRecorded={setRecorded} />
      )}
    </>
  );
}

function Step({ step, framework }: { step: StatusStep; framework: CriteriaFramework }) {
  return (
    <li className="timeline-step">
      <h3>
        <span className="step-date">{formatDate(step.date)}</span> {step.statusLabel}
      </h3>
      {step.caution ? (
        <p className="caution">
          <strong>Caution:</strong> {step.caution}
        </p>
      ) : null}
      <dl className="step-details">
        {step.decisionLabel ? (
          <div>
            <dt>Decision</dt>
            <dd>{step.decisionLabel}</dd>
          </div>
        ) : null}
        {step.rationale ? (
          <div>
            <dt>Rationale</dt>
            <dd className="prewrap">{step.rationale}</dd>
          </div>
        ) : null}
        {step.criteria ? (
          <div>
            <dt>{CRITERIA_FRAMEWORKS[framework].label}</dt>
            <dd>
              <p className="criteria-outcome-line">
                <strong>{CRITERIA_OUTCOME_LABELS[step.criteria.outcome]}.</strong> {step.criteria.explanation}
              </p>
              <ul className="criteria-answers">
                {CRITERIA_QUESTIONS.filter((question) => step.criteria?.answers[question.key] !== undefined).map(
                  (question) => (
                    <li key={question.key}>
                      {question.question}{' '}
                      <strong>{ANSWER_LABELS[step.criteria?.answers[question.key] ?? 'not-known']}</strong>
                    </li>
                  ),
                )}
              </ul>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Recorded by</dt>
          <dd>
            {step.recordedBy} on {formatDay(step.recordedAt)}
          </dd>
        </div>
      </dl>
    </li>
  );
}

const FIELDS = ['status', 'date', 'decision', 'rationale', 'criteria'] as const;

function RecordStep({ review, onRecorded }: { review: Review; onRecorded: (message: string | null) => void }) {
  const headingId = useId();
  const statusName = useId();
  const decisionName = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [status, setStatus] = useState<ReviewStatus | ''>(review.nextStatuses[0]?.status ?? '');
  /** ISO, or the text as typed while it is not a date (UkDateInput). */
  const [date, setDate] = useState(todayIso);
  const [answers, setAnswers] = useState<Partial<CriteriaAnswers>>({});
  const [decision, setDecision] = useState<ReviewDecision | ''>('');
  const [rationale, setRationale] = useState('');
  const [problems, setProblems] = useState(NO_PROBLEMS);
  const { run, busy } = useChange();
  const clear = (field: (typeof FIELDS)[number]) => setProblems((current) => withoutField(current, field));
  const needs = status ? stepRequirements(status) : { decision: false, rationaleRequired: false, criteria: false };
  const framework = review.criteriaFramework;
  const check = useCriteriaCheck(answers, framework, needs.criteria);
  const caution = needs.decision && decision ? decisionCaution(decision, check?.outcome ?? null) : null;
  const decisionLegend = status === 'subgroup-considered' ? "The sub-group's recommendation" : "The Chair's decision";

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !status) return;
    const local: Record<string, string> = {};
    const dateProblem = date.trim() === '' ? 'Enter the date of this step as dd/mm/yyyy.' : ukDateProblem(date);
    if (dateProblem) local.date = dateProblem;
    if (needs.criteria && questionsOf(framework).some((question) => !answers[question.key])) {
      local.criteria = 'Answer every question: choose "Not known" where it is not yet known.';
    }
    if (needs.decision && !decision) local.decision = `Choose ${decisionLegend.toLowerCase()}.`;
    if (needs.rationaleRequired && !rationale.trim()) local.rationale = 'Give the rationale for this decision.';
    if (Object.keys(local).length > 0) {
      setProblems({ fields: local, other: null });
      focusFirstInvalid(formRef.current);
      return;
    }
    setProblems(NO_PROBLEMS);
    const label = review.nextStatuses.find((next) => next.status === status)?.label ?? status;
    onRecorded(null);
    const outcome = await run(
      'reviews.recordStatus',
      {
        reviewId: review.id,
        status,
        date,
        decision: needs.decision && decision ? decision : null,
        rationale: rationale.trim() || null,
        criteria: needs.criteria ? (answers as CriteriaAnswers) : null,
      },
      { refresh: ['reviews.'] },
    );
    if (outcome.ok) {
      onRecorded(`Recorded: ${label}.`);
    } else {
      setProblems(formProblems(outcome.error, FIELDS));
      focusFirstInvalid(formRef.current);
    }
  }

  return (
    <section aria-labelledby={headingId} className="record-step">
      <h2 id={headingId}>Record the next step</h2>
      <form ref={formRef} onSubmit={submit} noValidate>
        <fieldset className="field">
          <legend>Next step</legend>
          {problems.fields.status ? <FieldError id={undefined} message={problems.fields.status} /> : null}
          <div className="radios">
            {review.nextStatuses.map((next) => (
              <label key={next.status} className="radio">
                <input
                  type="radio"
                  name={statusName}
                  value={next.status}
                  checked={status === next.status}
                  onChange={() => {
                    setStatus(next.status);
                    setProblems(NO_PROBLEMS);
                  }}
                />
                <span>{next.label}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <DateField
          label="Date of this step"
          hint={`dd/mm/yyyy: when it happened, not when it is recorded.${
            ukDateProblem(date) || !date ? '' : ` ${formatDateLong(date)}.`
          }`}
          error={problems.fields.date}
          className="date"
          value={date}
          onChange={(next) => {
            setDate(next);
            clear('date');
          }}
        />

        {needs.criteria ? (
          <CriteriaQuestions
            framework={framework}
            answers={answers}
            onChange={setAnswers}
            check={check}
            error={problems.fields.criteria}
          />
        ) : null}

        {needs.decision ? (
          <fieldset className={`field${problems.fields.decision ? ' field-invalid' : ''}`}>
            <legend>{decisionLegend}</legend>
            {problems.fields.decision ? <FieldError id={undefined} message={problems.fields.decision} /> : null}
            <div className="radios">
              {REVIEW_DECISIONS.map((option) => (
                <label key={option.code} className="radio">
                  <input
                    type="radio"
                    name={decisionName}
                    value={option.code}
                    checked={decision === option.code}
                    onChange={() => {
                      setDecision(option.code);
                      clear('decision');
                    }}
                    aria-invalid={problems.fields.decision ? true : undefined}
                  />
                  <span>{option.label}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}

        <div aria-live="polite">
          {caution ? (
            <p className="caution">
              <strong>Caution:</strong> {caution}
            </p>
          ) : null}
        </div>

        <Field
          label={needs.rationaleRequired ? 'Rationale' : 'Note (optional)'}
          hint={needs.rationaleRequired ? 'Why this was decided: it is stored with the decision.' : undefined}
          error={problems.fields.rationale}
        >
          {(ids) => (
            <textarea
              id={ids.id}
              value={rationale}
              onChange={(event) => {
                setRationale(event.target.value);
                clear('rationale');
              }}
              aria-describedby={ids.describedBy}
              aria-invalid={ids.invalid}
              rows={4}
              maxLength={10_000}
            />
          )}
        </Field>

        <ErrorAlert message={summary(problems)} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Recording…' : 'Record step'}
        </button>
      </form>
    </section>
  );
}

/** The check as the vault's rules see the answers so far; null until the first answer arrives. */
function useCriteriaCheck(
  answers: Partial<CriteriaAnswers>,
  framework: CriteriaFramework,
  active: boolean,
): CriteriaCheck | null {
  const check = useData('reviews.criteriaCheck', active ? { ...answers, framework } : null);
  // The last check stays on screen while the next is asked for, so the result does not flicker.
  const [shown, setShown] = useState<CriteriaCheck | null>(null);
  useEffect(() => {
    if (check.value) setShown(check.value);
    else if (check.error) setShown({ outcome: 'not-yet-answerable', explanation: check.error, openQuestions: [] });
  }, [check.value, check.error]);
  return active ? shown : null;
}

function CriteriaQuestions({
  framework,
  answers,
  onChange,
  check,
  error,
}: {
  framework: CriteriaFramework;
  answers: Partial<CriteriaAnswers>;
  onChange: (answers: Partial<CriteriaAnswers>) => void;
  check: CriteriaCheck | null;
  error: string | undefined;
}) {
  const baseName = useId();
  const resultId = useId();
  const open = new Set<CriteriaQuestionKey>(check?.openQuestions ?? []);
  return (
    <fieldset className={`criteria field${error ? ' field-invalid' : ''}`} aria-describedby={resultId}>
      <legend>{framework === '2015' ? 'SCR criteria check' : 'Serious child safeguarding case check'}</legend>
      <p className="hint">{FRAMEWORK_HINTS[framework]}</p>
      {error ? <FieldError id={undefined} message={error} /> : null}
      {questionsOf(framework).map((question, index) => (
        <fieldset key={question.key} className="question">
          <legend>
            {index + 1}. {question.question}
            {open.has(question.key) ? <span className="tag">Still open</span> : null}
          </legend>
          <div className="radios inline">
            {ANSWER_OPTIONS.map((option) => (
              <label key={option.value} className="radio">
                <input
                  type="radio"
                  name={`${baseName}-${question.key}`}
                  value={option.value}
                  checked={answers[question.key] === option.value}
                  onChange={() => onChange({ ...answers, [question.key]: option.value })}
                  aria-invalid={error && !answers[question.key] ? true : undefined}
                />
                <span>{option.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div id={resultId} className={`criteria-result outcome-${check?.outcome ?? 'pending'}`} aria-live="polite">
        {check ? (
          <>
            <p className="criteria-outcome">
              <span className="outcome-mark" aria-hidden="true">
                {check.outcome === 'met' ? '✓' : check.outcome === 'not-met' ? '✗' : '?'}
              </span>{' '}
              Result: {CRITERIA_OUTCOME_LABELS[check.outcome]}
            </p>
            <p>{check.explanation}</p>
          </>
        ) : (
          <p>Checking…</p>
        )}
      </div>
    </fieldset>
  );
}
