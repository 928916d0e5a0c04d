import type { DiagramColumn, DiagramEdge, DiagramGraph, DiagramNode } from '../../shared/diagram/graph.js';
import { seededRandom } from '../random.js';

/**
 * The diagram benchmark's analysis: a fixed seed, 500 items across the five
 * columns and 1,000 links between neighbouring columns, shaped like a large
 * review (many pieces of evidence, fewer factors, fewer findings still). No DOM
 * and no renderer code, so the Node build compiles it too.
 */

const COUNTS: [DiagramColumn, string, number][] = [
  ['evidence', 'Chronology entry', 200],
  ['factor', 'Contributory factor', 120],
  ['finding', 'Finding', 60],
  ['recommendation', 'Recommendation', 50],
  ['action', 'Action', 70],
];
/** Links from each column to the next, 1,000 in all. */
const LINKS = [450, 300, 120, 130];

const TITLES: Record<DiagramColumn, string[]> = {
  evidence: ['Home visit, child seen', 'Strategy discussion held', 'Missed health appointment', 'Police welfare check'],
  factor: ['Threshold not understood', 'No shared record', 'Caseload pressure', 'Father not seen'],
  finding: ['Information stayed within one agency', 'Neglect was seen incident by incident'],
  recommendation: ['The partnership should agree one referral route', 'Audit of strategy discussions'],
  action: ['Publish the escalation protocol', 'Re-audit twelve cases', 'Deliver training to GP practices'],
};

export function generateBenchGraph(seed = 20_240_610): DiagramGraph {
  const next = seededRandom(seed);
  const columns = COUNTS.map(([column, kind, count]) =>
    Array.from({ length: count }, (_, index): DiagramNode => {
      const titles = TITLES[column];
      return {
        id: `${column}-${index}`,
        column,
        kind,
        title: `${titles[index % titles.length]} (${index + 1})`,
        problems: next() < 0.05 ? ['No evidence'] : [],
      };
    }),
  );
  const edges: DiagramEdge[] = [];
  const seen = new Set<string>();
  LINKS.forEach((count, at) => {
    const left = columns[at] as DiagramNode[];
    const right = columns[at + 1] as DiagramNode[];
    for (let made = 0; made < count; ) {
      const from = left[Math.floor(next() * left.length)] as DiagramNode;
      // Mostly to a neighbour by position, as real analyses cluster, sometimes anywhere.
      const near = Math.floor((left.indexOf(from) / left.length) * right.length + (next() - 0.5) * 8);
      const index = next() < 0.8 ? Math.min(right.length - 1, Math.max(0, near)) : Math.floor(next() * right.length);
      const to = right[index] as DiagramNode;
      const key = `${from.id}->${to.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push({ from: from.id, to: to.id });
      made += 1;
    }
  });
  return { nodes: columns.flat(), edges };
}
