import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import fc from 'fast-check';
import { createEditor, type SerializedEditorState } from 'lexical';
import { describe, expect, it } from 'vitest';
import { lexicalToProse, proseToLexical } from '../../renderer/src/components/prose/lexical-prose.js';
import { type Prose, type ProseInline, proseSchema } from '../../shared/reports/prose.js';

/**
 * The editor's state to and from the stored Prose. Round trips go through a real
 * Lexical editor (headless: Lexical runs without a DOM), so the JSON built for it is
 * what Lexical itself accepts and gives back.
 */

function throughLexical(prose: Prose): SerializedEditorState {
  const editor = createEditor({
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode],
    onError: (error) => {
      throw error;
    },
  });
  const state = editor.parseEditorState(JSON.stringify(proseToLexical(prose)));
  editor.setEditorState(state);
  return editor.getEditorState().toJSON();
}

const SECTION: Prose = [
  { type: 'heading', level: 1, content: [{ text: 'Summary' }] },
  { type: 'heading', level: 3, content: [{ text: 'Detail', italic: true }] },
  {
    type: 'paragraph',
    content: [
      { text: 'Agencies ' },
      { text: 'did not', bold: true },
      { text: ' share', bold: true, italic: true },
      { text: ' what they knew; see ' },
      { text: 'Working Together', link: 'https://www.gov.uk/working-together' },
      { text: ' 2023', bold: true, link: 'https://www.gov.uk/working-together' },
      { text: ' or write to ' },
      { text: 'the board', link: 'mailto:board@example.org' },
      { text: '.' },
    ],
  },
  { type: 'bullet', depth: 0, content: [{ text: 'Health visiting' }] },
  { type: 'bullet', depth: 1, content: [{ text: 'Two missed contacts' }] },
  { type: 'number', depth: 2, content: [{ text: 'First', bold: true }] },
  { type: 'number', depth: 2, content: [{ text: 'Second' }] },
  { type: 'bullet', depth: 0, content: [{ text: 'Police' }] },
  { type: 'number', depth: 0, content: [{ text: 'A numbered list after a bulleted one' }] },
  { type: 'paragraph', content: [{ text: 'The end.' }] },
];

describe('Prose to the editor and back', () => {
  it('keeps headings, paragraphs, bold, italic, links and nested lists of both kinds, through a real Lexical editor', () => {
    expect(lexicalToProse(throughLexical(SECTION))).toEqual({ prose: SECTION, simplified: [] });
  });

  it('builds the nesting Lexical uses: a deeper item in a list of its own inside the item after its parent', () => {
    const root = proseToLexical(SECTION.slice(3, 7)).root as unknown as {
      children: { type: string; children: { children: { type: string }[] }[] }[];
    };
    expect(root.children.map((node) => node.type)).toEqual(['list']);
    const [first, wrapper] = root.children[0]?.children ?? [];
    expect(first?.children.map((node) => node.type)).toEqual(['text']);
    expect(wrapper?.children.map((node) => node.type)).toEqual(['list']);
  });

  it('round-trips any prose in its one normal form (fuzzed)', () => {
    const inline = fc.record(
      {
        text: fc.string({ minLength: 1, maxLength: 12 }).filter((text) => !/[\n\r\t]/.test(text)),
        bold: fc.constant(true),
        italic: fc.constant(true),
        link: fc.constantFrom('https://a.example/x', 'mailto:b@example.org'),
      },
      { requiredKeys: ['text'] },
    );
    const content = fc
      .array(inline, { minLength: 1, maxLength: 4 })
      .map(normalForm)
      .filter((runs) => runs.length > 0);
    const block = fc.oneof(
      fc.record({ type: fc.constant('paragraph' as const), content }),
      fc.record({
        type: fc.constant('heading' as const),
        level: fc.constantFrom(1 as const, 2 as const, 3 as const),
        content,
      }),
      fc.record({
        type: fc.constantFrom('bullet' as const, 'number' as const),
        depth: fc.constantFrom(0 as const, 1 as const, 2 as const),
        content,
      }),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 12 }), (prose) => {
        expect(lexicalToProse(throughLexical(prose))).toEqual({ prose, simplified: [] });
      }),
      { numRuns: 200 },
    );
  });
});

