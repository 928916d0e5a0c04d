import type { ReactNode } from 'react';

/**
 * A small button beside an item in a list or a row ("Remove", "Edit"), styled as
 * a link. `about` completes its name for screen readers, so ten Remove buttons
 * are told apart ("Remove learning point: …").
 */
export function RowButton({
  children,
  about,
  onClick,
  danger = false,
}: {
  children: ReactNode;
  about: string;
  onClick: () => void;
  danger?: boolean;
}) {
  return (
    <button type="button" className={danger ? 'link danger-link' : 'link'} onClick={onClick}>
      {children}
      <span className="visually-hidden"> {about}</span>
    </button>
  );
}
