import type { SerializedEditorState } from 'lexical';
import { PROSE_LINK_PATTERN, type Prose, type ProseBlock, type ProseInline } from '../../../../shared/reports/prose.js';

/**
 * The editor's state (Lexical's serialised JSON) to and from the stored `Prose`, as
 * pure functions on plain data, so both ways are unit tested without a browser.
 *
 * Prose holds less than Lexical can: what it cannot hold is simplified and named in
 * `simplified`, so the editor can say so (never lost silently). A table or quote
 * pasted in becomes paragraphs of its text; a fourth-level heading a third; underline,
 * strikethrough and code become plain text; a line break starts a new block of the
 * same kind; a list nested deeper than two levels stays at the second; a link that is
 * not http(s) or mailto keeps its text without the link.
 */

/** One node of Lexical's serialised JSON, read loosely: pasted content may hold any node type. */
interface JsonNode {
  type: string;
  children?: JsonNode[];
  text?: string;
  format?: number | string;
  tag?: string;
  listType?: string;
  url?: string;
}

export interface Converted {
  prose: Prose;
  /** What Prose could not hold, in words ("a table"), each once. */
  simplified: string[];
}

const BOLD = 1;
const ITALIC = 2;
const OTHER_FORMATS: [number, string][] = [
  [4, 'strikethrough'],
  [8, 'underline'],
  [16, 'code formatting'],
  [32, 'subscript'],
  [64, 'superscript'],
  [128, 'highlighting'],
];
const MAX_DEPTH = 2;

type Kind =
  | { type: 'paragraph' }
  | { type: 'heading'; level: 1 | 2 | 3 }
  | { type: 'bullet' | 'number'; depth: 0 | 1 | 2 };

function sameFormat(a: ProseInline, b: ProseInline): boolean {
  return Boolean(a.bold) === Boolean(b.bold) && Boolean(a.italic) === Boolean(b.italic) && a.link === b.link;
}

/** Adjacent runs of the same formatting as one, empty runs dropped: one text has one Prose form. */
function normalised(content: ProseInline[]): ProseInline[] {
  const merged: ProseInline[] = [];
  for (const inline of content) {
    if (inline.text === '') continue;
    const last = merged[merged.length - 1];
    if (last && sameFormat(last, inline)) last.text += inline.text;
    else merged.push({ ...inline });
  }
  return merged;
}

function inline(text: string, format: number, link: string | undefined): ProseInline {
  return {
    text,
    ...(format & BOLD ? { bold: true } : {}),
    ...(format & ITALIC ? { italic: true } : {}),
    ...(link ? { link } : {}),
  };
}

class Reader {
  readonly blocks: ProseBlock[] = [];
  private readonly simplified = new Set<string>();

  result(): Converted {
    return { prose: this.blocks, simplified: [...this.simplified] };
  }

  note(what: string): void {
    this.simplified.add(what);
  }

  /** The inline children of a block, split where a line break is: each part becomes one block. */
  private lines(children: JsonNode[], link?: string, lines: ProseInline[][] = [[]]): ProseInline[][] {
    for (const child of children) {
      const current = lines[lines.length - 1] as ProseInline[];
      if (child.type === 'text' || child.type === 'tab') {
        const format = typeof child.format === 'number' ? child.format : 0;
        for (const [bit, name] of OTHER_FORMATS) if (format & bit) this.note(name);
        current.push(inline(child.text ?? '', format, link));
      } else if (child.type === 'linebreak') {
        lines.push([]);
      } else if (child.type === 'link' || child.type === 'autolink') {
        const url = child.url ?? '';
        const allowed = PROSE_LINK_PATTERN.test(url) ? url : undefined;
        if (!allowed) this.note('a link that is not http, https or mailto (its text is kept)');
        this.lines(child.children ?? [], allowed, lines);
      } else if (child.children) {
        this.lines(child.children, link, lines);
      } else {
        this.note(`a ${child.type} (left out)`);
      }
    }
    return lines;
  }

  private push(kind: Kind, children: JsonNode[]): void {
    for (const line of this.lines(children)) {
      const content = normalised(line);
      if (content.length === 0) continue;
      this.blocks.push({ ...kind, content } as ProseBlock);
    }
  }

  private list(node: JsonNode, depth: number): void {
    const type = node.listType === 'number' ? 'number' : 'bullet';
    if (node.listType === 'check') this.note('a checklist (now a bulleted list)');
    for (const item of node.children ?? []) {
      const own = (item.children ?? []).filter((child) => child.type !== 'list');
      if (depth > MAX_DEPTH && own.length > 0) this.note('a list nested more than two levels (kept at the second)');
      this.push({ type, depth: Math.min(depth, MAX_DEPTH) as 0 | 1 | 2 }, own);
      for (const child of item.children ?? []) if (child.type === 'list') this.list(child, depth + 1);
    }
  }

