import { randomUUID } from 'node:crypto';
import { CasebookError } from '../../../shared/api/errors.js';
import { IMPORT_LIMITS } from '../../../shared/import/limits.js';
import type { Table } from '../../../shared/import/table.js';

/**
 * Import previews waiting for the reviewer's decision, for every kind: in
 * main-process memory only, never on disk. Bounded twice: at most
 * `IMPORT_LIMITS.previews` at once, and at most `IMPORT_LIMITS.previewBytes`
 * of (estimated) memory together; the oldest go first. The owner clears the
 * store when the vault locks: a preview is case data.
 */

export interface Held {
  id: string;
  /** The kind's name: a chronology preview id means nothing to the CDOP channels. */
  kind: string;
  /** Roughly what the preview keeps alive, to bound the store. */
  bytes: number;
}

/** About what a table costs in memory: two bytes a character, plus the objects around them. */
export function estimateTableBytes(table: Table): number {
  let total = 0;
  for (const row of table.rows) {
    total += 64 + row.cells.length * 8;
    for (const cell of row.cells) if (typeof cell === 'string') total += 16 + cell.length * 2;
  }
  return total;
}

export class PreviewStore<Preview extends Held> {
  private readonly held = new Map<string, Preview>();

  constructor(
    private readonly limits: { previews: number; bytes: number } = {
      previews: IMPORT_LIMITS.previews,
      bytes: IMPORT_LIMITS.previewBytes,
    },
  ) {}

  newId(): string {
    return randomUUID();
  }

  add(preview: Preview): void {
    if (preview.bytes > this.limits.bytes) {
      throw new CasebookError(
        'too_large',
        'This file needs more memory to preview than Casebook allows one import: split it and import each part',
      );
    }
    this.held.delete(preview.id);
    this.held.set(preview.id, preview);
    while (this.held.size > this.limits.previews || this.heldBytes() > this.limits.bytes) {
      const oldest = this.held.keys().next().value;
      if (oldest === undefined) break;
      this.held.delete(oldest);
    }
  }

  get(id: string, kind: string): Preview {
    const preview = this.held.get(id);
    if (!preview || preview.kind !== kind) {
      throw new CasebookError(
        'not_found',
        'This import preview has expired (the vault was locked, or newer files were previewed): choose the file again',
      );
    }
    return preview;
  }

  discard(id: string): boolean {
    return this.held.delete(id);
  }

  clear(): void {
    this.held.clear();
  }

  get size(): number {
    return this.held.size;
  }

  heldBytes(): number {
    let total = 0;
    for (const preview of this.held.values()) total += preview.bytes;
    return total;
  }
}
