import type { Locator, Page } from 'playwright-core';

/** The integrated chronology's table on the page. */
export function chronologyGrid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Integrated chronology' });
}

/** One row of the table as shown: the entry's id and the cells the tests read. */
export interface ChronologyRow {
  id: string;
  /** The entry's number, as a reviewer cites it. */
  ref: string;
  date: string;
  time: string;
  agency: string;
  event: string;
  /** "Possible duplicate" when flagged. */
  duplicate: string;
}

/** The rows the table has in the page (only those near the view), in the order shown. */
export async function chronologyRows(page: Page): Promise<ChronologyRow[]> {
  return chronologyGrid(page)
    .locator('tbody tr[data-entry-id]')
    .evaluateAll((rows) =>
      rows
        .map((row) => {
          const cells = Array.from(row.querySelectorAll('td')).map((cell) => (cell.textContent ?? '').trim());
          return {
            index: Number(row.getAttribute('aria-rowindex')),
            id: row.getAttribute('data-entry-id') ?? '',
            ref: cells[0] ?? '',
            date: cells[1] ?? '',
            time: cells[2] ?? '',
            agency: cells[3] ?? '',
            event: cells[6] ?? '',
            duplicate: cells[11] ?? '',
          };
        })
        .sort((a, b) => a.index - b.index)
        .map(({ index: _index, ...shown }) => shown),
    );
}
