import { BaseEdge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import { useEdgeMark } from './store.js';

/** A link, drawn as React Flow's default curve, marked when it is part of the selected item's chain. */
function ChainEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  selected,
}: EdgeProps) {
  const mark = useEdgeMark(id);
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const classes = ['diagram-edge', `diagram-${mark}`];
  if (selected) classes.push('diagram-edge-selected');
  return <BaseEdge id={id} path={path} className={classes.join(' ')} />;
}

export const ChainEdge = memo(ChainEdgeView);
