import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { ChronologyEntry } from '../../../../shared/api/contract.js';
import { errorMessage } from '../../api/client.js';
import { sentence } from '../../components/Alert.js';
import { useChange, useDataList } from '../../state/data.js';
import { COLUMNS, type Column, GRID_TEMPLATE, updateValue } from './columns.js';
import { editOptions, PAGE_SIZE, pageInput, rowAt, useChronology } from './store.js';

/**
 * The integrated chronology as an ARIA grid, virtualised: only the rows in view
 * (plus a margin) are in the page, so 20,000+ entries scroll smoothly, and the
 * rows' pages are fetched as they come into view. One cell is active at a time
 * (roving tabindex): arrow keys, Home/End (Ctrl for the first/last row) and
 * PageUp/PageDown move it; F2 or Enter edits an editable cell in place (Enter
 * saves, Escape cancels); Enter on the entry's number, or Ctrl+Enter anywhere, opens
 * the entry; Ctrl+Z undoes the last edit.
 */

/** Column 0 is the entry's number, its `ref` (opens the entry); the data columns follow. */
const COLUMN_COUNT = COLUMNS.length + 1;
const ESTIMATED_ROW_PX = 58;
const TEMPLATE = `3em ${GRID_TEMPLATE}`;

interface Editing {
  row: number;
  col: number;
  value: string;
  error: string | null;
  busy: boolean;
}

