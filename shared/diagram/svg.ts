import {
  COLUMN_TITLES,
  columnX,
  DIAGRAM_COLUMNS,
  type DiagramColumn,
  type DiagramGraph,
  NODE_SIZE,
  type Positions,
} from './graph.js';

/**
 * The diagram as a standalone SVG document for the report: the same items at
 * the same saved positions as on screen, each with what it is, its title and
 * any problem in words, the links as the same curves, and the column headings.
 * Pure text out, so the renderer's SVG export and the PNG the Word report
 * embeds (drawn from this in the main process) are one drawing.
 */

const MARGIN = 24;
const HEADING = 40;
const FONT = 'DejaVu Sans, Arial, Helvetica, sans-serif';
/** Characters of 13 px text that fit a node's width (DejaVu Sans averages about 7 px). */
const LINE_CHARACTERS = 30;

export const COLUMN_COLOURS: Record<DiagramColumn, string> = {
  evidence: '#505a5f',
  factor: '#1d70b8',
  finding: '#4c2c92',
  recommendation: '#005a30',
  action: '#6f3a00',
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Up to `lines` lines of whole words, the last ending in an ellipsis when the text is longer. */
export function wrapText(text: string, width: number, lines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const out: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width) {
      line = next;
      continue;
    }
    if (line) out.push(line);
    line = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    if (out.length === lines) break;
  }
  if (out.length < lines && line) out.push(line);
  if (out.length > lines || (out.length === lines && out.join(' ').length < text.trim().length)) {
    const last = out[lines - 1] ?? '';
    out.length = lines;
    out[lines - 1] = last.length >= width ? `${last.slice(0, width - 1)}…` : `${last}…`;
  }
  return out;
}

export function diagramSvg(
  graph: DiagramGraph,
  positions: Positions,
  options: { marking?: string } = {},
): { svg: string; width: number; height: number } {
  const placed = graph.nodes.filter((node) => positions[node.id]);
  const xs = placed.map((node) => positions[node.id]?.x ?? 0);
  const ys = placed.map((node) => positions[node.id]?.y ?? 0);
  const columnsUsed = DIAGRAM_COLUMNS.filter((column) => placed.some((node) => node.column === column));
  const left = Math.min(0, ...xs);
  const top = Math.min(0, ...ys);
  const right = Math.max(columnX('action') + NODE_SIZE.width, ...xs.map((x) => x + NODE_SIZE.width));
  const bottom = Math.max(NODE_SIZE.height, ...ys.map((y) => y + NODE_SIZE.height));
  const width = Math.ceil(right - left + 2 * MARGIN);
  const height = Math.ceil(bottom - top + 2 * MARGIN + HEADING);
  const dx = MARGIN - left;
  const dy = MARGIN + HEADING - top;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (options.marking) {
    parts.push(
      `<text x="${width - MARGIN}" y="${MARGIN - 6}" text-anchor="end" font-size="12" font-weight="bold" fill="#0b0c0c">${escapeXml(options.marking)}</text>`,
    );
  }
  for (const column of columnsUsed.length > 0 ? DIAGRAM_COLUMNS : []) {
    parts.push(
      `<text x="${columnX(column) + dx}" y="${MARGIN + 16}" font-size="16" font-weight="bold" fill="#0b0c0c">${escapeXml(COLUMN_TITLES[column])}</text>`,
    );
  }
  for (const edge of graph.edges) {
    const from = positions[edge.from];
    const to = positions[edge.to];
    if (!from || !to) continue;
    const x1 = from.x + NODE_SIZE.width + dx;
    const y1 = from.y + NODE_SIZE.height / 2 + dy;
    const x2 = to.x + dx;
    const y2 = to.y + NODE_SIZE.height / 2 + dy;
    const mid = (x1 + x2) / 2;
    parts.push(
      `<path d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}" fill="none" stroke="#6f777b" stroke-width="1.5"/>`,
    );
  }
  for (const node of placed) {
    const at = positions[node.id];
    if (!at) continue;
    const x = at.x + dx;
    const y = at.y + dy;
    const problem = node.problems.length > 0;
    parts.push(
      `<g><rect x="${x}" y="${y}" width="${NODE_SIZE.width}" height="${NODE_SIZE.height}" rx="4" fill="#ffffff" stroke="${COLUMN_COLOURS[node.column]}" stroke-width="2"${problem ? ' stroke-dasharray="6 3"' : ''}/>`,
      `<text x="${x + 10}" y="${y + 16}" font-size="11" font-weight="bold" fill="#484949">${escapeXml(node.kind.toUpperCase())}</text>`,
      ...wrapText(node.title, LINE_CHARACTERS, problem ? 2 : 3).map(
        (line, index) =>
          `<text x="${x + 10}" y="${y + 32 + index * 15}" font-size="13" fill="#0b0c0c">${escapeXml(line)}</text>`,
      ),
      problem
        ? `<text x="${x + 10}" y="${y + 64}" font-size="11" font-weight="bold" fill="#942514">${escapeXml(wrapText(`⚠ ${node.problems.join('; ')}`, 36, 1)[0] ?? '')}</text>`
        : '',
      '</g>',
    );
  }
  parts.push('</svg>');
  return { svg: parts.join(''), width, height };
}
