import './prose-editor.css';
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { HeadingNode } from '@lexical/rich-text';
import type { EditorState } from 'lexical';
import { useId, useRef, useState } from 'react';
import { PROSE_LINK_PATTERN, type Prose } from '../../../../shared/reports/prose.js';
import { lexicalToProse, proseToLexical } from './lexical-prose.js';
import { ProseRules } from './ProseRules.js';
import { ProseToolbar } from './ProseToolbar.js';

/**
 * The reviewer's formatted text (a report section, a briefing part, an episode's
 * account), edited with Lexical and given back as `Prose`: headings, paragraphs,
 * bulleted and numbered lists nested to two levels, bold, italic and links.
 *
 * `value` is read when the editor appears; afterwards the editor holds the text and
 * reports each change through `onChange` (give the component a new `key` to load a
 * different text). Saving is the caller's: see useAutosave.ts.
 */
export interface ProseEditorProps {
  /** The editor's accessible name, e.g. the section heading. */
  label: string;
  value: Prose;
  onChange: (prose: Prose) => void;
  /** Shown while the editor is empty, e.g. the section's prompt. */
  placeholder?: string;
  /** The id of text that describes the editor (a prompt, the save status). */
  describedBy?: string;
  readOnly?: boolean;
  /** Called when focus leaves the editor (save now rather than after the pause). */
  onBlur?: () => void;
}

const THEME = {
  paragraph: 'prose-paragraph',
  heading: { h1: 'prose-h1', h2: 'prose-h2', h3: 'prose-h3' },
  list: {
    ul: 'prose-ul',
    ol: 'prose-ol',
    listitem: 'prose-item',
    nested: { listitem: 'prose-nested-item' },
  },
  link: 'prose-link',
  text: { bold: 'prose-bold', italic: 'prose-italic' },
};

export function ProseEditor({ label, value, onChange, placeholder, describedBy, readOnly, onBlur }: ProseEditorProps) {
  const noteId = useId();
  const [simplified, setSimplified] = useState<string[]>([]);
  const initial = useRef(JSON.stringify(proseToLexical(value)));
  const last = useRef(JSON.stringify(value));

  function changed(state: EditorState) {
    const converted = lexicalToProse(state.toJSON());
    setSimplified(converted.simplified);
    const text = JSON.stringify(converted.prose);
    // Lexical also reports changes that leave the text as it was (a click, an undo back).
    if (text === last.current) return;
    last.current = text;
    onChange(converted.prose);
  }

  return (
    <LexicalComposer
      initialConfig={{
        namespace: 'casebook-prose',
        nodes: [HeadingNode, ListNode, ListItemNode, LinkNode],
        theme: THEME,
        editable: !readOnly,
        editorState: initial.current,
        onError: (error) => {
          throw error;
        },
      }}
    >
      <div className={`prose-editor${readOnly ? ' read-only' : ''}`}>
        {readOnly ? null : <ProseToolbar label={label} />}
        <div className="prose-surface">
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                className="prose-content"
                ariaLabel={label}
                ariaDescribedBy={
                  [describedBy, simplified.length > 0 ? noteId : undefined].filter(Boolean).join(' ') || undefined
                }
                ariaMultiline
                onBlur={onBlur}
              />
            }
            placeholder={placeholder ? <div className="prose-placeholder">{placeholder}</div> : null}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <HistoryPlugin />
        <ListPlugin />
        <LinkPlugin validateUrl={(url) => PROSE_LINK_PATTERN.test(url)} />
        <ProseRules />
        <OnChangePlugin ignoreSelectionChange onChange={changed} />
        {simplified.length > 0 ? (
          <p className="prose-simplified" id={noteId}>
            A report holds headings, paragraphs, lists, bold, italic and links, so this is saved simplified:{' '}
            {simplified.join('; ')}.
          </p>
        ) : null}
      </div>
    </LexicalComposer>
  );
}
