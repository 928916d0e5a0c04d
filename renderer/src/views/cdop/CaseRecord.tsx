import { type FormEvent, useState } from 'react';
import type { CdopCaseDetail } from '../../../../shared/api/contract.js';
import {
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  type CaseStatus,
  PLACES_OF_DEATH,
  reviewCompletionProblems,
  SEX_LABELS,
} from '../../../../shared/cdop/case.js';
import { AGE_BAND_LABELS, describeAge } from '../../../../shared/cdop/dates.js';
import {
  FORM_VERSIONS,
  FORMS,
  type FormVersion,
  formChangeAccount,
  getForm,
  MODIFIABLE_FACTORS_FROM,
} from '../../../../shared/cdop/forms/index.js';
import { formatNhsNumber } from '../../../../shared/cdop/nhs-number.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { DateField, SelectField } from '../../components/Field.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pending } from '../../components/Pending.js';
import { RowButton } from '../../components/RowButton.js';
import { SummaryRow } from '../../components/SummaryRow.js';
import { formatDate } from '../../format.js';
import { useData } from '../../state/data.js';
import { CdopRecordExport } from '../reports/WordExport.js';
import { type Change, useCaseChange } from './case-change.js';
import { Pathway } from './Pathway.js';
import { cdopPath } from './routes.js';

const yesNo = (value: boolean | null): string => (value === null ? 'Not recorded' : value ? 'Yes' : 'No');

/** A case: its notification (age and band derived), status steps, the pathway to the panel and panel meetings. */
export function CaseRecord({ id }: { id: string }) {
  const loaded = useData('cdop.case.get', { id });
  const detail = loaded.value;
  const { change, actionError, status } = useCaseChange();

  if (!detail) {
    return (
      <div className="cdop">
        <PageHeading title="Child death case">Child death case</PageHeading>
        <Pending
          data={loaded}
          loading="Loading the case…"
          back={{ href: cdopPath.list(), label: 'Back to child deaths' }}
        />
      </div>
    );
  }

  const place = PLACES_OF_DEATH.find((p) => p.code === detail.placeOfDeath)?.label ?? 'Not recorded';
  const form = getForm(detail.formVersion);
  const category = form.categories.find((candidate) => candidate.number === detail.category);
  return (
    <div className="cdop">
      <PageHeading title={`Case ${detail.reference}`}>Case {detail.reference}</PageHeading>
      <p>
        <a href={cdopPath.list()}>Back to child deaths</a>
      </p>
      <div className="actions">
        <a className="button-link primary" href={cdopPath.analysis(id)}>
          Open the analysis form
        </a>
        <a className="button-link secondary" href={cdopPath.edit(id)}>
          Change the notification
        </a>
      </div>
      <CdopRecordExport caseId={detail.id} />
      <ErrorAlert message={actionError} />
      <StatusMessage message={status} />

      <section aria-labelledby="decision-heading">
        <h2 id="decision-heading">Panel decision</h2>
        <dl className="summary">
          <SummaryRow term="Status" value={CASE_STATUS_LABELS[detail.status]} />
          <SummaryRow
            term="Category of death"
            value={category ? `${category.number}. ${category.label}` : 'Not yet recorded'}
          />
          <SummaryRow
            term="Modifiable factors"
            value={detail.modifiable ? form.outcomeLabels[detail.modifiable] : 'Not yet recorded'}
          />
        </dl>
        <p className="muted">Recorded on the analysis form.</p>
      </section>

      <section aria-labelledby="notification-heading">
        <h2 id="notification-heading">Notification</h2>
        <dl className="summary">
          <SummaryRow term="Child's name" value={detail.childName} />
          <SummaryRow term="NHS number" value={detail.nhsNumber ? formatNhsNumber(detail.nhsNumber) : 'Not recorded'} />
          <SummaryRow term="Date of birth" value={formatDate(detail.dateOfBirth)} />
          <SummaryRow term="Sex" value={SEX_LABELS[detail.sex]} />
          <SummaryRow term="Ethnicity" value={detail.ethnicity ?? 'Not recorded'} />
          <SummaryRow
            term="Date and time of death"
            value={`${formatDate(detail.dateOfDeath)}${detail.timeOfDeath ? ` at ${detail.timeOfDeath}` : ''}`}
          />
          <SummaryRow term="Age at death (derived)" value={describeAge(detail.age)} />
          <SummaryRow term="Age band (derived)" value={detail.ageBand ? AGE_BAND_LABELS[detail.ageBand] : '—'} />
          <SummaryRow term="Place of death" value={place} />
          <SummaryRow term="Home postcode" value={detail.homePostcode ?? 'Not recorded'} />
          <SummaryRow
            term="Expected or unexpected"
            value={
              detail.expected === null ? 'Not recorded' : detail.expected === 'expected' ? 'Expected' : 'Unexpected'
            }
          />
          <SummaryRow term="Joint Agency Response held" value={yesNo(detail.jointAgencyResponse)} />
          <SummaryRow term="Post-mortem" value={yesNo(detail.postMortem)} />
          <SummaryRow term="Date notified" value={formatDate(detail.dateNotified)} />
          <SummaryRow term="Analysis form" value={form.title} />
        </dl>
        <FormVersionChoice detail={detail} change={change} />
        {(detail.dateReviewCompleted ?? detail.dateOfDeath) < MODIFIABLE_FACTORS_FROM ? (
          <PreventableAnswer detail={detail} change={change} />
        ) : null}
        {detail.circumstances ? (
          <>
            <h3>Summary of circumstances</h3>
            <p className="prewrap">{detail.circumstances}</p>
          </>
        ) : null}
      </section>

      <StatusSteps detail={detail} change={change} />
      <Pathway detail={detail} caseChange={change} />
      <PanelMeetings detail={detail} change={change} />
    </div>
  );
}

