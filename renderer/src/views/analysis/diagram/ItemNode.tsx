import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { DiagramNode } from '../../../../../shared/diagram/graph.js';
import { useNodeMark } from './store.js';

export type ItemNodeType = Node<{ item: DiagramNode }, 'item'>;

/**
 * One analysis item on the diagram: what it is, its title, and any traceability
 * problem marked in words (not colour alone). Evidence takes no incoming link
 * and an action gives none, so they have one handle.
 */
function ItemNodeView({ id, data }: NodeProps<ItemNodeType>) {
  const { item } = data;
  const mark = useNodeMark(id);
  const classes = ['diagram-node', `diagram-node-${item.column}`, `diagram-${mark}`];
  if (item.problems.length > 0) classes.push('diagram-node-problem');
  // The handles sit outside the box, whose overflow is hidden, so all of each can be grabbed.
  return (
    <>
      {item.column !== 'evidence' && <Handle type="target" position={Position.Left} />}
      <div className={classes.join(' ')}>
        <span className="diagram-node-kind">{item.kind}</span>
        <span className="diagram-node-title">{item.title}</span>
        {item.problems.length > 0 && <span className="diagram-node-problems">⚠ {item.problems.join('; ')}</span>}
      </div>
      {item.column !== 'action' && <Handle type="source" position={Position.Right} />}
    </>
  );
}

export const ItemNode = memo(ItemNodeView);
