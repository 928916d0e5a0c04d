import { type FormEvent, useState } from 'react';
import type {
  CdopAgencyForm,
  CdopCaseDetail,
  CdopPathway,
  ChannelInput,
  ChannelName,
  ChannelOutput,
} from '../../../../shared/api/contract.js';
import { getForm } from '../../../../shared/cdop/forms/index.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { DateField, SelectField, TextField } from '../../components/Field.js';
import { Pending } from '../../components/Pending.js';
import { RowButton } from '../../components/RowButton.js';
import { SummaryRow } from '../../components/SummaryRow.js';
import { formatDate } from '../../format.js';
import { routePath } from '../../router.js';
import { setData, useChange, useData } from '../../state/data.js';
import type { Change } from './case-change.js';

/** The pathway channels: each answers with the whole pathway of the case. */
type PathwayChannel = {
  [C in ChannelName]: ChannelOutput<C> extends CdopPathway ? C : never;
}[ChannelName];

type PathwayChange = <C extends PathwayChannel>(channel: C, input: ChannelInput<C>, done: string) => Promise<boolean>;

function usePathwayChange() {
  const { run, message, status } = useChange();
  const change: PathwayChange = async (channel, input, done) => {
    const outcome = await run(channel, input, {
      apply: (pathway) => setData('cdop.pathway.get', { caseId: pathway.caseId }, pathway),
      refresh: ['cdop.case.list', 'cdop.workList'],
      done,
    });
    return outcome.ok;
  };
  return { change, actionError: message, status };
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/**
 * The 2018 pathway between notification and the panel, on the case record: the
 * agencies' reporting forms (asked for and received through the case's own
 * channels), the Joint Agency Response and the Child Death Review Meeting.
 */
export function Pathway({ detail, caseChange }: { detail: CdopCaseDetail; caseChange: Change }) {
  const loaded = useData('cdop.pathway.get', { caseId: detail.id });
  const pathway = loaded.value;
  const { change, actionError, status } = usePathwayChange();
  return (
    <section aria-labelledby="pathway-heading" className="panel-section pathway">
      <h2 id="pathway-heading">Pathway to the panel</h2>
      <ErrorAlert message={actionError} />
      <StatusMessage message={status} />
      {pathway ? (
        <>
          <AgencyForms detail={detail} pathway={pathway} change={change} caseChange={caseChange} />
          <JointAgencyResponse pathway={pathway} change={change} />
          <ReviewMeeting pathway={pathway} change={change} />
        </>
      ) : (
        <Pending data={loaded} loading="Loading the pathway…" />
      )}
    </section>
  );
}

function AgencyForms({
  detail,
  pathway,
  change,
  caseChange,
}: {
  detail: CdopCaseDetail;
  pathway: CdopPathway;
  change: PathwayChange;
  caseChange: Change;
}) {
  const [agency, setAgency] = useState('');
  const [requestedOn, setRequestedOn] = useState('');

  async function request(event: FormEvent) {
    event.preventDefault();
    const ok = await caseChange(
      'cdop.agencyReport.request',
      { caseId: detail.id, agency: agency.trim(), requestedOn },
      `Report requested from ${agency.trim()}.`,
    );
    if (ok) {
      setAgency('');
      setRequestedOn('');
    }
  }

  const overdue = pathway.agencyForms.filter((form) => form.overdue).length;
  return (
    <section aria-labelledby="forms-heading">
      <h3 id="forms-heading">Agency reporting forms</h3>
      <p className="hint">
        Each form is due {days(pathway.formDueDays)} after it is asked for unless it is given its own date (the default
        is in <a href={routePath('settings')}>Settings</a>). Overdue is worked out from the dates each day.
      </p>
      {pathway.agencyForms.length === 0 ? (
        <p className="muted">No agency has been asked for a reporting form yet.</p>
      ) : (
        <>
          <p>
            {pathway.agencyForms.length} form{pathway.agencyForms.length === 1 ? '' : 's'} asked for;{' '}
            {pathway.agencyForms.filter((form) => form.receivedOn === null).length} still to come
            {overdue > 0 ? `, ${overdue} overdue` : ''}.
          </p>
          <ul className="agency-forms">
            {pathway.agencyForms.map((form) => (
              <li key={form.id}>
                <AgencyForm pathway={pathway} form={form} change={change} caseChange={caseChange} />
              </li>
            ))}
          </ul>
        </>
      )}
      <form onSubmit={request} className="inline-fields" aria-label="Ask an agency for a report">
        <TextField label="Agency" value={agency} onChange={setAgency} />
        <DateField label="Requested on" value={requestedOn} onChange={setRequestedOn} />
        <button type="submit" className="secondary" disabled={!agency.trim() || !requestedOn}>
          Ask for a report
        </button>
      </form>
    </section>
  );
}

function FormState({ form }: { form: CdopAgencyForm }) {
  if (form.receivedOn) return <span className="tag">Received {formatDate(form.receivedOn)}</span>;
  if (form.overdue) return <span className="tag overdue">Overdue by {days(form.daysOverdue)}</span>;
  return <span className="tag">Awaited</span>;
}

function AgencyForm({
  pathway,
  form,
  change,
  caseChange,
}: {
  pathway: CdopPathway;
  form: CdopAgencyForm;
  change: PathwayChange;
  caseChange: Change;
}) {
  const [receivedOn, setReceivedOn] = useState('');
  const [dueOn, setDueOn] = useState(form.dueOn ?? '');
  const headingId = `form-${form.id}`;
  return (
    <article aria-labelledby={headingId} className="agency-form">
      <h4 id={headingId}>
        {form.agency} <FormState form={form} />
      </h4>
      <dl className="summary">
        <SummaryRow term="Requested" value={formatDate(form.requestedOn)} />
        <SummaryRow
          term="Due"
          value={`${formatDate(form.due)} ${form.dueOn === null ? '(the default)' : '(its own date)'}`}
        />
        <SummaryRow term="Received" value={form.receivedOn ? formatDate(form.receivedOn) : 'Not yet'} />
      </dl>
      <div className="inline-fields">
        {form.receivedOn ? null : (
          <>
            <DateField label={`Date received from ${form.agency}`} value={receivedOn} onChange={setReceivedOn} />
            <button
              type="button"
              className="secondary"
              disabled={!receivedOn}
              onClick={() =>
                void caseChange(
                  'cdop.agencyReport.update',
                  { id: form.id, receivedOn },
                  `Report from ${form.agency} recorded as received.`,
                )
              }
            >
              Received<span className="visually-hidden"> from {form.agency}</span>
            </button>
          </>
        )}
        <DateField label={`Due date for ${form.agency}`} value={dueOn} onChange={setDueOn} />
        <button
          type="button"
          className="secondary"
          disabled={!dueOn || dueOn === form.dueOn}
          onClick={() =>
            void change('cdop.agencyForm.update', { id: form.id, dueOn }, `Due date for ${form.agency} changed.`)
          }
        >
          Set the due date<span className="visually-hidden"> for {form.agency}</span>
        </button>
        {form.dueOn === null ? null : (
          <button
            type="button"
            className="link"
            onClick={async () => {
              if (
                await change(
                  'cdop.agencyForm.update',
                  { id: form.id, dueOn: null },
                  `${form.agency} is due by the default again.`,
                )
              ) {
                setDueOn('');
              }
            }}
          >
            Use the default<span className="visually-hidden"> due date for {form.agency}</span>
          </button>
        )}
      </div>
      <Chases form={form} change={change} />
      <FormContent pathway={pathway} form={form} change={change} />
    </article>
  );
}

function Chases({ form, change }: { form: CdopAgencyForm; change: PathwayChange }) {
  const [chasedOn, setChasedOn] = useState('');
  const [chasedBy, setChasedBy] = useState('');
  const [note, setNote] = useState('');
  async function add(event: FormEvent) {
    event.preventDefault();
    if (
      await change(
        'cdop.agencyForm.chase',
        { reportId: form.id, chasedOn, chasedBy: chasedBy.trim(), note },
        `Chase of ${form.agency} noted.`,
      )
    ) {
      setChasedOn('');
      setChasedBy('');
      setNote('');
    }
  }
  return (
    <>
      <h5>Chases</h5>
      {form.chases.length === 0 ? (
        <p className="muted">Not chased.</p>
      ) : (
        <ol className="chases">
          {form.chases.map((chase) => (
            <li key={chase.id}>
              <strong>{formatDate(chase.chasedOn)}</strong>, {chase.chasedBy}
              {chase.note ? `: ${chase.note}` : ''}{' '}
              <RowButton
                about={`the chase of ${formatDate(chase.chasedOn)}`}
                onClick={() =>
                  void change('cdop.agencyForm.removeChase', { id: chase.id }, `Chase of ${form.agency} removed.`)
                }
              >
                Remove
              </RowButton>
            </li>
          ))}
        </ol>
      )}
      {form.receivedOn ? null : (
        <form onSubmit={add} className="inline-fields" aria-label={`Note a chase of ${form.agency}`}>
          <DateField label="Date chased" value={chasedOn} onChange={setChasedOn} />
          <TextField label="By whom and how" hint="e.g. J Smith, by email" value={chasedBy} onChange={setChasedBy} />
          <TextField label="Note (optional)" value={note} onChange={setNote} />
          <button type="submit" className="secondary" disabled={!chasedOn || !chasedBy.trim()}>
            Note the chase
          </button>
        </form>
      )}
    </>
  );
}

function FormContent({ pathway, form, change }: { pathway: CdopPathway; form: CdopAgencyForm; change: PathwayChange }) {
  const domains = getForm(pathway.formVersion).domains;
  const [involvement, setInvolvement] = useState(form.involvement ?? '');
  const [factors, setFactors] = useState<Record<string, string>>(() =>
    Object.fromEntries(form.factors.map((factor) => [factor.domain, factor.text])),
  );
  const filled = form.factors.length + (form.involvement ? 1 : 0);
  async function save(event: FormEvent) {
    event.preventDefault();
    await change(
      'cdop.agencyForm.update',
      {
        id: form.id,
        involvement,
        factors: domains.map((domain) => ({ domain: domain.code, text: factors[domain.code] ?? '' })),
      },
      `What ${form.agency}'s form says is saved.`,
    );
  }
  return (
    <details className="form-content">
      <summary className="form-content-toggle">
        What the form says{filled === 0 ? ' (nothing recorded yet)' : ''}
        <span className="visually-hidden"> from {form.agency}</span>
      </summary>
      <form onSubmit={save} aria-label={`What ${form.agency}'s form says`}>
        <TextField label="The agency's involvement" rows={3} value={involvement} onChange={setInvolvement} />
        {domains.map((domain) => (
          <TextField
            key={domain.code}
            label={`Factors it notes: ${domain.code}. ${domain.label}`}
            rows={2}
            value={factors[domain.code] ?? ''}
            onChange={(text) => setFactors((all) => ({ ...all, [domain.code]: text }))}
          />
        ))}
        <button type="submit" className="secondary">
          Save what the form says
        </button>
      </form>
    </details>
  );
}

const HOME_VISIT_ANSWERS = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
] as const;

