import { type FormEvent, useEffect, useState } from 'react';
import type { CdopCaseDetail, ChannelInput } from '../../../../shared/api/contract.js';
import {
  ETHNIC_CATEGORIES,
  EXPECTEDNESS,
  type Expectedness,
  PLACES_OF_DEATH,
  type PlaceOfDeath,
  SEX_LABELS,
  SEXES,
  type Sex,
} from '../../../../shared/cdop/case.js';
import { AGE_BAND_LABELS, ageAtDeath, ageBandOf, describeAge } from '../../../../shared/cdop/dates.js';
import { FORM_VERSIONS, FORMS, type FormVersion } from '../../../../shared/cdop/forms/index.js';
import { formatNhsNumber, nhsNumberProblem } from '../../../../shared/cdop/nhs-number.js';
import { isIsoDate } from '../../../../shared/dates/iso-date.js';
import { ErrorAlert } from '../../components/Alert.js';
import { DateField, Field, SelectField, TextField } from '../../components/Field.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pending } from '../../components/Pending.js';
import { formProblems } from '../../components/problems.js';
import { Radios } from '../../components/Radios.js';
import { navigate } from '../../router.js';
import { useChange, useData } from '../../state/data.js';
import { cdopPath } from './routes.js';

type TriState = '' | 'yes' | 'no';

interface Draft {
  reference: string;
  childName: string;
  nhsNumber: string;
  dateOfBirth: string;
  sex: Sex | '';
  ethnicity: string;
  dateOfDeath: string;
  timeOfDeath: string;
  placeOfDeath: PlaceOfDeath | '';
  homePostcode: string;
  expected: Expectedness | '';
  jointAgencyResponse: TriState;
  postMortem: TriState;
  circumstances: string;
  dateNotified: string;
  /** '' follows the dates (shared/cdop/forms: formVersionForDates). */
  formVersion: FormVersion | '';
}

const EMPTY: Draft = {
  reference: '',
  childName: '',
  nhsNumber: '',
  dateOfBirth: '',
  sex: '',
  ethnicity: '',
  dateOfDeath: '',
  timeOfDeath: '',
  placeOfDeath: '',
  homePostcode: '',
  expected: '',
  jointAgencyResponse: '',
  postMortem: '',
  circumstances: '',
  dateNotified: '',
  formVersion: '',
};

const YES_NO = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
] as const;

const tri = (value: TriState): boolean | null => (value === '' ? null : value === 'yes');
const fromBool = (value: boolean | null): TriState => (value === null ? '' : value ? 'yes' : 'no');
const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

function draftOf(found: CdopCaseDetail): Draft {
  return {
    reference: found.reference,
    childName: found.childName,
    nhsNumber: found.nhsNumber ? formatNhsNumber(found.nhsNumber) : '',
    dateOfBirth: found.dateOfBirth,
    sex: found.sex,
    ethnicity: found.ethnicity ?? '',
    dateOfDeath: found.dateOfDeath,
    timeOfDeath: found.timeOfDeath ?? '',
    placeOfDeath: found.placeOfDeath ?? '',
    homePostcode: found.homePostcode ?? '',
    expected: found.expected ?? '',
    jointAgencyResponse: fromBool(found.jointAgencyResponse),
    postMortem: fromBool(found.postMortem),
    circumstances: found.circumstances ?? '',
    dateNotified: found.dateNotified,
    formVersion: found.formVersion,
  };
}

/** What the two dates say about the child's age: derived, never typed. */
export function DerivedAge({ dateOfBirth, dateOfDeath }: { dateOfBirth: string; dateOfDeath: string }) {
  let text = 'Shown when both the date of birth and the date of death are entered.';
  let band = '—';
  if (isIsoDate(dateOfBirth) && isIsoDate(dateOfDeath)) {
    if (dateOfDeath < dateOfBirth) text = 'The date of death is before the date of birth.';
    else {
      const age = ageAtDeath(dateOfBirth, dateOfDeath);
      const ageBand = ageBandOf(age);
      text = describeAge(age);
      band = ageBand ? AGE_BAND_LABELS[ageBand] : '18 or over: not a child death';
    }
  }
  return (
    <dl className="derived" aria-live="polite">
      <div>
        <dt>Age at death (worked out from the dates)</dt>
        <dd data-testid="age-at-death">{text}</dd>
      </div>
      <div>
        <dt>Age band (worked out from the dates)</dt>
        <dd data-testid="age-band">{band}</dd>
      </div>
    </dl>
  );
}

