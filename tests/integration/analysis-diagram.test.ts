import { describe, expect, it } from 'vitest';
import type { AnalysisOwner } from '../../shared/analysis/model.js';
import { analysisGraph } from '../../shared/diagram/from-analysis.js';
import { answer, fails } from '../support/api.js';
import { importCsv, newVaultAppFactory } from '../support/app.js';

/**
 * The analysis diagram's channels on real encrypted vaults: its graph is the
 * analysis's items and links with the traceability check's problems, positions
 * are saved and refused for another review's items, and the export gives a
 * real PNG and SVG of the saved drawing.
 */

const newVaultApp = newVaultAppFactory();

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CSV = ['Date,Details', '12/05/2015,"Home visit, bruise to cheek seen"', '20/05/2015,Missed appointment'].join(
  '\r\n',
);

async function reviewWithChain() {
  const casebook = await newVaultApp();
  const review = await answer(casebook, 'reviews.create', { title: 'Child D: CSPR', type: 'cspr' });
  await importCsv(casebook, review.id, 'Health visiting', CSV);
  const { entries } = await answer(casebook, 'chronology.list', { reviewId: review.id });
  const owner: AnalysisOwner = { kind: 'review', id: review.id };
  const entry = entries[0];
  if (!entry) throw new Error('no entries imported');
  let analysis = await answer(casebook, 'analysis.factor.create', {
    owner,
    description: 'Bruising in a non-mobile baby not challenged',
    modifiable: true,
  });
  const factor = analysis.factors[0]?.id as string;
  analysis = await answer(casebook, 'analysis.finding.create', { owner, title: 'Bruises were explained away' });
  const finding = analysis.findings[0]?.id as string;
  analysis = await answer(casebook, 'analysis.recommendation.create', {
    owner,
    text: 'Adopt a bruising protocol',
    addressee: 'board',
  });
  const recommendation = analysis.recommendations[0]?.id as string;
  analysis = await answer(casebook, 'analysis.action.create', {
    owner,
    recommendationId: recommendation,
    text: 'Publish the protocol',
    status: 'not-started',
  });
  const action = analysis.actions[0]?.id as string;
  await answer(casebook, 'analysis.link', { from: entry.id, to: factor });
  await answer(casebook, 'analysis.link', { from: factor, to: finding });
  analysis = await answer(casebook, 'analysis.link', { from: finding, to: recommendation });
  return { casebook, owner, analysis, ids: { entry: entry.id, factor, finding, recommendation, action } };
}

describe('the analysis diagram', () => {
  it('draws the analysis: linked evidence, the chain’s links, and the check’s problems on their items', async () => {
    const { analysis, ids } = await reviewWithChain();
    const graph = analysisGraph(analysis);
    expect(graph.nodes.map((node) => [node.id, node.column])).toEqual([
      [ids.entry, 'evidence'],
      [ids.factor, 'factor'],
      [ids.finding, 'finding'],
      [ids.recommendation, 'recommendation'],
      [ids.action, 'action'],
    ]);
    expect(graph.edges).toHaveLength(4);
    expect(graph.nodes.find((node) => node.id === ids.entry)?.title).toContain('Home visit, bruise to cheek seen');
    // The action has no owner or date: marked as the traceability check words it; the finding has evidence.
    expect(graph.nodes.find((node) => node.id === ids.action)?.problems).toEqual([
      'Action without an owner',
      'Action without a due date',
      'Action without an outcome measure',
    ]);
    expect(graph.nodes.find((node) => node.id === ids.finding)?.problems).toEqual([]);
  });

  it('saves where items were put, and refuses an item of another review', async () => {
    const { casebook, owner, ids } = await reviewWithChain();
    expect(await answer(casebook, 'analysis.diagram.positions', { owner })).toEqual({});
    const saved = await answer(casebook, 'analysis.diagram.place', {
      owner,
      positions: [
        { id: ids.entry, x: 0, y: 96 },
        { id: ids.factor, x: 360, y: 96.5 },
      ],
    });
    expect(saved).toEqual({ [ids.entry]: { x: 0, y: 96 }, [ids.factor]: { x: 360, y: 96.5 } });
    const moved = await answer(casebook, 'analysis.diagram.place', {
      owner,
      positions: [{ id: ids.factor, x: 400, y: 0 }],
    });
    expect(moved[ids.factor]).toEqual({ x: 400, y: 0 });

    const other = await answer(casebook, 'reviews.create', { title: 'Child E: CSPR', type: 'cspr' });
    const refused = await fails(
      casebook.invoke('analysis.diagram.place', {
        owner: { kind: 'review', id: other.id },
        positions: [{ id: ids.factor, x: 1, y: 1 }],
      }),
    );
    expect(refused.code).toBe('not_found');
    expect(await answer(casebook, 'analysis.diagram.positions', { owner: { kind: 'review', id: other.id } })).toEqual(
      {},
    );
    const bad = await fails(
      casebook.invoke('analysis.diagram.place', { owner, positions: [{ id: ids.factor, x: Number.NaN, y: 0 }] }),
    );
    expect(bad.code).toBe('invalid_payload');
    // Removing an item removes its place.
    await answer(casebook, 'analysis.remove', { id: ids.factor });
    expect(Object.keys(await answer(casebook, 'analysis.diagram.positions', { owner }))).toEqual([ids.entry]);
  });

  it('exports the drawing as a PNG and an SVG, marked, with every item’s words', async () => {
    const { casebook, owner } = await reviewWithChain();
    const png = await answer(casebook, 'analysis.diagram.export', { owner, format: 'png' });
    expect(png.mimeType).toBe('image/png');
    expect(png.fileName).toMatch(/^analysis-diagram-\d{4}-\d{2}-\d{2}\.png$/);
    const bytes = Buffer.from(png.contentBase64, 'base64');
    expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // IHDR: width and height, big-endian, at bytes 16 and 20: the five columns side by side, drawn at twice the size.
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(3000);
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(200);

    const svg = await answer(casebook, 'analysis.diagram.export', { owner, format: 'svg' });
    const text = Buffer.from(svg.contentBase64, 'base64').toString('utf8');
    expect(svg.mimeType).toBe('image/svg+xml');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const words of [
      'OFFICIAL-SENSITIVE',
      'Home visit, bruise',
      'Publish the protocol',
      'Action without an owner',
    ]) {
      expect(text).toContain(words);
    }
    expect(text.match(/<path /g)).toHaveLength(4);
  });
});