  block(node: JsonNode): void {
    switch (node.type) {
      case 'paragraph':
        this.push({ type: 'paragraph' }, node.children ?? []);
        return;
      case 'heading': {
        const level = Number(node.tag?.slice(1) ?? 1);
        if (level > 3) this.note('a heading below the third level (now a third-level heading)');
        this.push({ type: 'heading', level: Math.min(Math.max(level, 1), 3) as 1 | 2 | 3 }, node.children ?? []);
        return;
      }
      case 'list':
        this.list(node, 0);
        return;
      default:
        // A table, quote or any other container: its blocks in order, or its text as paragraphs.
        this.note(`a ${node.type} (now paragraphs)`);
        this.container(node);
    }
  }

  /** A container's blocks (a table's rows, a row's cells), or its text as one paragraph. */
  private container(node: JsonNode): void {
    const children = node.children ?? [];
    const blocks = children.filter((child) => child.children !== undefined && child.type !== 'link');
    if (blocks.length > 0 && blocks.length === children.length) {
      for (const child of children) {
        if (['paragraph', 'heading', 'list'].includes(child.type)) this.block(child);
        else this.container(child);
      }
    } else {
      this.push({ type: 'paragraph' }, children);
    }
  }
}

/** The editor's state as Prose, with what had to be simplified. */
export function lexicalToProse(state: SerializedEditorState): Converted {
  const reader = new Reader();
  const root = state.root as unknown as JsonNode;
  for (const node of root.children ?? []) reader.block(node);
  return reader.result();
}

// ---- Prose to the editor's state --------------------------------------------------

function textNode(run: ProseInline) {
  return {
    detail: 0,
    format: (run.bold ? BOLD : 0) | (run.italic ? ITALIC : 0),
    mode: 'normal',
    style: '',
    text: run.text,
    type: 'text',
    version: 1,
  };
}

const element = { direction: null, format: '', indent: 0, version: 1 };

/** Runs with the same link go in one link node. */
function inlineNodes(content: ProseInline[]): unknown[] {
  const nodes: unknown[] = [];
  let link: { url: string; children: unknown[] } | null = null;
  for (const run of content) {
    if (!run.link) {
      link = null;
      nodes.push(textNode(run));
      continue;
    }
    if (!link || link.url !== run.link) {
      link = { url: run.link, children: [] };
      nodes.push({
        ...element,
        type: 'link',
        url: run.link,
        rel: null,
        target: null,
        title: null,
        children: link.children,
      });
    }
    link.children.push(textNode(run));
  }
  return nodes;
}

interface OpenList {
  depth: number;
  kind: 'bullet' | 'number';
  children: unknown[];
}

function listNode(kind: 'bullet' | 'number', children: unknown[]) {
  return { ...element, type: 'list', listType: kind, start: 1, tag: kind === 'number' ? 'ol' : 'ul', children };
}

function listItem(depth: number, value: number, children: unknown[]) {
  return { ...element, indent: depth, type: 'listitem', value, children };
}

/**
 * Prose as the editor's state. A run of list items becomes one nested list: an item
 * deeper than the one before goes in a new list inside an item of its own (Lexical's
 * shape for nesting), and a change of kind at a depth starts a new list there.
 */
export function proseToLexical(prose: Prose): SerializedEditorState {
  const children: unknown[] = [];
  let open: OpenList[] = [];
  for (const block of prose) {
    if (block.type !== 'bullet' && block.type !== 'number') {
      open = [];
      children.push(
        block.type === 'heading'
          ? { ...element, type: 'heading', tag: `h${block.level}`, children: inlineNodes(block.content) }
          : { ...element, type: 'paragraph', textFormat: 0, textStyle: '', children: inlineNodes(block.content) },
      );
      continue;
    }
    while (open.length > 0 && (open[open.length - 1] as OpenList).depth > block.depth) open.pop();
    const top = open[open.length - 1];
    if (top && top.depth === block.depth && top.kind !== block.type) open.pop();
    if (open.length === 0) {
      const list: OpenList = { depth: 0, kind: block.type, children: [] };
      children.push(listNode(block.type, list.children));
      open.push(list);
    }
    while ((open[open.length - 1] as OpenList).depth < block.depth) {
      const parent = open[open.length - 1] as OpenList;
      const nested: OpenList = { depth: parent.depth + 1, kind: block.type, children: [] };
      parent.children.push(listItem(parent.depth, parent.children.length + 1, [listNode(block.type, nested.children)]));
      open.push(nested);
    }
    const list = open[open.length - 1] as OpenList;
    list.children.push(listItem(block.depth, list.children.length + 1, inlineNodes(block.content)));
  }
  // Lexical refuses a root with no children: empty prose is one empty paragraph.
  if (children.length === 0)
    children.push({ ...element, type: 'paragraph', textFormat: 0, textStyle: '', children: [] });
  const root = { ...element, type: 'root', children };
  return { root } as unknown as SerializedEditorState;
}