/** The notification dataset: a new case, or (with `id`) its fields changed. */
export function CaseForm({ id }: { id?: string }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [loaded, setLoaded] = useState(id === undefined);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [nhsTouched, setNhsTouched] = useState(false);
  const title = id ? 'Change the notification' : 'Record a notification';

  const existing = useData('cdop.case.get', id ? { id } : null);
  const { run, busy, message } = useChange();

  // The form starts from the case as it was read; later answers do not overwrite what is being typed.
  useEffect(() => {
    if (existing.value && !loaded) {
      setDraft(draftOf(existing.value));
      setLoaded(true);
    }
  }, [existing.value, loaded]);

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));

  // Checked as typed once ten digits are there (or after leaving the field), so a half-typed number is not an error.
  const nhsDigits = draft.nhsNumber.replaceAll(' ', '');
  const nhsProblem =
    draft.nhsNumber.trim() !== '' && (nhsTouched || nhsDigits.length >= 10) ? nhsNumberProblem(draft.nhsNumber) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    const missing: Record<string, string> = {};
    if (!draft.reference.trim()) missing.reference = 'Enter the panel reference';
    if (!draft.childName.trim()) missing.childName = "Enter the child's name";
    if (!draft.dateOfBirth) missing.dateOfBirth = 'Enter the date of birth';
    if (!draft.sex) missing.sex = 'Choose the sex';
    if (!draft.dateOfDeath) missing.dateOfDeath = 'Enter the date of death';
    if (!draft.dateNotified) missing.dateNotified = 'Enter the date the death was notified';
    if (nhsProblem) missing.nhsNumber = nhsProblem;
    if (Object.keys(missing).length > 0) {
      setFieldErrors(missing);
      setError('Check the fields marked below.');
      return;
    }
    const fields = {
      reference: draft.reference.trim(),
      childName: draft.childName.trim(),
      nhsNumber: orNull(draft.nhsNumber),
      dateOfBirth: draft.dateOfBirth,
      sex: draft.sex as Sex,
      ethnicity: orNull(draft.ethnicity),
      dateOfDeath: draft.dateOfDeath,
      timeOfDeath: orNull(draft.timeOfDeath),
      placeOfDeath: draft.placeOfDeath === '' ? null : draft.placeOfDeath,
      homePostcode: orNull(draft.homePostcode),
      expected: draft.expected === '' ? null : draft.expected,
      jointAgencyResponse: tri(draft.jointAgencyResponse),
      postMortem: tri(draft.postMortem),
      circumstances: orNull(draft.circumstances),
      dateNotified: draft.dateNotified,
    };
    // The lists and figures the case appears in are read again when next shown.
    const refresh = ['cdop.case.list', 'cdop.panelPack', 'cdop.statistics'];
    const outcome = id
      ? await run('cdop.case.update', { id, ...fields }, { refresh })
      : await run(
          'cdop.case.create',
          {
            ...fields,
            ...(draft.formVersion ? { formVersion: draft.formVersion } : {}),
          } as ChannelInput<'cdop.case.create'>,
          { refresh },
        );
    if (outcome.ok) navigate(cdopPath.record(outcome.value.id));
    else setFieldErrors(formProblems(outcome.error, Object.keys(EMPTY)).fields);
  }

  const err = (key: string) => fieldErrors[key] ?? null;

  return (
    <div className="cdop">
      <PageHeading title={title}>{title}</PageHeading>
      <p>
        <a href={id ? cdopPath.record(id) : cdopPath.list()}>{id ? 'Back to the case' : 'Back to child deaths'}</a>
      </p>
      <ErrorAlert message={error ?? message} />
      {!loaded ? (
        <Pending data={existing} loading="Loading the case…" />
      ) : (
        <form onSubmit={submit} noValidate className="case-form">
          <fieldset>
            <legend>The child</legend>
            <div className="grid-2">
              <TextField
                label="Panel reference"
                error={err('reference')}
                value={draft.reference}
                onChange={set('reference')}
              />
              <TextField
                label="Child's name"
                error={err('childName')}
                value={draft.childName}
                onChange={set('childName')}
              />
              <TextField
                label="NHS number (optional)"
                hint="10 digits, e.g. 943 476 5919"
                error={nhsProblem ?? err('nhsNumber')}
                inputMode="numeric"
                className="monospace"
                value={draft.nhsNumber}
                onChange={set('nhsNumber')}
                onBlur={() => setNhsTouched(true)}
              />
              <DateField
                label="Date of birth"
                error={err('dateOfBirth')}
                value={draft.dateOfBirth}
                onChange={set('dateOfBirth')}
              />
              <SelectField
                label="Sex"
                error={err('sex')}
                value={draft.sex}
                onChange={set('sex')}
                options={SEXES.map((code) => ({ code, label: SEX_LABELS[code] }))}
                empty="Choose…"
              />
              <Field label="Ethnicity (optional)" error={err('ethnicity')}>
                {(ids) => (
                  <select
                    id={ids.id}
                    value={draft.ethnicity}
                    onChange={(e) => set('ethnicity')(e.target.value)}
                    aria-describedby={ids.describedBy}
                  >
                    <option value="">Not recorded</option>
                    {/* An imported value outside the list is kept and offered as written. */}
                    {draft.ethnicity && !(ETHNIC_CATEGORIES as readonly string[]).includes(draft.ethnicity) ? (
                      <option value={draft.ethnicity}>{draft.ethnicity}</option>
                    ) : null}
                    {ETHNIC_CATEGORIES.map((label) => (
                      <option key={label} value={label}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <TextField
                label="Home postcode (optional)"
                error={err('homePostcode')}
                className="narrow-wide"
                value={draft.homePostcode}
                onChange={set('homePostcode')}
              />
            </div>
          </fieldset>

          <fieldset>
            <legend>The death</legend>
            <div className="grid-2">
              <DateField
                label="Date of death"
                error={err('dateOfDeath')}
                value={draft.dateOfDeath}
                onChange={set('dateOfDeath')}
              />
              <Field label="Time of death (optional)" hint="24-hour clock" error={err('timeOfDeath')}>
                {(ids) => (
                  <input
                    id={ids.id}
                    type="text"
                    className="uk-time"
                    inputMode="numeric"
                    placeholder="hh:mm"
                    value={draft.timeOfDeath}
                    onChange={(e) => set('timeOfDeath')(e.target.value)}
                    aria-describedby={ids.describedBy}
                    aria-invalid={ids.invalid}
                  />
                )}
              </Field>
            </div>
            <DerivedAge dateOfBirth={draft.dateOfBirth} dateOfDeath={draft.dateOfDeath} />
            <div className="grid-2">
              <SelectField
                label="Place of death (Form B)"
                error={err('placeOfDeath')}
                value={draft.placeOfDeath}
                onChange={set('placeOfDeath')}
                options={PLACES_OF_DEATH}
                empty="Not recorded"
              />
              <DateField
                label="Date notified to the panel"
                error={err('dateNotified')}
                value={draft.dateNotified}
                onChange={set('dateNotified')}
              />
            </div>
            <Radios
              legend="Expected or unexpected"
              hint="Unexpected: not anticipated as a significant possibility, for example 24 hours before the death."
              value={draft.expected}
              options={EXPECTEDNESS.map((code) => ({ code, label: code === 'expected' ? 'Expected' : 'Unexpected' }))}
              onChange={set('expected')}
              empty="Not recorded"
            />
            <Radios
              legend="Joint Agency Response held"
              value={draft.jointAgencyResponse}
              options={YES_NO}
              onChange={set('jointAgencyResponse')}
              empty="Not recorded"
            />
            <Radios
              legend="Post-mortem"
              value={draft.postMortem}
              options={YES_NO}
              onChange={set('postMortem')}
              empty="Not recorded"
            />
            <TextField
              label="Summary of circumstances (optional)"
              error={err('circumstances')}
              rows={5}
              value={draft.circumstances}
              onChange={set('circumstances')}
            />
          </fieldset>

          {id ? null : (
            <SelectField
              label="Analysis form version"
              hint="By default the form in use on the date of death: Form C until 28 September 2019, the 2018 form until 31 March 2021, then its revision. The panel can change it on the case."
              value={draft.formVersion}
              empty="The form in use on the date of death"
              onChange={(version) => set('formVersion')(version)}
              options={FORM_VERSIONS.map((code) => ({ code, label: FORMS[code].title }))}
            />
          )}

          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {id ? 'Save changes' : 'Record the notification'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
