import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { FieldError } from '../../components/Field.js';
import { RowButton } from '../../components/RowButton.js';

/**
 * A list of names (agencies, lead reviewers) built one at a time: type, press Add
 * (or Enter), remove with the button beside each. Each name once, ignoring case.
 */
export function NameListField({
  label,
  itemLabel,
  hint,
  values,
  onChange,
  error,
}: {
  label: string;
  /** "agency": used in "Add agency", "Remove agency X". */
  itemLabel: string;
  hint?: string;
  values: string[];
  onChange: (values: string[]) => void;
  error?: string | null | undefined;
}) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const shownError = problem ?? error ?? null;

  function add() {
    const name = draft.trim();
    if (!name) {
      setProblem(`Type the ${itemLabel} to add.`);
      return;
    }
    if (values.some((value) => value.toLowerCase() === name.toLowerCase())) {
      setProblem(`"${name}" is already in the list.`);
      return;
    }
    onChange([...values, name]);
    setDraft('');
    setProblem(null);
    inputRef.current?.focus();
  }

  function remove(index: number) {
    const next = values.filter((_, position) => position !== index);
    onChange(next);
    setProblem(null);
    inputRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter adds the name rather than submitting the whole form.
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  }

  return (
    <fieldset className={`field name-list${shownError ? ' field-invalid' : ''}`}>
      <legend>{label}</legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {values.length > 0 ? (
        <ul className="name-list-items">
          {values.map((value, index) => (
            <li key={value}>
              <span>{value}</span>
              <RowButton about={`${itemLabel} ${value}`} onClick={() => remove(index)}>
                Remove
              </RowButton>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted name-list-empty">None added yet.</p>
      )}
      {shownError ? <FieldError id={errorId} message={shownError} /> : null}
      <label htmlFor={id} className="name-list-label">
        {`${itemLabel.charAt(0).toUpperCase()}${itemLabel.slice(1)} to add`}
      </label>
      <div className="name-list-add">
        <input
          id={id}
          ref={inputRef}
          type="text"
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            setProblem(null);
          }}
          onKeyDown={onKeyDown}
          aria-describedby={[hintId, shownError ? errorId : null].filter(Boolean).join(' ') || undefined}
          aria-invalid={shownError ? true : undefined}
          maxLength={200}
          autoComplete="off"
        />
        <button type="button" className="secondary" onClick={add}>
          Add {itemLabel}
        </button>
      </div>
    </fieldset>
  );
}
