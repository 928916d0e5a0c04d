import { createCanvas, Image } from '@napi-rs/canvas';
import { readAnalysis } from '../../db/analysis.js';
import { diagramPositions } from '../../db/analysis-diagram.js';
import type { Vault } from '../../db/vault.js';
import type { AnalysisOwner } from '../../shared/analysis/model.js';
import type { DiagramFile, DiagramFormat } from '../../shared/api/channels/analysis-diagram.js';
import { todayIso } from '../../shared/dates/iso-date.js';
import { analysisGraph } from '../../shared/diagram/from-analysis.js';
import { placeNodes } from '../../shared/diagram/graph.js';
import { diagramSvg } from '../../shared/diagram/svg.js';

/**
 * The analysis diagram as a picture for the report: the SVG drawing
 * (shared/diagram/svg.ts) of the saved positions, and the same drawing as a PNG
 * rasterised in this process with @napi-rs/canvas. The Word report embeds
 * `diagramPng`; the renderer's export saves either. It carries the protective
 * marking, and an export is audited.
 */

const MARKING = 'OFFICIAL-SENSITIVE';
/** Twice the drawing's size for print, unless that would pass this many pixels (a very large analysis). */
const MAX_PIXELS = 40_000_000;

function drawing(database: Vault['database'], owner: AnalysisOwner) {
  const graph = analysisGraph(readAnalysis(database, owner));
  return diagramSvg(graph, placeNodes(graph, diagramPositions(database, owner)), { marking: MARKING });
}

/** The diagram as PNG bytes, for the Word report to embed (and its width and height in pixels). */
export async function diagramPng(
  database: Vault['database'],
  owner: AnalysisOwner,
): Promise<{ png: Buffer; width: number; height: number }> {
  const { svg, width, height } = drawing(database, owner);
  const scale = Math.max(0.25, Math.min(2, Math.sqrt(MAX_PIXELS / (width * height))));
  const image = new Image();
  image.src = Buffer.from(svg);
  const canvas = createCanvas(Math.round(width * scale), Math.round(height * scale));
  canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
  return { png: await canvas.encode('png'), width: canvas.width, height: canvas.height };
}

export async function exportDiagram(
  vault: Pick<Vault, 'database' | 'write'>,
  owner: AnalysisOwner,
  format: DiagramFormat,
  now = new Date(),
): Promise<DiagramFile> {
  const content =
    format === 'png' ? (await diagramPng(vault.database, owner)).png : Buffer.from(drawing(vault.database, owner).svg);
  vault.write(
    { entity: 'analysis_diagram', action: 'diagram exported', detail: { [owner.kind]: owner.id, format } },
    () => undefined,
  );
  return {
    fileName: `analysis-diagram-${todayIso(now)}.${format}`,
    mimeType: format === 'png' ? 'image/png' : 'image/svg+xml',
    contentBase64: content.toString('base64'),
  };
}