export function ChronologyGrid({
  reviewId,
  total,
  label,
  readOnly,
  onOpen,
  onUndo,
  onStatus,
  onError,
}: {
  reviewId: string;
  /** Entries matching the filters. */
  total: number;
  label: string;
  readOnly: boolean;
  onOpen: (entry: ChronologyEntry) => void;
  onUndo: () => void;
  onStatus: (message: string) => void;
  onError: (message: string | null) => void;
}) {
  const filters = useChronology((state) => state.filters);
  const { run } = useChange();
  const baseId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState({ row: 0, col: 1 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const focusPending = useRef(false);
  const committing = useRef(false);
  /** Set once an edit is closed, so a late blur from the removed editor saves nothing. */
  const closed = useRef(true);

  const activeRow = useRef(0);
  activeRow.current = active.row;
  /** Until this time a newly loaded page scrolls the active row back into view (rows change height as they load). */
  const followUntil = useRef(0);

  // The active row is always rendered, even when scrolled away, so keyboard focus is never lost.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (total > 0 && !indexes.includes(activeRow.current)) {
        indexes.push(activeRow.current);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [total],
  );

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 12,
    rangeExtractor,
  });
  const items = virtualizer.getVirtualItems();
  const first = virtualizer.range?.startIndex ?? 0;
  const last = virtualizer.range?.endIndex ?? 0;

  // The pages covering the rows in view, a margin either side, and the active row (kept rendered).
  const wanted = [
    ...new Set([
      Math.floor(Math.max(0, first - 12) / PAGE_SIZE),
      Math.floor((last + 12) / PAGE_SIZE),
      Math.floor(active.row / PAGE_SIZE),
    ]),
  ]
    .filter((page) => page === 0 || page * PAGE_SIZE < total)
    .sort((a, b) => a - b);
  const answers = useDataList(
    'chronology.list',
    wanted.map((page) => pageInput(reviewId, filters, page)),
  );
  const pages: Record<number, ChronologyEntry[]> = {};
  wanted.forEach((page, at) => {
    const entries = answers[at]?.value?.entries;
    if (entries) pages[page] = entries;
  });
  const arrived = Object.keys(pages).join();

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when rows arrive, to keep the active one in view
  useEffect(() => {
    if (Date.now() < followUntil.current) virtualizer.scrollToIndex(activeRow.current, { align: 'auto' });
  }, [arrived]);

  // A new list (filters changed) keeps the active cell inside it.
  useEffect(() => {
    setActive((current) => (current.row < total ? current : { row: Math.max(0, total - 1), col: current.col }));
  }, [total]);

  const cellId = useCallback((row: number, col: number) => `${baseId}-r${row}-c${col}`, [baseId]);

  // Focus follows the active cell once its row is rendered (it may need a scroll first).
  useLayoutEffect(() => {
    if (!focusPending.current || editing) return;
    const cell = document.getElementById(cellId(active.row, active.col));
    if (cell) {
      focusPending.current = false;
      cell.focus();
    }
  });

  function moveTo(row: number, col: number) {
    const nextRow = Math.min(Math.max(row, 0), Math.max(total - 1, 0));
    const nextCol = Math.min(Math.max(col, 0), COLUMN_COUNT - 1);
    setActive({ row: nextRow, col: nextCol });
    activeRow.current = nextRow;
    focusPending.current = true;
    followUntil.current = Date.now() + 2_000;
    virtualizer.scrollToIndex(nextRow, { align: 'auto' });
  }

  function rowsPerPage(): number {
    const height = scrollRef.current?.clientHeight ?? ESTIMATED_ROW_PX * 10;
    return Math.max(1, Math.floor(height / ESTIMATED_ROW_PX) - 1);
  }

  function columnAt(col: number): Column | undefined {
    return col === 0 ? undefined : COLUMNS[col - 1];
  }

  function startEdit(row: number, col: number) {
    const column = columnAt(col);
    const entry = rowAt(pages, row);
    if (readOnly || !column?.edit || !entry) return false;
    if (column.edit === 'toggle') {
      void toggle(entry);
      return true;
    }
    closed.current = false;
    setEditing({ row, col, value: column.editValue?.(entry) ?? '', error: null, busy: false });
    return true;
  }

  async function toggle(entry: ChronologyEntry) {
    onError(null);
    const outcome = await run(
      'chronology.update',
      { id: entry.id, significant: !entry.significant },
      editOptions('Significant'),
    );
    if (outcome.ok) onStatus(entry.significant ? 'No longer marked significant.' : 'Marked as a significant event.');
    else onError(errorMessage(outcome.error));
  }

  async function commit(reason: 'enter' | 'blur') {
    if (!editing || committing.current || closed.current) return;
    const column = columnAt(editing.col);
    const entry = rowAt(pages, editing.row);
    if (!column?.field || !entry) return setEditing(null);
    if ((column.editValue?.(entry) ?? '') === editing.value) {
      closed.current = true;
      setEditing(null);
      if (reason === 'enter') focusPending.current = true;
      return;
    }
    committing.current = true;
    setEditing({ ...editing, busy: true });
    onError(null);
    const outcome = await run(
      'chronology.update',
      { id: entry.id, [column.field]: updateValue(column, editing.value) },
      editOptions(column.label),
    );
    committing.current = false;
    if (outcome.ok) {
      closed.current = true;
      setEditing(null);
      onStatus(`${column.label} saved. Ctrl+Z undoes it.`);
      if (reason === 'enter') focusPending.current = true;
      return;
    }
    const message = sentence(errorMessage(outcome.error));
    if (reason === 'enter') {
      setEditing({ ...editing, busy: false, error: message });
    } else {
      closed.current = true;
      setEditing(null);
      onError(`${column.label} not saved: ${message}`);
    }
  }

  function cancelEdit() {
    closed.current = true;
    setEditing(null);
    focusPending.current = true;
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    if (editing) return;
    const { row, col } = active;
    const ctrl = event.ctrlKey || event.metaKey;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(row + 1, col);
        break;
      case 'ArrowUp':
        moveTo(row - 1, col);
        break;
      case 'ArrowRight':
        moveTo(row, col + 1);
        break;
      case 'ArrowLeft':
        moveTo(row, col - 1);
        break;
      case 'Home':
        moveTo(ctrl ? 0 : row, 0);
        break;
      case 'End':
        moveTo(ctrl ? total - 1 : row, COLUMN_COUNT - 1);
        break;
      case 'PageDown':
        moveTo(row + rowsPerPage(), col);
        break;
      case 'PageUp':
        moveTo(row - rowsPerPage(), col);
        break;
      case 'F2':
        handled = startEdit(row, col);
        break;
      case 'Enter': {
        const entry = rowAt(pages, row);
        if (!ctrl && !event.altKey && startEdit(row, col)) break;
        if (entry) onOpen(entry);
        else handled = false;
        break;
      }
      default:
        if (ctrl && event.key.toLowerCase() === 'z') onUndo();
        else handled = false;
    }
    if (handled) event.preventDefault();
  }

  return (
    <div
      className="chron-grid-scroll"
      ref={scrollRef}
      onWheel={() => {
        followUntil.current = 0;
      }}
    >
      <table
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern (cell-by-cell keyboard navigation) on a real table
        role="grid"
        aria-label={label}
        aria-rowcount={total + 1}
        aria-colcount={COLUMN_COUNT}
        aria-readonly={readOnly || undefined}
        className="chron-grid"
        onKeyDown={onKeyDown}
      >
        <thead className="chron-head">
          <tr aria-rowindex={1} className="chron-row" style={{ gridTemplateColumns: TEMPLATE }}>
            <th scope="col" aria-colindex={1} className="chron-cell chron-col-number">
              <span aria-hidden="true">#</span>
              <span className="visually-hidden">Entry number</span>
            </th>
            {COLUMNS.map((column, index) => (
              <th
                scope="col"
                aria-colindex={index + 2}
                key={column.key}
                className={`chron-cell chron-col-${column.key}`}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="chron-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const entry = rowAt(pages, item.index);
            const isActiveRow = item.index === active.row;
            const classes = ['chron-row'];
            if (isActiveRow) classes.push('active');
            if (entry?.significant) classes.push('significant');
            if (entry && entry.possibleDuplicateOf.length > 0) classes.push('duplicate');
            return (
              <tr
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-rowindex={item.index + 2}
                data-entry-id={entry?.id}
                className={classes.join(' ')}
                style={{ gridTemplateColumns: TEMPLATE, transform: `translateY(${item.start}px)` }}
              >
                {Array.from({ length: COLUMN_COUNT }, (_, col) => {
                  const column = columnAt(col);
                  const isActive = isActiveRow && col === active.col;
                  const isEditing = editing !== null && editing.row === item.index && editing.col === col;
                  let content: ReactNode;
                  if (!entry) content = col === 1 ? <span className="muted">Loading…</span> : null;
                  else if (isEditing && column) {
                    content = (
                      <CellEditor
                        column={column}
                        entryRef={entry.ref}
                        editing={editing}
                        onChange={(value) => setEditing({ ...editing, value, error: null })}
                        onCommit={(reason) => void commit(reason)}
                        onCancel={cancelEdit}
                      />
                    );
                  } else if (column) content = <div className="chron-clamp">{column.render(entry)}</div>;
                  else content = <span className="chron-open">{entry.ref}</span>;
                  return (
                    // biome-ignore lint/a11y/useKeyWithClickEvents: the grid's own key handler covers every cell
                    <td
                      key={column?.key ?? 'number'}
                      id={cellId(item.index, col)}
                      aria-colindex={col + 1}
                      tabIndex={isActive && !isEditing ? 0 : -1}
                      className={`chron-cell chron-col-${column?.key ?? 'number'}${isActive ? ' active' : ''}`}
                      onClick={() => {
                        if (isEditing) return;
                        setActive({ row: item.index, col });
                        if (col === 0 && entry) onOpen(entry);
                      }}
                      onDoubleClick={() => {
                        setActive({ row: item.index, col });
                        startEdit(item.index, col);
                      }}
                    >
                      {content}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CellEditor({
  column,
  entryRef,
  editing,
  onChange,
  onCommit,
  onCancel,
}: {
  column: Column;
  entryRef: number;
  editing: Editing;
  onChange: (value: string) => void;
  onCommit: (reason: 'enter' | 'blur') => void;
  onCancel: () => void;
}) {
  const errorId = useId();
  const label = `${column.label}, entry ${entryRef}`;
  const common = {
    'aria-label': label,
    'aria-invalid': editing.error ? true : undefined,
    'aria-describedby': editing.error ? errorId : undefined,
    value: editing.value,
    disabled: editing.busy,
    autoFocus: true,
    className: 'chron-editor',
    onBlur: () => {
      if (!editing.error) onCommit('blur');
    },
    onKeyDown: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      // The grid must not treat the editor's keys as moves.
      event.stopPropagation();
      if (event.key === 'Escape') {
        event.preventDefault();
        onCancel();
      } else if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        onCommit('enter');
      }
    },
  };
  return (
    <>
      {column.edit === 'long' ? (
        <textarea {...common} rows={4} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input type="text" {...common} onChange={(event) => onChange(event.target.value)} />
      )}
      <span className="chron-editor-hint">
        {editing.error ? (
          <span id={errorId} className="field-error">
            {editing.error}
          </span>
        ) : column.edit === 'long' ? (
          'Enter saves, Shift+Enter a new line, Esc cancels'
        ) : column.edit === 'tags' ? (
          'Commas between tags; Enter saves, Esc cancels'
        ) : (
          'Enter saves, Esc cancels'
        )}
      </span>
    </>
  );
}
