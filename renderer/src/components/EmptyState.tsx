import { type ReactNode, useId } from 'react';

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="empty-state" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p>{children}</p>
    </section>
  );
}
