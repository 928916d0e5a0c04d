import { useEffect, useMemo, useState } from 'react';
import type { Analysis, AnalysisOwner } from '../../../../../shared/analysis/model.js';
import { DIAGRAM_FORMATS } from '../../../../../shared/api/channels/analysis-diagram.js';
import { analysisGraph } from '../../../../../shared/diagram/from-analysis.js';
import { COLUMN_TITLES, type DiagramEdge, placeNodes } from '../../../../../shared/diagram/graph.js';
import { ErrorAlert, StatusMessage } from '../../../components/Alert.js';
import { downloadBase64 } from '../../../files.js';
import { setData, useChange, useData } from '../../../state/data.js';
import type { AnalysisChange } from '../analysis-change.js';
import type { Candidate } from '../Links.js';
import { type CreateRequest, Diagram } from './Diagram.js';
import { DiagramList } from './DiagramList.js';
import { NewItem } from './NewItem.js';

/**
 * The analysis as a diagram: the same analysis the forms show (one read, one
 * change function), drawn with its saved positions. Links made or removed here
 * replace the analysis the forms read at once, and the other way round.
 */
export function AnalysisDiagram({
  owner,
  analysis,
  evidence,
  change,
}: {
  owner: AnalysisOwner;
  analysis: Analysis;
  evidence: readonly Candidate[];
  change: AnalysisChange;
}) {
  const graph = useMemo(() => analysisGraph(analysis), [analysis]);
  const saved = useData('analysis.diagram.positions', { owner });
  const positions = useMemo(() => placeNodes(graph, saved.value ?? {}), [graph, saved.value]);
  const { run, message, status } = useChange();
  const [creating, setCreating] = useState<CreateRequest | null>(null);
  const [asList, setAsList] = useState(false);

  const place = (moved: { id: string; x: number; y: number }[], done?: string) =>
    run(
      'analysis.diagram.place',
      { owner, positions: moved },
      { apply: (value) => setData('analysis.diagram.positions', { owner }, value), ...(done ? { done } : {}) },
    );

  // elkjs is a 1.5 MB script: loaded once the diagram is open and the window idle, not with
  // the app, and warmed then, so "Arrange automatically" does not wait for it.
  useEffect(() => {
    const idle = requestIdleCallback(() => void import('./layout.js').then((layout) => layout.prepareLayout()));
    return () => cancelIdleCallback(idle);
  }, []);

  async function arrange(): Promise<void> {
    const { layoutDiagram } = await import('./layout.js');
    const laid = await layoutDiagram(graph);
    await place(
      Object.entries(laid).map(([id, at]) => ({ id, ...at })),
      'Diagram arranged.',
    );
  }

  const link = (edge: DiagramEdge) => void change('analysis.link', edge, 'Linked.');
  const unlink = (edge: DiagramEdge) => void change('analysis.unlink', edge, 'Unlinked.');

  /** A new item made from the diagram: created, linked to the item it was dragged from, placed where it was dropped. */
  async function created(id: string, linked: boolean, request: CreateRequest): Promise<void> {
    setCreating(null);
    const at = request.position;
    if (at) await place([{ id, x: Math.round(at.x), y: Math.round(at.y) }]);
    if (request.from === '' || linked) return;
    link(request.column === 'evidence' ? { from: id, to: request.from } : { from: request.from, to: id });
  }

  if (saved.value === undefined) {
    return saved.error ? <ErrorAlert message={saved.error} /> : <p>Loading the diagram…</p>;
  }

  return (
    <section className="analysis-diagram" aria-labelledby="analysis-diagram-heading">
      <h3 id="analysis-diagram-heading">Diagram</h3>
      <p className="muted">
        Drag from an item’s right edge to the next column’s item to link them, or to empty space to add a new item
        there; select a link and press Delete to unlink. With the keyboard: Tab to an item, press L, Tab to another and
        press L to link or Delete to unlink. Selecting an item highlights its chain.
      </p>
      <div className="diagram-toolbar">
        <button type="button" className="secondary" onClick={() => void arrange()}>
          Arrange automatically
        </button>
        {(['factor', 'finding', 'recommendation', 'action'] as const).map((column) => (
          <button
            key={column}
            type="button"
            className="secondary"
            onClick={() => setCreating({ from: '', column, position: null })}
          >
            New {COLUMN_TITLES[column].toLowerCase().replace(/s$/, '')}
          </button>
        ))}
        {DIAGRAM_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="secondary"
            onClick={() =>
              void run(
                'analysis.diagram.export',
                { owner, format },
                { apply: downloadBase64, done: `Diagram exported as ${format.toUpperCase()}.` },
              )
            }
          >
            Export {format.toUpperCase()}
          </button>
        ))}
        <button type="button" className="secondary" aria-pressed={asList} onClick={() => setAsList(!asList)}>
          Show as a list
        </button>
      </div>
      <ErrorAlert message={message} />
      <StatusMessage message={status} />
      {creating ? (
        <NewItem
          owner={owner}
          request={creating}
          fromTitle={graph.nodes.find((node) => node.id === creating.from)?.title ?? null}
          analysis={analysis}
          evidence={evidence}
          change={change}
          onCreated={(id, linked) => void created(id, linked, creating)}
          onCancel={() => setCreating(null)}
        />
      ) : null}
      {asList ? (
        <DiagramList graph={graph} />
      ) : (
        <div className="diagram-frame">
          <Diagram
            graph={graph}
            positions={positions}
            label="Analysis diagram: evidence, contributory factors, findings, recommendations and actions"
            onLink={link}
            onUnlink={unlink}
            onMove={(moved) => void place(moved)}
            onCreate={setCreating}
          />
        </div>
      )}
    </section>
  );
}
