import { type ReactNode, useId } from 'react';
import type { Choice } from './Field.js';

/**
 * A question answered by one of a few choices, as radios under a legend. `empty`
 * adds a last choice meaning no answer ("Not recorded"), so an unknown answer
 * stays unknown.
 */
export function Radios<V extends string>({
  legend,
  hint,
  value,
  onChange,
  options,
  empty,
  inline = false,
}: {
  legend: string;
  hint?: ReactNode;
  value: V | '';
  onChange: (value: V | '') => void;
  options: readonly Choice<V>[];
  empty?: string;
  inline?: boolean;
}) {
  const name = useId();
  const choices: readonly Choice<V | ''>[] = empty === undefined ? options : [...options, { code: '', label: empty }];
  return (
    <fieldset className={inline ? 'radios inline' : 'radios'}>
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      {choices.map((option) => (
        <label key={option.code} className="radio">
          <input
            type="radio"
            name={name}
            value={option.code}
            checked={value === option.code}
            onChange={() => onChange(option.code)}
          />{' '}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