/** What the editor gives back for runs: neighbours of the same formatting joined. */
function normalForm(runs: ProseInline[]): ProseInline[] {
  const joined: ProseInline[] = [];
  for (const run of runs) {
    const last = joined[joined.length - 1];
    if (
      last &&
      Boolean(last.bold) === Boolean(run.bold) &&
      Boolean(last.italic) === Boolean(run.italic) &&
      last.link === run.link
    ) {
      last.text += run.text;
    } else joined.push({ ...run });
  }
  return joined;
}

// ---- what Prose cannot hold: simplified and named ----------------------------------

const text = (value: string, format = 0) => ({
  type: 'text',
  text: value,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
});
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children });
const state = (...children: unknown[]) => ({ root: { type: 'root', children } }) as unknown as SerializedEditorState;

describe('what the editor holds that Prose cannot', () => {
  it('turns a pasted table into paragraphs of its cells, in order, and says so', () => {
    const cell = (value: string) => ({ type: 'tablecell', children: [paragraph(text(value))] });
    const table = {
      type: 'table',
      children: [
        { type: 'tablerow', children: [cell('Agency'), cell('Contacts')] },
        { type: 'tablerow', children: [cell('Police'), cell('3')] },
      ],
    };
    expect(lexicalToProse(state(paragraph(text('Before')), table))).toEqual({
      prose: ['Before', 'Agency', 'Contacts', 'Police', '3'].map((value) => ({
        type: 'paragraph',
        content: [{ text: value }],
      })),
      simplified: ['a table (now paragraphs)'],
    });
  });

  it('keeps the text of a javascript: link without the link, and says so', () => {
    const link = { type: 'link', url: 'javascript:alert(1)', children: [text('click me')] };
    const converted = lexicalToProse(state(paragraph(text('Please '), link)));
    expect(converted.prose).toEqual([{ type: 'paragraph', content: [{ text: 'Please click me' }] }]);
    expect(converted.simplified).toEqual(['a link that is not http, https or mailto (its text is kept)']);
    expect(proseSchema.safeParse(converted.prose).success).toBe(true);
  });

  it('keeps underlined, struck and code text as plain text, a fifth-level heading as a third, a quote as a paragraph', () => {
    const converted = lexicalToProse(
      state(
        { type: 'heading', tag: 'h5', children: [text('Deep')] },
        paragraph(text('under', 8), text('lined', 8 | 1), text(' code', 16)),
        { type: 'quote', children: [text('Said the mother')] },
      ),
    );
    expect(converted.prose).toEqual([
      { type: 'heading', level: 3, content: [{ text: 'Deep' }] },
      { type: 'paragraph', content: [{ text: 'under' }, { text: 'lined', bold: true }, { text: ' code' }] },
      { type: 'paragraph', content: [{ text: 'Said the mother' }] },
    ]);
    expect(converted.simplified).toEqual([
      'a heading below the third level (now a third-level heading)',
      'underline',
      'code formatting',
      'a quote (now paragraphs)',
    ]);
  });

  it('keeps a list nested three deep at the second level, and a line break as a new block of the same kind', () => {
    const item = (...children: unknown[]) => ({ type: 'listitem', children });
    const list = (...children: unknown[]) => ({ type: 'list', listType: 'bullet', children });
    const fourth = list(item(text('four')));
    const third = list(item(fourth));
    const second = list(item(text('two')), item(third));
    const converted = lexicalToProse(
      state(
        list(item(text('one')), item(second)),
        paragraph(text('line one'), { type: 'linebreak' }, text('line two', 2)),
      ),
    );
    expect(converted.prose).toEqual([
      { type: 'bullet', depth: 0, content: [{ text: 'one' }] },
      { type: 'bullet', depth: 1, content: [{ text: 'two' }] },
      { type: 'bullet', depth: 2, content: [{ text: 'four' }] },
      { type: 'paragraph', content: [{ text: 'line one' }] },
      { type: 'paragraph', content: [{ text: 'line two', italic: true }] },
    ]);
    expect(converted.simplified).toEqual(['a list nested more than two levels (kept at the second)']);
  });

  it('leaves out empty paragraphs: an empty editor is empty prose', () => {
    expect(lexicalToProse(state(paragraph(), paragraph(text(''))))).toEqual({ prose: [], simplified: [] });
  });
});
