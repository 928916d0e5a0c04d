import { type FormEvent, useId, useState } from 'react';
import { BANK_HOLIDAYS_LAST_YEAR, BANK_HOLIDAYS_SOURCE } from '../../../shared/calendar/index.js';
import { ErrorAlert, StatusMessage } from '../components/Alert.js';
import { Pending } from '../components/Pending.js';
import { UkDateInput, ukDateProblem } from '../components/UkDateInput.js';
import { formatDateLong } from '../format.js';
import { useChange, useData } from '../state/data.js';

/**
 * The reviewer's own non-working days, kept in the vault's settings: working-day
 * deadlines skip them as they skip weekends and bank holidays. Each change saves
 * the whole list; the main process checks and sorts it.
 */
export function NonWorkingDays() {
  const headingId = useId();
  const dateId = useId();
  const settings = useData('settings.get', {});
  const { run, busy, message, status } = useChange();
  const [date, setDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const days = settings.value?.extraNonWorkingDays;

  async function save(next: string[], done: string) {
    // A due date on any review may move: the reviews are read again with the settings.
    return run(
      'settings.update',
      { extraNonWorkingDays: next },
      { refresh: ['settings.', 'reviews.', 'audit.'], done },
    );
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!days || busy) return;
    const typed = date.trim() === '' ? 'Enter a date, e.g. 29/12/2028.' : ukDateProblem(date);
    const twice = days.includes(date) ? 'That day is already in the list.' : null;
    setProblem(typed ?? twice);
    if (typed || twice) return;
    const outcome = await save([...days, date], `${formatDateLong(date)} added: due dates skip it.`);
    if (outcome.ok) setDate('');
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Non-working days</h2>
      <p className="hint">
        Working-day deadlines (notification and rapid review) skip weekends and the bank holidays of England and Wales
        to the end of {BANK_HOLIDAYS_LAST_YEAR} ({BANK_HOLIDAYS_SOURCE}). Add any other day that is not a working day: a
        local closure, or a bank holiday announced after {BANK_HOLIDAYS_LAST_YEAR}.
      </p>
      {days === undefined ? (
        <Pending data={settings} loading="Loading settings…" />
      ) : (
        <>
          {days.length === 0 ? (
            <p className="muted">No extra non-working days.</p>
          ) : (
            <ul className="non-working-days">
              {days.map((day) => (
                <li key={day}>
                  {formatDateLong(day)}{' '}
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    aria-label={`Remove ${formatDateLong(day)}`}
                    onClick={() =>
                      void save(
                        days.filter((other) => other !== day),
                        `${formatDateLong(day)} removed.`,
                      )
                    }
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form onSubmit={add} noValidate>
            <div className="field">
              <label htmlFor={dateId}>Add a non-working day</label>
              <p className="hint" id={`${dateId}-hint`}>
                dd/mm/yyyy
              </p>
              <UkDateInput
                id={dateId}
                className="date"
                value={date}
                onChange={(event) => {
                  setDate(event.target.value);
                  setProblem(null);
                }}
                aria-describedby={`${dateId}-hint`}
                aria-invalid={problem !== null || undefined}
              />
            </div>
            <ErrorAlert message={problem ?? message} />
            <StatusMessage message={status} />
            <button type="submit" className="secondary" disabled={busy}>
              Add day
            </button>
          </form>
        </>
      )}
    </section>
  );
}
