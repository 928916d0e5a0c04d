import { ControlButton, Controls, useReactFlow, useStore, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { NODE_SIZE, type Positions } from '../../../../../shared/diagram/graph.js';

/**
 * The diagram's view: the whole analysis when it can be read whole, otherwise its
 * start (the evidence column, top left) at the smallest size whose words can still
 * be read, and the reviewer pans to the rest. React Flow's own fit shrinks a wide
 * analysis until its 13px text is 6px at a 1366px-wide window (its Controls button
 * also ignores the `fitViewOptions` given to the diagram), so the view is fitted here,
 * at first and by the Controls' "Fit view" button.
 */

/** The node text is 13px: at this zoom it is about 10.5px on screen, still readable. */
export const READABLE_ZOOM = 0.8;
const MAX_ZOOM = 1;
/** Screen pixels left around the diagram. */
const MARGIN = 24;

interface Size {
  width: number;
  height: number;
}

export function readableViewport(positions: Position[], frame: Size): Viewport {
  if (positions.length === 0 || frame.width <= 0 || frame.height <= 0) return { x: 0, y: 0, zoom: 1 };
  const minX = Math.min(...positions.map((p) => p.x));
  const minY = Math.min(...positions.map((p) => p.y));
  const width = Math.max(...positions.map((p) => p.x)) + NODE_SIZE.width - minX;
  const height = Math.max(...positions.map((p) => p.y)) + NODE_SIZE.height - minY;
  const fit = Math.min((frame.width - 2 * MARGIN) / width, (frame.height - 2 * MARGIN) / height);
  const zoom = Math.min(MAX_ZOOM, Math.max(READABLE_ZOOM, fit));
  // Along each axis: centred when it fits, else from its start.
  const offset = (start: number, length: number, space: number) =>
    length * zoom <= space - 2 * MARGIN ? (space - length * zoom) / 2 - start * zoom : MARGIN - start * zoom;
  return { x: offset(minX, width, frame.width), y: offset(minY, height, frame.height), zoom };
}

type Position = { x: number; y: number };

/** React Flow's Controls with "Fit view" fitting as above; the view is fitted once when the diagram first has a size. */
export function ReadableFitControls({ positions, ids }: { positions: Positions; ids: string[] }) {
  const flow = useReactFlow();
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  const fitted = useRef(false);
  const latest = useRef({ positions, ids });
  latest.current = { positions, ids };

  const fitReadably = useCallback(() => {
    const { positions: at, ids: shown } = latest.current;
    const placed = shown.map((id) => at[id] ?? { x: 0, y: 0 });
    void flow.setViewport(readableViewport(placed, { width, height }));
  }, [flow, width, height]);

  useEffect(() => {
    if (fitted.current || width <= 0 || height <= 0 || latest.current.ids.length === 0) return;
    fitted.current = true;
    fitReadably();
  }, [fitReadably, width, height]);

  return (
    <Controls showInteractive={false} showFitView={false}>
      <ControlButton
        onClick={fitReadably}
        className="react-flow__controls-fitview"
        title="Fit view"
        aria-label="Fit view"
      >
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 30" aria-hidden="true">
          <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
        </svg>
      </ControlButton>
    </Controls>
  );
}
