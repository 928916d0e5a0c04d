import { type Ref, useId, useState } from 'react';

interface PasswordFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  hint?: string;
  describedBy?: string;
  invalid?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  required?: boolean;
  autoFocus?: boolean;
}

/** A labelled password input with a Show / Hide toggle. */
export function PasswordField(props: PasswordFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const [visible, setVisible] = useState(false);
  const describedBy = [props.hint ? hintId : null, props.describedBy].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <div className="password-row">
        <input
          id={id}
          ref={props.inputRef}
          type={visible ? 'text' : 'password'}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
          autoComplete={props.autoComplete}
          aria-describedby={describedBy}
          aria-invalid={props.invalid || undefined}
          required={props.required}
          // biome-ignore lint/a11y/noAutofocus: the single field of a focused task screen
          autoFocus={props.autoFocus}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
        />
        <button
          type="button"
          className="secondary toggle"
          onClick={() => setVisible((shown) => !shown)}
          aria-controls={id}
        >
          {visible ? 'Hide' : 'Show'}
          <span className="visually-hidden"> {props.label.toLowerCase()}</span>
        </button>
      </div>
    </div>
  );
}
