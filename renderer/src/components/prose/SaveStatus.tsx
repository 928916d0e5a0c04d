import { formatDateTime } from '../../format.js';
import type { SaveState } from './useAutosave.js';

/** Says where the text stands: saved (and when), waiting to save, saving, or not saved and why. */
export function SaveStatus({ state, id, onRetry }: { state: SaveState; id?: string; onRetry: () => void }) {
  const saved = state.savedAt ? `Saved ${formatDateTime(state.savedAt)}` : 'Not saved yet';
  return (
    <div className={`save-status ${state.phase}`} id={id}>
      <span role="status">
        {state.phase === 'saved'
          ? saved
          : state.phase === 'waiting'
            ? 'Changed: saves when you pause'
            : state.phase === 'saving'
              ? 'Saving…'
              : null}
      </span>
      <span role="alert">{state.phase === 'failed' ? `Not saved: ${state.error}` : null}</span>
      {state.phase === 'failed' ? (
        <button type="button" className="secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
