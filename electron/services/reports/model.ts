import type { Prose, ProseInline } from '../../../shared/reports/prose.js';

/**
 * A Word document as Casebook describes it before it is written: plain data, every
 * word of it a string in here. Reports are built as this model, anonymised as a whole
 * (`mapText`: one function over every string, so nothing, not a caption nor a
 * header, is missed), and only then rendered by document.ts.
 */

export type ReportBlock =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; bold?: boolean }
  /** The reviewer's own formatted text; its headings sit one level below the section's. */
  | { type: 'prose'; prose: Prose }
  /** Where the reviewer has not written yet: clearly marked, with what to write. */
  | { type: 'placeholder'; text: string }
  /** Label and value pairs, as on a record's summary. */
  | { type: 'facts'; rows: [string, string][] }
  | {
      type: 'table';
      headers: string[];
      rows: string[][];
      /** Relative column widths; equal when left out. */
      widths?: number[];
      caption?: string;
      /**
       * Thousands of rows (the chronology): written as XML straight into the packed
       * file (long-table.ts). Only as the document's last block, as the page layout
       * that numbers the contents does not reach past it.
       */
      streamed?: boolean;
    }
  | { type: 'image'; png: Uint8Array; width: number; height: number; caption: string };

export type DocumentStatus =
  | { kind: 'draft'; version: number; date: string }
  | { kind: 'final'; version: number; date: string }
  /** A record that is not versioned (a CDOP case record): the date it was made. */
  | { kind: 'dated'; date: string };

export interface ReportPart {
  orientation: 'portrait' | 'landscape';
  blocks: ReportBlock[];
}

export interface ReportModel {
  /** The title page's title and the document's title property. */
  title: string;
  /** Lines under the title: the board, the kind of review. */
  subtitle: string[];
  status: DocumentStatus;
  /** The protective marking printed at the top and bottom of every page (Settings). */
  marking: string;
  /** A title page of its own; without one, the title heads the first page (a briefing). */
  titlePage: boolean;
  /** A contents page after the title page. */
  contents: boolean;
  /** Written into the document's description property (the audit anchor). */
  description: string;
  parts: ReportPart[];
}

/** The model with `change` applied to every string in it: the one way text is anonymised. */
export function mapText(model: ReportModel, change: (text: string) => string): ReportModel {
  // A name can be split across formatting ("**Am**ira"): when the paragraph read whole
  // changes differently from its runs one by one, it keeps the whole reading, and
  // loses its formatting rather than keep the name.
  const inlines = (content: ProseInline[]): ProseInline[] => {
    const each = content.map((inline) => ({ ...inline, text: change(inline.text) }));
    const whole = change(content.map((inline) => inline.text).join(''));
    return each.map((inline) => inline.text).join('') === whole ? each : [{ text: whole }];
  };
  const block = (item: ReportBlock): ReportBlock => {
    switch (item.type) {
      case 'heading':
      case 'paragraph':
      case 'placeholder':
        return { ...item, text: change(item.text) };
      case 'prose':
        return {
          ...item,
          prose: item.prose.map((proseBlock) => ({ ...proseBlock, content: inlines(proseBlock.content) })),
        };
      case 'facts':
        return { ...item, rows: item.rows.map(([label, value]): [string, string] => [change(label), change(value)]) };
      case 'table':
        return {
          ...item,
          headers: item.headers.map(change),
          rows: item.rows.map((row) => row.map(change)),
          ...(item.caption === undefined ? {} : { caption: change(item.caption) }),
        };
      case 'image':
        return { ...item, caption: change(item.caption) };
    }
  };
  return {
    ...model,
    title: change(model.title),
    subtitle: model.subtitle.map(change),
    marking: change(model.marking),
    description: change(model.description),
    parts: model.parts.map((part) => ({ ...part, blocks: part.blocks.map(block) })),
  };
}

/** The status as printed in the header and on the title page: "DRAFT v2 02/12/2026" or "FINAL". */
export function statusText(status: DocumentStatus): string {
  if (status.kind === 'dated') return `As at ${status.date}`;
  return status.kind === 'final' ? `FINAL (version ${status.version})` : `DRAFT v${status.version} ${status.date}`;
}
