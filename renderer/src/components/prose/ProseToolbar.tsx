import { $createLinkNode, $isLinkNode, $toggleLink } from '@lexical/link';
import {
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $isHeadingNode } from '@lexical/rich-text';
import {
  $createParagraphNode,
  $createRangeSelectionFromDom,
  $createTextNode,
  $findMatchingParent,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $setSelection,
  type BaseSelection,
  COMMAND_PRIORITY_NORMAL,
  type ElementNode,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  KEY_DOWN_COMMAND,
  OUTDENT_CONTENT_COMMAND,
} from 'lexical';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { PROSE_LINK_PATTERN, PROSE_LINK_RULE } from '../../../../shared/reports/prose.js';
import { Field } from '../Field.js';
import { $selectedListItem, MAX_LIST_DEPTH } from './ProseRules.js';

/**
 * The editor's toolbar: text style, bold, italic, the two kinds of list, list
 * level, and links. Each button says its shortcut (in its name's title and in
 * aria-keyshortcuts); the buttons keep the focus in the text, so a click formats
 * what is selected there.
 */

type Block = 'paragraph' | 'h1' | 'h2' | 'h3' | 'bullet' | 'number';
const STYLES: { value: Block; label: string }[] = [
  { value: 'paragraph', label: 'Paragraph' },
  { value: 'h1', label: 'Heading 1' },
  { value: 'h2', label: 'Heading 2' },
  { value: 'h3', label: 'Heading 3' },
];

interface Selected {
  block: Block;
  bold: boolean;
  italic: boolean;
  link: string | null;
  depth: number | null;
}

const NOTHING: Selected = { block: 'paragraph', bold: false, italic: false, link: null, depth: null };

