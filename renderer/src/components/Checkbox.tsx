import { type ReactNode, useId } from 'react';

/** A checkbox with its label after it, as the app's forms lay them out. */
export function Checkbox({
  label,
  checked,
  onChange,
  id,
  className = 'checkbox',
}: {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Only where a page links to it or a test names it; otherwise one is made. */
  id?: string;
  className?: string;
}) {
  const madeId = useId();
  const inputId = id ?? madeId;
  return (
    <div className={className}>
      <input id={inputId} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={inputId}>{label}</label>
    </div>
  );
}