function JointAgencyResponse({ pathway, change }: { pathway: CdopPathway; change: PathwayChange }) {
  const jar = pathway.jointAgencyResponse;
  const [heldOn, setHeldOn] = useState(jar?.heldOn ?? '');
  const [lead, setLead] = useState(jar?.leadProfessionals ?? '');
  const [homeVisit, setHomeVisit] = useState<'yes' | 'no' | ''>(
    jar?.homeVisit === null || !jar ? '' : jar.homeVisit ? 'yes' : 'no',
  );
  async function save(event: FormEvent) {
    event.preventDefault();
    await change(
      'cdop.jointAgencyResponse.set',
      {
        caseId: pathway.caseId,
        heldOn,
        leadProfessionals: lead,
        homeVisit: homeVisit === '' ? null : homeVisit === 'yes',
      },
      'Joint Agency Response saved.',
    );
  }
  return (
    <section aria-labelledby="jar-heading">
      <h3 id="jar-heading">Joint Agency Response</h3>
      {pathway.jointAgencyResponseProblem ? (
        <p className="muted">{pathway.jointAgencyResponseProblem}</p>
      ) : (
        <>
          {jar ? (
            <dl className="summary">
              <SummaryRow term="Held on" value={formatDate(jar.heldOn)} />
              <SummaryRow term="Lead professionals" value={jar.leadProfessionals ?? 'Not recorded'} />
              <SummaryRow
                term="Home visit"
                value={jar.homeVisit === null ? 'Not recorded' : jar.homeVisit ? 'Yes' : 'No'}
              />
            </dl>
          ) : (
            <p className="muted">
              No Joint Agency Response recorded. It is held for unexpected deaths
              {pathway.expected === null ? ' (this death is not yet recorded as expected or unexpected)' : ''}.
            </p>
          )}
          <form onSubmit={save} className="inline-fields" aria-label="Record the Joint Agency Response">
            <DateField label="Date of the Joint Agency Response" value={heldOn} onChange={setHeldOn} />
            <TextField label="Lead professionals (optional)" value={lead} onChange={setLead} />
            <SelectField
              label="Home visit"
              value={homeVisit}
              onChange={setHomeVisit}
              options={HOME_VISIT_ANSWERS}
              empty="Not recorded"
            />
            <button type="submit" className="secondary" disabled={!heldOn}>
              {jar ? 'Save the changes' : 'Record the Joint Agency Response'}
            </button>
            {jar ? (
              <button
                type="button"
                className="link"
                onClick={() =>
                  void change(
                    'cdop.jointAgencyResponse.remove',
                    { caseId: pathway.caseId },
                    'Joint Agency Response removed.',
                  )
                }
              >
                Remove the Joint Agency Response
              </button>
            ) : null}
          </form>
        </>
      )}
    </section>
  );
}

