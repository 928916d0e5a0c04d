import { type ChangeEvent, type ReactNode, useId } from 'react';
import { UkDateInput } from './UkDateInput.js';

export interface FieldIds {
  id: string;
  hintId: string | undefined;
  errorId: string | undefined;
  /** For aria-describedby: the hint and the error, when present. */
  describedBy: string | undefined;
  invalid: true | undefined;
}

/**
 * A labelled field with an optional hint and its own error message beside it.
 * `children` receives the ids to put on the control.
 */
export function Field({
  label,
  hint,
  error,
  className,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  className?: string;
  children: (ids: FieldIds) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? <FieldError id={errorId} message={error} /> : null}
      {children({ id, hintId, errorId, describedBy, invalid: error ? true : undefined })}
    </div>
  );
}

export function FieldError({ id, message }: { id: string | undefined; message: string }) {
  return (
    <p className="field-error" id={id}>
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

type FieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  /** On the field's wrapper. */
  fieldClassName?: string;
};

/**
 * A labelled text box, its hint and error wired to it: one line, or a text area
 * of `rows` lines. `onChange` receives the text.
 */
export function TextField({
  label,
  hint,
  error,
  fieldClassName,
  value,
  onChange,
  rows,
  ...control
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  maxLength?: number;
  disabled?: boolean;
  className?: string;
  inputMode?: 'numeric';
  /** The id of a datalist of suggestions (one line only). */
  list?: string;
  onBlur?: () => void;
}) {
  return (
    <Field label={label} hint={hint} error={error} className={fieldClassName}>
      {(ids) => {
        const props = {
          ...control,
          id: ids.id,
          value,
          onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(event.target.value),
          'aria-describedby': ids.describedBy,
          'aria-invalid': ids.invalid,
        };
        return rows ? <textarea rows={rows} {...props} /> : <input type="text" autoComplete="off" {...props} />;
      }}
    </Field>
  );
}

/**
 * A labelled date typed the UK way (dd/mm/yyyy), its hint and error wired to it.
 * `onChange` receives what `UkDateInput` gives: the ISO date, '' when cleared, or
 * the text as typed when it is not a date (so the main process can say why).
 */
export function DateField({
  value,
  onChange,
  className,
  disabled,
  ...field
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  className?: string;
  disabled?: boolean;
}) {
  return (
    <Field label={field.label} hint={field.hint} error={field.error} className={field.fieldClassName}>
      {(ids) => (
        <UkDateInput
          id={ids.id}
          className={className}
          disabled={disabled}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={ids.describedBy}
          aria-invalid={ids.invalid}
        />
      )}
    </Field>
  );
}

/** One option, shaped as the shared lists are (`PERSON_ROLES`, `PLACES_OF_DEATH`). */
export interface Choice<V extends string> {
  code: V;
  label: string;
}

/**
 * A labelled choice from a list. `empty` is the first option, meaning nothing is
 * chosen ("Choose a role", "Not recorded"); without it a value is always chosen.
 */
export function SelectField<V extends string>({
  value,
  onChange,
  options,
  empty,
  ...field
}: FieldProps & {
  value: V | '';
  onChange: (value: V | '') => void;
  options: readonly Choice<V>[];
  empty?: string;
}) {
  return (
    <Field label={field.label} hint={field.hint} error={field.error} className={field.fieldClassName}>
      {(ids) => (
        <select
          id={ids.id}
          value={value}
          onChange={(event) => onChange(event.target.value as V | '')}
          aria-describedby={ids.describedBy}
          aria-invalid={ids.invalid}
        >
          {empty === undefined ? null : <option value="">{empty}</option>}
          {options.map((option) => (
            <option key={option.code} value={option.code}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
