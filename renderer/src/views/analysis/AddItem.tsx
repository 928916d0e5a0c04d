import type { ReactNode } from 'react';

/** A form to add an item, folded away until wanted so the chain stays readable on one screen. */
export function AddItem({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="add-item">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