function ReviewMeeting({ pathway, change }: { pathway: CdopPathway; change: PathwayChange }) {
  const meeting = pathway.reviewMeeting;
  const [heldOn, setHeldOn] = useState(meeting?.heldOn ?? '');
  const [attendees, setAttendees] = useState<{ role: string; name: string }[]>(
    meeting?.attendees.map((a) => ({ role: a.role, name: a.name ?? '' })) ?? [],
  );
  const [outcome, setOutcome] = useState(meeting?.outcome ?? '');
  const setAttendee = (at: number, patch: Partial<{ role: string; name: string }>) =>
    setAttendees((all) => all.map((a, i) => (i === at ? { ...a, ...patch } : a)));
  async function save(event: FormEvent) {
    event.preventDefault();
    await change(
      'cdop.reviewMeeting.set',
      {
        caseId: pathway.caseId,
        heldOn,
        attendees: attendees.filter((a) => a.role.trim() || a.name.trim()),
        outcome,
      },
      'Child Death Review Meeting saved.',
    );
  }
  return (
    <section aria-labelledby="review-meeting-heading">
      <h3 id="review-meeting-heading">Child Death Review Meeting</h3>
      {meeting ? (
        <p>
          Held on {formatDate(meeting.heldOn)} with {meeting.attendees.length} attendee
          {meeting.attendees.length === 1 ? '' : 's'}.
        </p>
      ) : (
        <p className="muted">No review meeting recorded yet. It is held before the panel.</p>
      )}
      <form onSubmit={save} aria-label="Record the Child Death Review Meeting">
        <DateField label="Date of the review meeting" value={heldOn} onChange={setHeldOn} />
        <fieldset>
          <legend>Attendees by role</legend>
          {attendees.length === 0 ? <p className="muted">No attendees listed.</p> : null}
          {attendees.map((attendee, at) => (
            // Rows have no id until saved; their position is who they are while editing.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <div className="inline-fields" key={at}>
              <TextField
                label={`Role of attendee ${at + 1}`}
                value={attendee.role}
                onChange={(role) => setAttendee(at, { role })}
              />
              <TextField
                label={`Name of attendee ${at + 1} (optional)`}
                value={attendee.name}
                onChange={(name) => setAttendee(at, { name })}
              />
              <button
                type="button"
                className="link"
                onClick={() => setAttendees((all) => all.filter((_, i) => i !== at))}
              >
                Remove attendee {at + 1}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() => setAttendees((all) => [...all, { role: '', name: '' }])}
          >
            Add an attendee
          </button>
        </fieldset>
        <TextField label="Outcome (optional)" rows={3} value={outcome} onChange={setOutcome} />
        <div className="actions">
          <button type="submit" className="secondary" disabled={!heldOn}>
            {meeting ? 'Save the changes' : 'Record the review meeting'}
          </button>
          {meeting ? (
            <button
              type="button"
              className="link"
              onClick={() =>
                void change('cdop.reviewMeeting.remove', { caseId: pathway.caseId }, 'Review meeting removed.')
              }
            >
              Remove the review meeting
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
