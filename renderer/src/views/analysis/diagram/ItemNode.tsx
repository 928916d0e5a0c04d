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
  return (
    <div className={classes.join(' ')}>
      {item.column !== 'evidence' && <Handle type="target" position={Position.Left} />}
      <span className="diagram-node-kind">{item.kind}</span>
      <span className="diagram-node-title">{item.title}</span>
      {item.problems.length > 0 && <span className="diagram-node-problems">⚠ {item.problems.join('; ')}</span>}
      {item.column !== 'action' && <Handle type="source" position={Position.Right} />}
    </div>
  );
}

export const ItemNode = memo(ItemNodeView);
