import { type FormEvent, useEffect, useId, useState } from 'react';
import { FORM_DUE_DAYS, OPEN_CASE_DAYS } from '../../../../shared/cdop/pathway.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { useChange, useData } from '../../state/data.js';

const wholeDays = (text: string, limits: { min: number; max: number }): number | null => {
  const value = Number(text.trim());
  return /^\d+$/.test(text.trim()) && value >= limits.min && value <= limits.max ? value : null;
};

const rangeProblem = ({ min, max }: { min: number; max: number }) =>
  `Enter a whole number of days from ${min} to ${max}.`;

/** The pathway's two thresholds, kept in the vault's settings (on the Settings screen). */
export function ChildDeathSettingsForm() {
  const headingId = useId();
  const settings = useData('settings.get', {});
  const { run, busy, message, status } = useChange();
  const [dueDays, setDueDays] = useState('');
  const [openDays, setOpenDays] = useState('');
  const [loaded, setLoaded] = useState(false);

  // Starts from the settings as read; later answers do not overwrite what is being typed.
  useEffect(() => {
    if (settings.value && !loaded) {
      setDueDays(String(settings.value.cdopFormDueDays));
      setOpenDays(String(settings.value.cdopOpenCaseDays));
      setLoaded(true);
    }
  }, [settings.value, loaded]);

  const due = wholeDays(dueDays, FORM_DUE_DAYS);
  const open = wholeDays(openDays, OPEN_CASE_DAYS);
  const dueProblem = due === null ? rangeProblem(FORM_DUE_DAYS) : null;
  const openProblem = open === null ? rangeProblem(OPEN_CASE_DAYS) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (due === null || open === null) return;
    await run(
      'settings.update',
      { cdopFormDueDays: due, cdopOpenCaseDays: open },
      { refresh: ['settings.', 'audit.', 'cdop.pathway.get', 'cdop.workList'], done: 'Child death settings saved.' },
    );
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Child death reviews</h2>
      <form onSubmit={submit} noValidate aria-busy={!loaded}>
        <TextField
          label="Agency forms are due after (days)"
          hint="Calendar days from the request, for every form not given its own due date."
          className="narrow"
          inputMode="numeric"
          value={dueDays}
          onChange={setDueDays}
          error={loaded ? dueProblem : null}
        />
        <TextField
          label="Work list: cases open longer than (days)"
          hint="Calendar days from notification; reviewed and closed cases are not listed."
          className="narrow"
          inputMode="numeric"
          value={openDays}
          onChange={setOpenDays}
          error={loaded ? openProblem : null}
        />
        <ErrorAlert message={message ?? settings.error} />
        <StatusMessage message={status} />
        <button type="submit" className="primary" disabled={!loaded || busy || due === null || open === null}>
          Save child death settings
        </button>
      </form>
    </section>
  );
}
