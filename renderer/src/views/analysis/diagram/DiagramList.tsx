import { COLUMN_TITLES, DIAGRAM_COLUMNS, type DiagramGraph } from '../../../../../shared/diagram/graph.js';

/**
 * The diagram as a list, for screen-reader users and anyone who prefers text:
 * each column's items with what each rests on and what rests on it, and its
 * problems. Links are changed in the forms or with the diagram's keys.
 */
export function DiagramList({ graph }: { graph: DiagramGraph }) {
  const title = new Map(graph.nodes.map((node) => [node.id, node.title]));
  const from = (id: string) => graph.edges.filter((edge) => edge.to === id).map((edge) => title.get(edge.from) ?? '');
  const to = (id: string) => graph.edges.filter((edge) => edge.from === id).map((edge) => title.get(edge.to) ?? '');
  return (
    <div className="diagram-list">
      {DIAGRAM_COLUMNS.map((column) => {
        const items = graph.nodes.filter((node) => node.column === column);
        return (
          <section key={column} aria-label={COLUMN_TITLES[column]}>
            <h4>{COLUMN_TITLES[column]}</h4>
            {items.length === 0 ? (
              <p className="muted">None yet.</p>
            ) : (
              <ul>
                {items.map((item) => (
                  <li key={item.id}>
                    <span className="diagram-list-kind">{item.kind}: </span>
                    {item.title}
                    {item.problems.length > 0 ? (
                      <strong className="diagram-list-problem"> Problem: {item.problems.join('; ')}.</strong>
                    ) : null}
                    {from(item.id).length > 0 ? <span> Rests on: {from(item.id).join('; ')}.</span> : null}
                    {to(item.id).length > 0 ? <span> Leads to: {to(item.id).join('; ')}.</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
