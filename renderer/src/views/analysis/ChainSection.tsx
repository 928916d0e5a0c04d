import { type ReactNode, useState } from 'react';
import type { AnalysisChange } from './analysis-change.js';

/**
 * The parts every section of the chain shares: its heading and items (each a focus
 * target the traceability check can open), the add form folded away until wanted,
 * an item's Edit and Remove, and a form's buttons.
 */
export function ChainSection<T extends { id: string }>({
  id,
  title,
  empty,
  items,
  children,
  add,
}: {
  id: string;
  title: string;
  empty: ReactNode;
  items: readonly T[];
  children: (item: T) => ReactNode;
  add?: { summary: string; form: ReactNode };
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="analysis-section">
      <h2 id={`${id}-heading`}>{title}</h2>
      {items.length === 0 ? <p className="muted">{empty}</p> : null}
      <ul className="items">
        {items.map((item) => (
          <li key={item.id} id={`item-${item.id}`} tabIndex={-1} className="item">
            {children(item)}
          </li>
        ))}
      </ul>
      {add ? (
        <details className="add-item">
          <summary>{add.summary}</summary>
          {add.form}
        </details>
      ) : null}
    </section>
  );
}

/** An item as shown, or its form while it is edited; `about` names it to screen readers ("finding Missed contacts…"). */
export function EditableItem({
  id,
  about,
  removed,
  change,
  view,
  form,
}: {
  id: string;
  about: string;
  removed: string;
  change: AnalysisChange;
  view: ReactNode;
  form: (done: () => void) => ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  if (editing) return form(() => setEditing(false));
  return (
    <>
      {view}
      <div className="row-buttons">
        <button type="button" className="link" onClick={() => setEditing(true)}>
          Edit<span className="visually-hidden"> {about}</span>
        </button>
        <button type="button" className="link" onClick={() => void change('analysis.remove', { id }, removed)}>
          Remove<span className="visually-hidden"> {about}</span>
        </button>
      </div>
    </>
  );
}

/** Add (or Save) and, while editing, Cancel. */
export function FormButtons({
  label,
  disabled,
  done,
}: {
  label: string;
  disabled: boolean;
  done?: (() => void) | undefined;
}) {
  return (
    <div className="row-buttons">
      <button type="submit" className="secondary" disabled={disabled}>
        {label}
      </button>
      {done ? (
        <button type="button" className="link" onClick={done}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
