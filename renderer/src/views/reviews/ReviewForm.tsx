import { type FormEvent, useId, useRef, useState } from 'react';
import type { Review } from '../../../../shared/api/contract.js';
import {
  REVIEW_CLOCK_DATE_LABELS,
  REVIEW_TYPES,
  type ReviewClockDates,
  type ReviewType,
  TERMS_OF_REFERENCE_MAX_LENGTH,
} from '../../../../shared/reviews/index.js';
import { ErrorAlert } from '../../components/Alert.js';
import { DateField, Field, SelectField, TextField } from '../../components/Field.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pending } from '../../components/Pending.js';
import { focusFirstInvalid, formProblems, NO_PROBLEMS, summary } from '../../components/problems.js';
import { UkDateInput, ukDateProblem } from '../../components/UkDateInput.js';
import { formatDateLong } from '../../format.js';
import { navigate } from '../../router.js';
import { useChange, useData } from '../../state/data.js';
import { setNotice } from '../../state/notice.js';
import { NameListField } from './NameListField.js';
import { reviewsPath } from './routes.js';
import { TermsOfReference } from './TermsOfReference.js';

const CLOCK_FIELDS = ['awareOn', 'notifiedOn', 'rapidReviewHeldOn', 'decidedOn', 'publishedOn'] as const;
const FIELDS = [
  'title',
  'type',
  'scopeFrom',
  'scopeTo',
  ...CLOCK_FIELDS,
  'termsOfReference',
  'agencies',
  'leadReviewers',
] as const;

/** The clock's dates as typed: an ISO date, '' or the text as typed when it is not (yet) a date. */
type ClockDraft = Record<keyof ReviewClockDates, string>;

interface Draft extends ClockDraft {
  title: string;
  type: ReviewType | '';
  scopeFrom: string;
  scopeTo: string;
  termsOfReference: string;
  agencies: string[];
  leadReviewers: string[];
}

const EMPTY: Draft = {
  title: '',
  type: '',
  scopeFrom: '',
  scopeTo: '',
  termsOfReference: '',
  agencies: [],
  leadReviewers: [],
  awareOn: '',
  notifiedOn: '',
  rapidReviewHeldOn: '',
  decidedOn: '',
  publishedOn: '',
};

function draftOf(review: Review): Draft {
  return {
    title: review.title,
    type: review.type,
    scopeFrom: review.scopeFrom ?? '',
    scopeTo: review.scopeTo ?? '',
    termsOfReference: review.termsOfReference,
    agencies: review.agencies.map((agency) => agency.name),
    leadReviewers: review.leadReviewers,
    awareOn: review.awareOn ?? '',
    notifiedOn: review.notifiedOn ?? '',
    rapidReviewHeldOn: review.rapidReviewHeldOn ?? '',
    decidedOn: review.decidedOn ?? '',
    publishedOn: review.publishedOn ?? '',
  };
}

/** New review (`id` absent) or edit of an existing one. */
export function ReviewForm({ id }: { id?: string }) {
  const loaded = useData('reviews.get', id ? { id } : null);
  const existing = loaded.value;

  if (id && !existing) {
    return (
      <>
        <PageHeading title="Edit review">Edit review</PageHeading>
        <Pending
          data={loaded}
          loading="Loading the review…"
          back={{ href: reviewsPath.list(), label: 'Back to reviews' }}
        />
      </>
    );
  }
  return <ReviewFormBody key={existing?.id ?? 'new'} existing={existing} />;
}

