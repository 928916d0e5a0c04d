import type { AnalysisOwner } from '../shared/analysis/model.js';
import { CasebookError } from '../shared/api/errors.js';
import type { Positions } from '../shared/diagram/graph.js';
import { locate, ownerColumn, ownerColumns, requireOwner } from './analysis.js';
import { all, type Database, query, run } from './query.js';
import type { VaultWriter } from './vault.js';

/**
 * Where each item sits on a review's or a child death's analysis diagram
 * (migration 0014): read with the analysis, saved when the reviewer drags items
 * or asks for the automatic layout.
 */

export function diagramPositions(database: Database, owner: AnalysisOwner): Positions {
  requireOwner(database, owner, false);
  const rows = all(
    database,
    query
      .selectFrom('analysis_diagram_position')
      .select(['item_id', 'x', 'y'])
      .where(ownerColumn(owner), '=', owner.id),
  );
  return Object.fromEntries(rows.map((row) => [row.item_id, { x: row.x, y: row.y }]));
}

/** Saves where items were put; every item must be this review's or case's. Answers with all the positions. */
export function placeItems(
  vault: VaultWriter,
  owner: AnalysisOwner,
  placed: readonly { id: string; x: number; y: number }[],
  now = new Date(),
): Positions {
  const { database } = vault;
  requireOwner(database, owner, true);
  for (const item of placed) {
    const found = locate(database, item.id);
    if (!found || found.owner.kind !== owner.kind || found.owner.id !== owner.id) {
      throw new CasebookError('not_found', 'An item placed on the diagram is not in this analysis.');
    }
  }
  vault.write(
    { entity: 'analysis_diagram', action: 'arranged', detail: { [owner.kind]: owner.id, items: placed.length } },
    () => {
      for (const item of placed) {
        run(
          database,
          query
            .insertInto('analysis_diagram_position')
            .values({ item_id: item.id, ...ownerColumns(owner), x: item.x, y: item.y, updated_at: now.toISOString() })
            .onConflict((conflict) =>
              conflict.column('item_id').doUpdateSet({ x: item.x, y: item.y, updated_at: now.toISOString() }),
            ),
        );
      }
    },
  );
  return diagramPositions(database, owner);
}
