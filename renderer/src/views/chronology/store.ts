import { create } from 'zustand';
import type {
  ChannelInput,
  ChronologyEntry,
  EntryUpdateResult,
  EntryUpdateValues,
  ImportCommitResult,
} from '../../../../shared/api/contract.js';
import { type ChangeOptions, refresh, setData, updateData } from '../../state/data.js';
import { useSession } from '../../state/session.js';

/**
 * What the chronology tab remembers beyond the vault's answers: the review shown,
 * its filters, the undo stack of inline edits and the last import's outcome. The
 * entries themselves are read like everything else, through `useData`: a page of
 * `PAGE_SIZE` rows at a time (a review can hold 100,000 entries; only the pages
 * the table scrolls past are asked for).
 */

export type ListFilters = NonNullable<ChannelInput<'chronology.list'>['filters']>;

export const PAGE_SIZE = 200;
/** How many edits Undo can step back through. */
const UNDO_LIMIT = 50;

export interface UndoStep {
  entryId: string;
  /** What the edit changed, for the status line: "Event". */
  label: string;
  previous: EntryUpdateValues;
}

interface ChronologyState {
  reviewId: string | null;
  filters: ListFilters;
  undo: UndoStep[];
  /** The last import's outcome, shown above the table once. */
  lastImport: (ImportCommitResult & { agency: string; fileName: string }) | null;
}

const initialState: ChronologyState = { reviewId: null, filters: {}, undo: [], lastImport: null };

export const useChronology = create<ChronologyState>()(() => initialState);

// The undo stack holds entries' earlier values: it goes when the vault locks.
useSession.subscribe((state, previous) => {
  if (previous.phase === 'unlocked' && state.phase !== 'unlocked') useChronology.setState(initialState, true);
});

/** Shows a review's chronology (keeps the state when it is already the one shown). */
export function openReview(reviewId: string): void {
  if (useChronology.getState().reviewId === reviewId) return;
  useChronology.setState({ ...initialState, reviewId });
}

export function setFilters(filters: ListFilters): void {
  useChronology.setState({ filters });
}

/** The request for one page of the list as filtered. */
export function pageInput(reviewId: string, filters: ListFilters, page: number): ChannelInput<'chronology.list'> {
  return { reviewId, filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
}

export function rowAt(pages: Record<number, ChronologyEntry[]>, index: number): ChronologyEntry | undefined {
  return pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
}

/** Everything an entry shows up in: the list's pages, the entry panel, duplicates, search, the timeline. */
export const ENTRIES_CHANGED = ['chronology.', 'episodes.'];

/** Shows a changed entry at once wherever it is cached; the list is then read again (the edit may move it). */
function keep(entry: ChronologyEntry): void {
  setData('chronology.get', { id: entry.id }, entry);
  updateData('chronology.list', (list) => ({
    ...list,
    entries: list.entries.map((row) => (row.id === entry.id ? entry : row)),
  }));
}

/** The options for `useChange().run('chronology.update', …)`: an inline edit, remembered for Undo. */
export function editOptions(label: string): ChangeOptions<EntryUpdateResult> {
  return {
    apply: (result) => {
      keep(result.entry);
      if (Object.keys(result.previous).length === 0) return;
      const step = { entryId: result.entry.id, label, previous: result.previous };
      useChronology.setState((state) => ({ undo: [...state.undo, step].slice(-UNDO_LIMIT) }));
    },
    refresh: ENTRIES_CHANGED,
  };
}

/** The options for undoing `step`: it leaves the stack once its values are back. */
export function undoOptions(step: UndoStep): ChangeOptions<EntryUpdateResult> {
  return {
    apply: (result) => {
      keep(result.entry);
      useChronology.setState((state) => ({ undo: state.undo.filter((other) => other !== step) }));
    },
    refresh: ENTRIES_CHANGED,
  };
}

/** After an import: its outcome is shown once, and the list and the review's agencies are read again. */
export function recordImport(result: ChronologyState['lastImport']): void {
  useChronology.setState({ lastImport: result });
  void refresh(...ENTRIES_CHANGED, 'reviews.get');
}