function ReviewFormBody({ existing }: { existing: Review | undefined }) {
  const [draft, setDraft] = useState<Draft>(() => (existing ? draftOf(existing) : EMPTY));
  const [problems, setProblems] = useState(NO_PROBLEMS);
  const { run, busy } = useChange();
  const formRef = useRef<HTMLFormElement>(null);
  const previewId = useId();
  const scopeId = useId();
  const title = existing ? `Edit review: ${existing.title}` : 'New review';

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    // A field's message goes once the field is changed; the next save checks it again.
    setProblems((current) => {
      if (!(key in current.fields)) return current;
      const { [key]: _, ...fields } = current.fields;
      return { ...current, fields };
    });
  };
  /** What can be told without asking the vault: the rest comes back as the server's field issues. */
  function localProblems(): Record<string, string> {
    const fields: Record<string, string> = {};
    if (!draft.title.trim()) fields.title = 'Enter the title of the review.';
    if (!draft.type) fields.type = 'Choose the type of review.';
    const scopeFrom = ukDateProblem(draft.scopeFrom);
    const scopeTo = ukDateProblem(draft.scopeTo);
    if (scopeFrom) fields.scopeFrom = scopeFrom;
    if (scopeTo) fields.scopeTo = scopeTo;
    for (const key of CLOCK_FIELDS) {
      const problem = ukDateProblem(draft[key]);
      if (problem) fields[key] = problem;
    }
    return fields;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const local = localProblems();
    if (Object.keys(local).length > 0 || !draft.type) {
      setProblems({ fields: local, other: null });
      focusFirstInvalid(formRef.current);
      return;
    }
    setProblems(NO_PROBLEMS);
    const fields = {
      title: draft.title,
      type: draft.type,
      scopeFrom: draft.scopeFrom || null,
      scopeTo: draft.scopeTo || null,
      termsOfReference: draft.termsOfReference,
      agencies: draft.agencies,
      leadReviewers: draft.leadReviewers,
      awareOn: draft.awareOn || null,
      notifiedOn: draft.notifiedOn || null,
      rapidReviewHeldOn: draft.rapidReviewHeldOn || null,
      decidedOn: draft.decidedOn || null,
      publishedOn: draft.publishedOn || null,
    };
    const outcome = existing
      ? await run('reviews.update', { id: existing.id, ...fields }, { refresh: ['reviews.'] })
      : await run('reviews.create', fields, { refresh: ['reviews.'] });
    if (outcome.ok) {
      setNotice(existing ? 'Review saved.' : 'Review created.');
      navigate(reviewsPath.detail(outcome.value.id));
    } else {
      setProblems(formProblems(outcome.error, FIELDS));
      focusFirstInvalid(formRef.current);
    }
  }

  const fieldError = (key: (typeof FIELDS)[number]) => problems.fields[key];
  // UkDateInput gives an ISO date, '' or the text as typed when it is not (yet) a date.
  const readable = (date: string, missing: string) =>
    date.trim() === '' ? missing : ukDateProblem(date) ? '(not a real date yet)' : formatDateLong(date);
  const scopeReadout =
    draft.scopeFrom.trim() || draft.scopeTo.trim()
      ? `Scope period: ${readable(draft.scopeFrom, 'no start date')} to ${readable(draft.scopeTo, 'no end date')}.`
      : 'No scope period set yet.';

  return (
    <>
      <p className="breadcrumb">
        <a href={existing ? reviewsPath.detail(existing.id) : reviewsPath.list()}>
          {existing ? `Back to ${existing.title}` : 'Back to reviews'}
        </a>
      </p>
      <PageHeading title={title}>{existing ? 'Edit review' : 'New review'}</PageHeading>
      <form ref={formRef} onSubmit={submit} noValidate className="review-form">
        <TextField
          label="Title"
          hint="How the review is known, e.g. the anonymised name of the child."
          error={fieldError('title')}
          value={draft.title}
          onChange={(value) => set('title', value)}
          maxLength={200}
        />

        <SelectField
          label="Type of review"
          error={fieldError('type')}
          value={draft.type}
          onChange={(value) => set('type', value)}
          options={REVIEW_TYPES}
          empty="Choose a type"
        />

        <fieldset className="field scope">
          <legend>Scope period</legend>
          <p className="hint">The period the review looks at. Either date may be left empty for now.</p>
          <div className="date-pair">
            <Field label="From" hint="dd/mm/yyyy" error={fieldError('scopeFrom')}>
              {(ids) => (
                <UkDateInput
                  id={ids.id}
                  className="date"
                  value={draft.scopeFrom}
                  onChange={(event) => set('scopeFrom', event.target.value)}
                  aria-describedby={[ids.describedBy, `${scopeId}-readout`].filter(Boolean).join(' ')}
                  aria-invalid={ids.invalid}
                />
              )}
            </Field>
            <Field label="To" hint="dd/mm/yyyy" error={fieldError('scopeTo')}>
              {(ids) => (
                <UkDateInput
                  id={ids.id}
                  className="date"
                  value={draft.scopeTo}
                  onChange={(event) => set('scopeTo', event.target.value)}
                  aria-describedby={[ids.describedBy, `${scopeId}-readout`].filter(Boolean).join(' ')}
                  aria-invalid={ids.invalid}
                />
              )}
            </Field>
          </div>
          <p className="readout" id={`${scopeId}-readout`}>
            {scopeReadout}
          </p>
        </fieldset>

        <fieldset className="field review-clock-dates">
          <legend>Serious child safeguarding case</legend>
          <p className="hint">
            Since Working Together 2018 the national panel is notified within 5 working days of becoming aware of the
            incident, and a rapid review is completed within 15 working days. Enter the date of becoming aware and
            Casebook counts the due dates, skipping weekends and bank holidays. Leave empty what has not happened yet.
          </p>
          <div className="date-grid">
            {CLOCK_FIELDS.map((key) => (
              <DateField
                key={key}
                label={REVIEW_CLOCK_DATE_LABELS[key]}
                hint="dd/mm/yyyy"
                error={fieldError(key)}
                className="date"
                value={draft[key]}
                onChange={(value) => set(key, value)}
              />
            ))}
          </div>
        </fieldset>

        <div className="terms-editor">
          <Field
            label="Terms of reference"
            hint={
              <>
                Plain text. Start a line with <code>#</code> for a heading, <code>-</code> for a bullet or{' '}
                <code>1.</code> for a numbered point, each followed by a space. A blank line starts a new paragraph.
              </>
            }
            error={fieldError('termsOfReference')}
          >
            {(ids) => (
              <textarea
                id={ids.id}
                value={draft.termsOfReference}
                onChange={(event) => set('termsOfReference', event.target.value)}
                aria-describedby={ids.describedBy}
                aria-invalid={ids.invalid}
                maxLength={TERMS_OF_REFERENCE_MAX_LENGTH}
                rows={14}
                spellCheck
              />
            )}
          </Field>
          <section className="terms-preview" aria-labelledby={previewId}>
            <h2 id={previewId}>Preview</h2>
            <TermsOfReference text={draft.termsOfReference} empty="The formatted terms of reference appear here." />
          </section>
        </div>

        <NameListField
          label="Agencies involved"
          itemLabel="agency"
          hint="Each agency that will send a chronology, e.g. Children's Social Care, the GP practice, the police."
          values={draft.agencies}
          onChange={(agencies) => set('agencies', agencies)}
          error={fieldError('agencies')}
        />
        <NameListField
          label="Lead reviewers"
          itemLabel="lead reviewer"
          values={draft.leadReviewers}
          onChange={(leadReviewers) => set('leadReviewers', leadReviewers)}
          error={fieldError('leadReviewers')}
        />

        <ErrorAlert message={summary(problems)} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : existing ? 'Save changes' : 'Create review'}
          </button>
          <a className="button-link" href={existing ? reviewsPath.detail(existing.id) : reviewsPath.list()}>
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
