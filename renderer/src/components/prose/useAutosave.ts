import { useEffect, useRef, useState } from 'react';
import { finishBeforeLock } from '../../state/session.js';

/**
 * Saving as the reviewer types: a change is saved once typing has paused for
 * `delayMs` (a second), at once when `flush()` is called (the editor loses focus),
 * before the vault locks, and when the component goes (the reviewer moves to another screen) or the page is
 * hidden or closed. One save runs at a time; changes made during it are saved after it.
 * A failed save keeps the text to save and says why; the next change or `flush()` tries again.
 */

export type SaveResult = { ok: true; savedAt: string } | { ok: false; error: string };

export interface SaveState {
  phase: 'saved' | 'waiting' | 'saving' | 'failed';
  /** When it was last saved (ISO instant); null if never. */
  savedAt: string | null;
  error: string | null;
}

export function useAutosave<T>(
  save: (value: T) => Promise<SaveResult>,
  savedAt: string | null,
  delayMs = 1000,
): { change: (value: T) => void; flush: () => void; state: SaveState } {
  const [state, setState] = useState<SaveState>({ phase: 'saved', savedAt, error: null });
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const underway = useRef<Promise<void> | null>(null);
  const latestSave = useRef(save);
  latestSave.current = save;

  /** Saves what is pending now; resolves when nothing is left to save or a save has failed. */
  function flush(): Promise<void> {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    // A save under way also saves what came while it ran, before it resolves.
    if (underway.current) return underway.current;
    if (!pending.current) return Promise.resolve();
    const run = (async () => {
      while (pending.current) {
        const { value } = pending.current;
        pending.current = null;
        setState((previous) => ({ ...previous, phase: 'saving', error: null }));
        const result = await latestSave.current(value);
        if (!result.ok) {
          // Keep it to save, unless newer text has come meanwhile.
          pending.current ??= { value };
          setState((previous) => ({ ...previous, phase: 'failed', error: result.error }));
          return;
        }
        setState({ phase: pending.current ? 'waiting' : 'saved', savedAt: result.savedAt, error: null });
      }
    })().finally(() => {
      underway.current = null;
    });
    underway.current = run;
    return run;
  }

  function change(value: T): void {
    pending.current = { value };
    setState((previous) => ({ ...previous, phase: 'waiting' }));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), delayMs);
  }

  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(() => {
    const now = () => void flushRef.current();
    window.addEventListener('pagehide', now);
    window.addEventListener('beforeunload', now);
    // Locking waits for this: text typed in the last second is saved before the vault closes.
    const stopWaiting = finishBeforeLock(() => flushRef.current());
    return () => {
      window.removeEventListener('pagehide', now);
      window.removeEventListener('beforeunload', now);
      stopWaiting();
      now();
    };
  }, []);

  return { change, flush: () => void flush(), state };
}
