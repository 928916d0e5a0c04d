import { create } from 'zustand';
import type {
  ChannelInput,
  ChronologyEntry,
  EntryUpdateValues,
  ImportCommitResult,
} from '../../../../shared/api/contract.js';
import { call } from '../../api/client.js';
import { useSession } from '../../state/session.js';

/**
 * The chronology tab's state: the integrated chronology read a page at a time (a
 * review can hold 100,000 entries; only the pages the table scrolls past are
 * fetched), the filters, and the undo stack of inline edits. Views read it with
 * selectors (`useChronology((state) => state.total)`) and change it only through
 * the functions below.
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
  /** Entries matching the filters; null until the first page arrives. */
  total: number | null;
  pages: Record<number, ChronologyEntry[]>;
  /** Bumped whenever the list must be read again (filters, an import, an edit that moves a row). */
  generation: number;
  error: string | null;
  /** Entries fetched one by one for the side panel. */
  opened: Record<string, ChronologyEntry>;
  undo: UndoStep[];
  /** The last import's outcome, shown above the table once. */
  lastImport: (ImportCommitResult & { agency: string; fileName: string }) | null;
}

const initialState: ChronologyState = {
  reviewId: null,
  filters: {},
  total: null,
  pages: {},
  generation: 0,
  error: null,
  opened: {},
  undo: [],
  lastImport: null,
};

export const useChronology = create<ChronologyState>()(() => initialState);

// Nothing read from the vault stays in memory once it is locked.
useSession.subscribe((state, previous) => {
  if (previous.phase === 'unlocked' && state.phase !== 'unlocked') useChronology.setState(initialState, true);
});

const inFlight = new Set<string>();

/** Shows a review's chronology (keeps the state when it is already the one shown). */
export function openReview(reviewId: string): void {
  if (useChronology.getState().reviewId === reviewId) return;
  useChronology.setState({ ...initialState, reviewId, generation: useChronology.getState().generation + 1 });
}

export function setFilters(filters: ListFilters): void {
  useChronology.setState((state) => ({ filters, pages: {}, total: null, generation: state.generation + 1 }));
}

/** Reads the list again from the start (after an import or an edit that may move rows). */
export function reload(): void {
  useChronology.setState((state) => ({ pages: {}, total: null, generation: state.generation + 1 }));
}

/** Fetches the pages covering rows `first`..`last` that are not loaded yet. */
export function ensureRows(first: number, last: number): void {
  const { reviewId, filters, pages, generation } = useChronology.getState();
  if (!reviewId) return;
  const firstPage = Math.floor(Math.max(0, first) / PAGE_SIZE);
  const lastPage = Math.floor(Math.max(0, last) / PAGE_SIZE);
  for (let page = firstPage; page <= lastPage; page += 1) {
    const key = `${generation}:${page}`;
    if (pages[page] || inFlight.has(key)) continue;
    inFlight.add(key);
    call('chronology.list', { reviewId, filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
      .then((result) => {
        // An answer for older filters must not land in the new list.
        if (useChronology.getState().generation !== generation) return;
        useChronology.setState((state) => ({
          total: result.total,
          pages: { ...state.pages, [page]: result.entries },
          error: null,
        }));
      })
      .catch((error: unknown) => {
        if (useChronology.getState().generation === generation) {
          useChronology.setState({ error: error instanceof Error ? error.message : String(error) });
        }
      })
      .finally(() => inFlight.delete(key));
  }
}

export function rowAt(pages: Record<number, ChronologyEntry[]>, index: number): ChronologyEntry | undefined {
  return pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
}

/** Puts a changed entry wherever it is shown. */
function keep(entry: ChronologyEntry): void {
  useChronology.setState((state) => {
    const pages: Record<number, ChronologyEntry[]> = {};
    for (const [page, rows] of Object.entries(state.pages)) {
      pages[Number(page)] = rows.some((row) => row.id === entry.id)
        ? rows.map((row) => (row.id === entry.id ? entry : row))
        : rows;
    }
    return { pages, opened: state.opened[entry.id] ? { ...state.opened, [entry.id]: entry } : state.opened };
  });
}

/** Fields whose change can move the entry in the integrated order: the list is read again. */
const ORDERING_FIELDS = new Set(['date', 'time', 'sequence', 'agency']);

function movesRow(values: object): boolean {
  return Object.keys(values).some((field) => ORDERING_FIELDS.has(field));
}

/** Saves an inline edit and remembers what it replaced, for Undo. */
export async function updateEntry(input: ChannelInput<'chronology.update'>, label: string): Promise<ChronologyEntry> {
  const result = await call('chronology.update', input);
  keep(result.entry);
  if (Object.keys(result.previous).length > 0) {
    useChronology.setState((state) => ({
      undo: [...state.undo, { entryId: input.id, label, previous: result.previous }].slice(-UNDO_LIMIT),
    }));
  }
  if (movesRow(result.previous)) reload();
  return result.entry;
}

/** Puts back the values the last edit replaced; returns that step, or null when there is nothing to undo. */
export async function undoLast(): Promise<UndoStep | null> {
  const step = useChronology.getState().undo.at(-1);
  if (!step) return null;
  const result = await call('chronology.update', { id: step.entryId, ...step.previous });
  useChronology.setState((state) => ({ undo: state.undo.slice(0, -1) }));
  keep(result.entry);
  if (movesRow(step.previous)) reload();
  return step;
}

export async function loadEntry(id: string): Promise<ChronologyEntry> {
  const entry = await call('chronology.get', { id });
  useChronology.setState((state) => ({ opened: { ...state.opened, [id]: entry } }));
  return entry;
}

export function recordImport(result: ChronologyState['lastImport']): void {
  useChronology.setState({ lastImport: result });
  reload();
}