/** What the selection is in now. Call inside an editor read. */
function $selected(): Selected {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return NOTHING;
  const anchor = selection.anchor.getNode();
  const top = anchor.getTopLevelElement();
  const list = $findMatchingParent(anchor, (node) => node instanceof ListNode) as ListNode | null;
  const link = $findMatchingParent(anchor, $isLinkNode);
  const item = $selectedListItem();
  return {
    block: list
      ? list.getListType() === 'number'
        ? 'number'
        : 'bullet'
      : $isHeadingNode(top)
        ? (top.getTag() as Block)
        : 'paragraph',
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    link: $isLinkNode(link) ? link.getURL() : null,
    depth: item ? item.getIndent() : null,
  };
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? 'Meta' : 'Control';
const modName = isMac ? 'Cmd' : 'Ctrl';

export function ProseToolbar({ label }: { label: string }) {
  const [editor] = useLexicalComposerContext();
  const [selected, setSelected] = useState<Selected>(NOTHING);
  const [linking, setLinking] = useState<{ url: string; error: string | null } | null>(null);
  const savedSelection = useRef<BaseSelection | null>(null);

  function setBlock(block: Block) {
    if (block === 'bullet' || block === 'number') {
      editor.dispatchCommand(
        selected.block === block
          ? REMOVE_LIST_COMMAND
          : block === 'bullet'
            ? INSERT_UNORDERED_LIST_COMMAND
            : INSERT_ORDERED_LIST_COMMAND,
        undefined,
      );
      return;
    }
    if (selected.block === 'bullet' || selected.block === 'number')
      editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const blocks = new Set<ElementNode>();
      for (const node of [selection.anchor.getNode(), ...selection.getNodes()]) {
        const top = node.getTopLevelElement();
        if ($isElementNode(top)) blocks.add(top);
      }
      for (const top of blocks) {
        top.replace(block === 'paragraph' ? $createParagraphNode() : $createHeadingNode(block), true);
      }
    });
  }

  function openLink() {
    // Link what the user sees selected. Lexical hears of a keyboard selection a moment later (on
    // selectionchange), so a quick Shift+Arrow then Ctrl+K would otherwise link the selection before.
    savedSelection.current = editor.read(() => {
      const seen = $createRangeSelectionFromDom(window.getSelection(), editor);
      return (seen ?? $getSelection())?.clone() ?? null;
    });
    setLinking({ url: selected.link ?? 'https://', error: null });
  }

  function closeLink() {
    setLinking(null);
    editor.focus();
  }

  function applyLink(url: string | null) {
    if (url !== null && !PROSE_LINK_PATTERN.test(url.trim())) {
      setLinking({ url, error: PROSE_LINK_RULE });
      return;
    }
    const address = url?.trim() ?? null;
    editor.update(() => {
      const saved = savedSelection.current;
      if (saved) $setSelection(saved.clone());
      const selection = $getSelection();
      if (address !== null && $isRangeSelection(selection) && selection.isCollapsed() && !selected.link) {
        // Nothing selected: the address itself becomes the linked text.
        selection.insertNodes([$createLinkNode(address).append($createTextNode(address))]);
      } else {
        $toggleLink(address);
      }
    });
    closeLink();
  }

  useEffect(() => {
    const unregisterUpdate = editor.registerUpdateListener(({ editorState }) => {
      setSelected(editorState.read($selected));
    });
    const unregisterKeys = editor.registerCommand(
      KEY_DOWN_COMMAND,
      (event) => {
        if (!(isMac ? event.metaKey : event.ctrlKey)) return false;
        const action = shortcut(event);
        if (!action) return false;
        event.preventDefault();
        if (action === 'link') openLink();
        else setBlock(action);
        return true;
      },
      COMMAND_PRIORITY_NORMAL,
    );
    return () => {
      unregisterUpdate();
      unregisterKeys();
    };
  });

  const format = (kind: 'bold' | 'italic') => editor.dispatchCommand(FORMAT_TEXT_COMMAND, kind);
  const inList = selected.depth !== null;

  return (
    <>
      <div className="prose-toolbar" role="toolbar" aria-label={`Formatting: ${label}`}>
        <select
          aria-label="Text style"
          title={`Text style (${modName}+Alt+0 paragraph, ${modName}+Alt+1 to 3 headings)`}
          value={inList ? '' : selected.block}
          onChange={(event) => {
            setBlock(event.target.value as Block);
            editor.focus();
          }}
        >
          {inList ? <option value="">List item</option> : null}
          {STYLES.map((style) => (
            <option key={style.value} value={style.value}>
              {style.label}
            </option>
          ))}
        </select>
        <ToolButton label="Bold" keys={`${MOD}+B`} pressed={selected.bold} onPress={() => format('bold')}>
          <b>B</b>
        </ToolButton>
        <ToolButton label="Italic" keys={`${MOD}+I`} pressed={selected.italic} onPress={() => format('italic')}>
          <i>I</i>
        </ToolButton>
        <ToolButton
          label="Bulleted list"
          keys={`${MOD}+Shift+8`}
          pressed={selected.block === 'bullet'}
          onPress={() => setBlock('bullet')}
        >
          • List
        </ToolButton>
        <ToolButton
          label="Numbered list"
          keys={`${MOD}+Shift+7`}
          pressed={selected.block === 'number'}
          onPress={() => setBlock('number')}
        >
          1. List
        </ToolButton>
        <ToolButton
          label="Move list item out"
          keys="Shift+Tab"
          disabled={!inList || selected.depth === 0}
          onPress={() => editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined)}
        >
          ⇤
        </ToolButton>
        <ToolButton
          label="Move list item in"
          keys="Tab"
          disabled={!inList || (selected.depth ?? 0) >= MAX_LIST_DEPTH}
          onPress={() => editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined)}
        >
          ⇥
        </ToolButton>
        <ToolButton
          label={selected.link ? 'Edit link' : 'Link'}
          keys={`${MOD}+K`}
          pressed={selected.link !== null}
          expanded={linking !== null}
          onPress={openLink}
        >
          Link
        </ToolButton>
      </div>
      {linking ? (
        <div className="prose-link-form">
          <Field label="Link address (https://, http:// or mailto:)" error={linking.error}>
            {(ids) => (
              <input
                id={ids.id}
                type="url"
                // biome-ignore lint/a11y/noAutofocus: the form opens on the reviewer's own click or Ctrl+K
                autoFocus
                value={linking.url}
                aria-invalid={ids.invalid}
                aria-describedby={ids.describedBy}
                onChange={(event) => setLinking({ url: event.target.value, error: null })}
                onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    applyLink(linking.url);
                  } else if (event.key === 'Escape') {
                    event.preventDefault();
                    closeLink();
                  }
                }}
              />
            )}
          </Field>
          <button type="button" onClick={() => applyLink(linking.url)}>
            Apply link
          </button>
          {selected.link ? (
            <button type="button" className="secondary" onClick={() => applyLink(null)}>
              Remove link
            </button>
          ) : null}
          <button type="button" className="secondary" onClick={closeLink}>
            Cancel
          </button>
        </div>
      ) : null}
    </>
  );
}

/** The action of a keyboard shortcut, with Ctrl (Cmd on a Mac) held. */
function shortcut(event: globalThis.KeyboardEvent): Block | 'link' | null {
  if (event.code === 'KeyK' && !event.shiftKey && !event.altKey) return 'link';
  if (event.shiftKey && !event.altKey && event.code === 'Digit7') return 'number';
  if (event.shiftKey && !event.altKey && event.code === 'Digit8') return 'bullet';
  if (event.altKey && !event.shiftKey) {
    const styles: Record<string, Block> = { Digit0: 'paragraph', Digit1: 'h1', Digit2: 'h2', Digit3: 'h3' };
    return styles[event.code] ?? null;
  }
  return null;
}

function ToolButton({
  label,
  keys,
  pressed,
  expanded,
  disabled,
  onPress,
  children,
}: {
  label: string;
  keys: string;
  pressed?: boolean;
  expanded?: boolean;
  disabled?: boolean;
  onPress: () => void;
  children: ReactNode;
}) {
  const shown = keys.replace('Control', modName).replace('Meta', modName);
  return (
    <button
      type="button"
      className="prose-tool"
      aria-label={label}
      aria-pressed={pressed}
      aria-expanded={expanded}
      aria-keyshortcuts={keys}
      title={`${label} (${shown})`}
      disabled={disabled}
      // Keep the focus (and the selection) in the text.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPress}
    >
      {children}
    </button>
  );
}
