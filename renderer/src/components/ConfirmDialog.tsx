import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useChange } from '../state/data.js';

/**
 * A modal confirmation for something that changes a lot or cannot be undone. The
 * native <dialog> traps focus, closes on Escape and returns focus to where it was;
 * Cancel has focus first, so Enter does nothing harmful.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy = false,
  danger = false,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  danger?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId}>{children}</div>
      <div className="alert" role="alert">
        {error ?? null}
      </div>
      <div className="actions">
        <button type="button" className="secondary" ref={cancelRef} onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm} disabled={busy}>
          {busy ? 'Please wait…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/**
 * A change the reviewer confirms first: `asking` is what the dialog asks about
 * (null while it is closed), and the change's wait and error show in the dialog
 * (`dialog` is spread onto it). Asking again starts without the last error.
 */
export function useConfirmedChange<T>() {
  const [asking, setAsking] = useState<T | null>(null);
  const change = useChange();
  const close = () => setAsking(null);
  return {
    ...change,
    asking,
    ask: (subject: T) => {
      change.clear();
      setAsking(subject);
    },
    close,
    dialog: { open: asking !== null, busy: change.busy, error: change.message, onCancel: close },
  };
}
