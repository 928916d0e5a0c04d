import { type InputHTMLAttributes, useEffect, useRef, useState } from 'react';
import { formatIsoUk } from '../../../shared/dates/fuzzy-date.js';
import { isoOfUkDate, parseUkDate } from '../../../shared/dates/uk-date.js';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> & {
  /** ISO `YYYY-MM-DD`, or '' when empty. */
  value: string;
  /**
   * Called as a date input's onChange is: `target.value` is the ISO date, '' when
   * cleared, or the text as typed when it is not a real date (so a form sends it
   * and the main process refuses it with a message rather than losing it).
   */
  onChange: (event: { target: { value: string } }) => void;
};

/** Why a value of this input (ISO, or the text as typed) is not a date; null when it is one or is empty. */
export function ukDateProblem(value: string): string | null {
  if (value.trim() === '') return null;
  const parsed = parseUkDate(value);
  if (!parsed.ok) return parsed.reason;
  return parsed.date.time ? 'Enter a date without a time' : null;
}

/**
 * A date typed the UK way (dd/mm/yyyy; ISO accepted too). Chromium's own date
 * field shows the order of the browser's language, which may be American; this one
 * is always day first, and says at once why 31/02/2015 is not a date.
 */
export function UkDateInput({ value, onChange, className, ...input }: Props) {
  const [text, setText] = useState(() => (value ? formatIsoUk(value) : ''));
  const [problem, setProblem] = useState<string | null>(null);
  const emitted = useRef(value);

  // A value set from outside (a reset, a loaded record) replaces what is shown.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatIsoUk(value) : value);
      setProblem(null);
    }
  }, [value]);

  function change(next: string) {
    setText(next);
    const parsed = parseUkDate(next);
    const out = next.trim() === '' ? '' : parsed.ok && !parsed.date.time ? isoOfUkDate(parsed.date) : next;
    setProblem(null);
    emitted.current = out;
    onChange({ target: { value: out } });
  }

  function check() {
    setProblem(ukDateProblem(text));
    const parsed = parseUkDate(text);
    if (parsed.ok && !parsed.date.time) setText(formatIsoUk(isoOfUkDate(parsed.date)));
  }

  return (
    <>
      <input
        {...input}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="dd/mm/yyyy"
        className={`uk-date${className ? ` ${className}` : ''}`}
        value={text}
        aria-invalid={problem ? true : input['aria-invalid']}
        onChange={(event) => change(event.target.value)}
        onBlur={(event) => {
          check();
          input.onBlur?.(event);
        }}
      />
      {problem ? (
        <span className="field-error" role="alert">
          {problem}
        </span>
      ) : null}
    </>
  );
}