function StatusSteps({ detail, change }: { detail: CdopCaseDetail; change: Change }) {
  const [completedOn, setCompletedOn] = useState(detail.dateReviewCompleted ?? '');
  const index = CASE_STATUSES.indexOf(detail.status);
  const next: CaseStatus | undefined = CASE_STATUSES[index + 1];
  const previous: CaseStatus | undefined = index > 0 ? CASE_STATUSES[index - 1] : undefined;
  const toReviewed = next === 'reviewed';
  const blockers = toReviewed
    ? reviewCompletionProblems({
        category: detail.category,
        modifiable: detail.modifiable,
        dateReviewCompleted: completedOn || null,
      })
    : [];

  return (
    <section aria-labelledby="status-heading" className="panel-section">
      <h2 id="status-heading">Status</h2>
      <ol className="steps">
        {CASE_STATUSES.map((code, at) => (
          <li
            key={code}
            className={at < index ? 'done' : at === index ? 'current' : 'todo'}
            aria-current={at === index ? 'step' : undefined}
          >
            <span className="step-number" aria-hidden="true">
              {at + 1}
            </span>
            {CASE_STATUS_LABELS[code]}
            <span className="step-state">{at < index ? ' (done)' : at === index ? ' (current)' : ''}</span>
          </li>
        ))}
      </ol>
      {toReviewed ? (
        <DateField label="Date the review was completed" value={completedOn} onChange={setCompletedOn} />
      ) : null}
      {blockers.length > 0 ? <p className="why-disabled">Before marking it reviewed: {blockers.join('; ')}.</p> : null}
      <div className="actions">
        {next ? (
          <button
            type="button"
            className="primary"
            disabled={blockers.length > 0}
            onClick={() =>
              void change(
                'cdop.case.setStatus',
                {
                  id: detail.id,
                  status: next,
                  ...(toReviewed ? { dateReviewCompleted: completedOn } : {}),
                },
                `Moved to ${CASE_STATUS_LABELS[next].toLowerCase()}.`,
              )
            }
          >
            Move to {CASE_STATUS_LABELS[next].toLowerCase()}
          </button>
        ) : null}
        {previous ? (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void change(
                'cdop.case.setStatus',
                { id: detail.id, status: previous },
                `Moved back to ${CASE_STATUS_LABELS[previous].toLowerCase()}.`,
              )
            }
          >
            Move back to {CASE_STATUS_LABELS[previous].toLowerCase()}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function PanelMeetings({ detail, change }: { detail: CdopCaseDetail; change: Change }) {
  const [meetingDate, setMeetingDate] = useState('');
  async function add(event: FormEvent) {
    event.preventDefault();
    if (
      await change(
        'cdop.panelMeeting.add',
        { caseId: detail.id, meetingDate },
        `Listed for the panel on ${formatDate(meetingDate)}.`,
      )
    ) {
      setMeetingDate('');
    }
  }
  return (
    <section aria-labelledby="meetings-heading" className="panel-section">
      <h2 id="meetings-heading">Panel meetings</h2>
      {detail.panelMeetings.length === 0 ? (
        <p className="muted">Not listed for a panel meeting yet.</p>
      ) : (
        <ul className="plain-list">
          {detail.panelMeetings.map((date) => (
            <li key={date}>
              {formatDate(date)}{' '}
              <RowButton
                about={`the meeting on ${formatDate(date)}`}
                onClick={() =>
                  void change(
                    'cdop.panelMeeting.remove',
                    { caseId: detail.id, meetingDate: date },
                    `Removed from the meeting on ${formatDate(date)}.`,
                  )
                }
              >
                Remove
              </RowButton>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="inline-fields" aria-label="List for a panel meeting">
        <DateField label="Meeting date" value={meetingDate} onChange={setMeetingDate} />
        <button type="submit" className="secondary" disabled={!meetingDate}>
          List for this meeting
        </button>
      </form>
    </section>
  );
}

/**
 * The analysis form version follows the case's dates; the panel can change it,
 * seeing first what carries over and what must be re-recorded (formChangeAccount).
 */
function FormVersionChoice({ detail, change }: { detail: CdopCaseDetail; change: Change }) {
  const [version, setVersion] = useState<FormVersion>(detail.formVersion);
  const account = formChangeAccount(getForm(detail.formVersion), getForm(version), {
    factors: detail.factors,
    reportDomains: [],
  });
  return (
    <details className="form-version-change">
      <summary>Change the analysis form version</summary>
      <p>
        The version follows the date of the review, or of the death when no review date is known: Form C until 28
        September 2019, the 2018 form until 31 March 2021, then its revision.
      </p>
      <SelectField
        label="Analysis form version"
        value={version}
        onChange={(value) => setVersion(value || detail.formVersion)}
        options={FORM_VERSIONS.map((code) => ({ code, label: FORMS[code].title }))}
      />
      {version === detail.formVersion ? null : (
        <div data-testid="form-change-account">
          <ul>
            {[...account.carriesOver, ...account.mustChange].map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <button
            type="button"
            disabled={account.mustChange.length > 0}
            onClick={() =>
              void change(
                'cdop.case.setFormVersion',
                { id: detail.id, formVersion: version },
                `Analysis form changed to ${FORMS[version].title}.`,
              )
            }
          >
            Change to {FORMS[version].title}
          </button>
        </div>
      )}
    </details>
  );
}

/** Before 1 April 2010 panels answered "preventable": kept as its own outcome, never a modifiable one. */
function PreventableAnswer({ detail, change }: { detail: CdopCaseDetail; change: Change }) {
  const value = detail.preventable === null ? '' : detail.preventable ? 'yes' : 'no';
  return (
    <SelectField
      label="Assessed as preventable (reviews before 1 April 2010)"
      hint="Panels then recorded whether a death was preventable, a different measure from modifiable factors: it is kept as recorded and never counted as modifiable factors identified."
      value={value}
      empty="Not recorded"
      options={[
        { code: 'yes', label: 'Preventable' },
        { code: 'no', label: 'Not preventable' },
      ]}
      onChange={(answer) =>
        void change(
          'cdop.case.setPreventable',
          { id: detail.id, preventable: answer === '' ? null : answer === 'yes' },
          'Preventable answer recorded.',
        )
      }
    />
  );
}
