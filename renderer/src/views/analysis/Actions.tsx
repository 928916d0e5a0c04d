import { type FormEvent, useState } from 'react';
import type { Analysis } from '../../../../shared/analysis/model.js';
import {
  ACTION_STATUS_LABELS,
  ACTION_STATUSES,
  type Action,
  type ActionStatus,
  type AnalysisOwner,
  EVIDENCE_SOURCE_LABELS,
  EVIDENCE_SOURCES,
  type EvidenceSource,
  isOverdue,
} from '../../../../shared/analysis/model.js';
import { formatIsoUk } from '../../../../shared/dates/fuzzy-date.js';
import { todayIso } from '../../../../shared/dates/iso-date.js';
import { DateField, SelectField, TextField } from '../../components/Field.js';
import type { AnalysisChange } from './analysis-change.js';
import { ChainSection, EditableItem, FormButtons } from './ChainSection.js';
import { LinkedFrom } from './Links.js';

const STATUS_CHOICES = ACTION_STATUSES.map((code) => ({ code, label: ACTION_STATUS_LABELS[code] }));

export function Actions({ analysis, change }: { analysis: Analysis; change: AnalysisChange }) {
  const recommendations = analysis.recommendations.map((item) => ({ id: item.id, label: item.text }));
  const { owner } = analysis;
  return (
    <ChainSection
      id="actions"
      title="Actions"
      empty="No actions yet."
      items={analysis.actions}
      add={{
        summary: 'Add an action',
        form: <ActionForm owner={owner} change={change} recommendations={recommendations} />,
      }}
    >
      {(action) => (
        <>
          <EditableItem
            id={action.id}
            about={`action ${action.text}`}
            removed="Action removed."
            change={change}
            view={<ActionView action={action} />}
            form={(done) => <ActionForm owner={owner} change={change} action={action} done={done} />}
          />
          <LinkedFrom
            legend="Carries out the recommendations"
            to={action.id}
            candidates={recommendations}
            links={analysis.links}
            change={change}
            empty="Add a recommendation for this action to carry out."
          />
          <EvidenceOfImpact action={action} change={change} />
        </>
      )}
    </ChainSection>
  );
}

/** "Overdue" is worked out here from the due date and today's date where the reviewer is. */
export function OverdueTag({ action }: { action: Pick<Action, 'dueOn' | 'status'> }) {
  return isOverdue(action, todayIso()) ? <span className="tag overdue">Overdue</span> : null;
}

function ActionView({ action }: { action: Action }) {
  return (
    <>
      <p className="item-title">
        {action.text} <OverdueTag action={action} />
      </p>
      <p className="item-meta">
        {ACTION_STATUS_LABELS[action.status]} · Owner: {action.ownerAgency ?? 'none'}
        {action.ownerRole ? `, ${action.ownerRole}` : ''} · Due: {action.dueOn ? formatIsoUk(action.dueOn) : 'no date'}
      </p>
      <p className="item-meta">Outcome measure: {action.outcomeMeasure ?? 'none yet'}</p>
    </>
  );
}

function ActionForm({
  owner,
  change,
  action,
  recommendations = [],
  done,
}: {
  owner: AnalysisOwner;
  change: AnalysisChange;
  action?: Action;
  recommendations?: readonly { id: string; label: string }[];
  done?: () => void;
}) {
  const [text, setText] = useState(action?.text ?? '');
  const [recommendationId, setRecommendationId] = useState('');
  const [ownerAgency, setOwnerAgency] = useState(action?.ownerAgency ?? '');
  const [ownerRole, setOwnerRole] = useState(action?.ownerRole ?? '');
  const [dueOn, setDueOn] = useState(action?.dueOn ?? '');
  const [status, setStatus] = useState<ActionStatus>(action?.status ?? 'not-started');
  const [outcomeMeasure, setOutcomeMeasure] = useState(action?.outcomeMeasure ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = { text, ownerAgency, ownerRole, dueOn: dueOn || null, status, outcomeMeasure };
    const ok = action
      ? await change('analysis.action.update', { id: action.id, ...fields }, 'Action saved.')
      : await change(
          'analysis.action.create',
          { owner, ...fields, ...(recommendationId ? { recommendationId } : {}) },
          'Action added.',
        );
    if (ok && !action) {
      setText('');
      setOwnerAgency('');
      setOwnerRole('');
      setDueOn('');
      setStatus('not-started');
      setOutcomeMeasure('');
    }
    if (ok) done?.();
  }

  return (
    <form className="item-form" onSubmit={submit} aria-label={action ? 'Edit action' : 'Add an action'}>
      {action ? null : (
        <SelectField
          label="For the recommendation"
          value={recommendationId}
          onChange={setRecommendationId}
          empty="Choose later"
          options={recommendations.map((item) => ({ code: item.id, label: item.label }))}
        />
      )}
      <TextField label="Action" value={text} onChange={setText} rows={2} />
      <div className="field-row">
        <TextField label="Owner agency" value={ownerAgency} onChange={setOwnerAgency} />
        <TextField label="Owner role" value={ownerRole} onChange={setOwnerRole} />
      </div>
      <div className="field-row">
        <DateField label="Due date" hint="dd/mm/yyyy" value={dueOn} onChange={setDueOn} />
        <SelectField
          label="Status"
          value={status}
          onChange={(value) => setStatus(value || 'not-started')}
          options={STATUS_CHOICES}
        />
      </div>
      <TextField
        label="Outcome measure"
        hint="What would show that it worked"
        value={outcomeMeasure}
        onChange={setOutcomeMeasure}
        rows={2}
      />
      <FormButtons label={action ? 'Save action' : 'Add action'} disabled={!text.trim()} done={done} />
    </form>
  );
}

function EvidenceOfImpact({ action, change }: { action: Action; change: AnalysisChange }) {
  const [recordedOn, setRecordedOn] = useState(todayIso());
  const [source, setSource] = useState<EvidenceSource>('note');
  const [text, setText] = useState('');
  return (
    <details className="impact">
      <summary>Evidence of impact ({action.evidence.length})</summary>
      {action.evidence.length > 0 ? (
        <ul>
          {action.evidence.map((item) => (
            <li key={item.id}>
              {formatIsoUk(item.recordedOn)}, {EVIDENCE_SOURCE_LABELS[item.source]}: {item.text}{' '}
              <button
                type="button"
                className="link"
                onClick={() => void change('analysis.action.removeEvidence', { id: item.id }, 'Evidence removed.')}
              >
                Remove<span className="visually-hidden"> evidence of {formatIsoUk(item.recordedOn)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="item-form"
        aria-label="Record evidence of impact"
        onSubmit={async (event) => {
          event.preventDefault();
          const ok = await change(
            'analysis.action.addEvidence',
            { actionId: action.id, recordedOn, source, text },
            'Evidence recorded.',
          );
          if (ok) setText('');
        }}
      >
        <div className="field-row">
          <DateField label="Date" value={recordedOn} onChange={setRecordedOn} />
          <SelectField
            label="Source"
            value={source}
            onChange={(value) => setSource(value || 'note')}
            options={EVIDENCE_SOURCES.map((code) => ({ code, label: EVIDENCE_SOURCE_LABELS[code] }))}
          />
        </div>
        <TextField label="What it showed" value={text} onChange={setText} rows={2} />
        <button type="submit" className="secondary" disabled={!text.trim()}>
          Record evidence
        </button>
      </form>
    </details>
  );
}
