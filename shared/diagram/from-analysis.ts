import { PROBLEM_LABELS, traceabilityProblems } from '../analysis/check.js';
import type { Analysis } from '../analysis/model.js';
import type { DiagramColumn, DiagramGraph, DiagramNode } from './graph.js';

/**
 * The analysis model as the diagram's graph: key practice episodes and the
 * chronology entries the chain links to as evidence, then factors, findings,
 * recommendations and actions, with the model's own links, and each item's
 * problems as the traceability check states them (one rule, not a second copy).
 * The screen, the SVG and the PNG for the report all draw this.
 */
export function analysisGraph(analysis: Analysis): DiagramGraph {
  const problems = new Map<string, string[]>();
  for (const problem of traceabilityProblems(analysis)) {
    problems.set(problem.id, [...(problems.get(problem.id) ?? []), PROBLEM_LABELS[problem.kind]]);
  }
  const item = (id: string, column: DiagramColumn, kind: string, title: string): DiagramNode => ({
    id,
    column,
    kind,
    title,
    problems: problems.get(id) ?? [],
  });
  const linkedFrom = new Set(analysis.links.map((link) => link.from));
  const nodes: DiagramNode[] = [
    ...analysis.episodes.map((episode) => item(episode.id, 'evidence', 'Key practice episode', episode.title)),
    ...analysis.entries
      .filter((entry) => linkedFrom.has(entry.id))
      .map((entry) => item(entry.id, 'evidence', `Chronology entry · ${entry.agency}`, `${entry.date} ${entry.event}`)),
    ...analysis.factors.map((factor) => item(factor.id, 'factor', 'Contributory factor', factor.description)),
    ...analysis.findings.map((finding) => item(finding.id, 'finding', 'Finding', finding.title)),
    ...analysis.recommendations.map((recommendation) =>
      item(
        recommendation.id,
        'recommendation',
        recommendation.addressee === 'board' ? 'Recommendation to the board' : 'Recommendation',
        recommendation.text,
      ),
    ),
    ...analysis.actions.map((action) => item(action.id, 'action', 'Action', action.text)),
  ];
  const shown = new Set(nodes.map((node) => node.id));
  return {
    nodes,
    edges: analysis.links.filter((link) => shown.has(link.from) && shown.has(link.to)),
  };
}
