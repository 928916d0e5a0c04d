import { $isListItemNode, ListItemNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $findMatchingParent,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_HIGH,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  KEY_TAB_COMMAND,
  mergeRegister,
  OUTDENT_CONTENT_COMMAND,
} from 'lexical';
import { useEffect } from 'react';

/** The deepest list level Prose holds: 0, 1 and 2. */
export const MAX_LIST_DEPTH = 2;

/** The list item the selection starts in, if any. Call inside an editor read or update. */
export function $selectedListItem(): ListItemNode | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const item = $findMatchingParent(selection.anchor.getNode(), $isListItemNode);
  return item instanceof ListItemNode ? item : null;
}

/**
 * Keeps the editor to what Prose holds, so what the reviewer sees is what is saved:
 * only bold and italic (Ctrl+U and the like do nothing), indenting only list items
 * and only to the second level. Tab indents a list item and Shift+Tab outdents it;
 * elsewhere Tab leaves the editor, as it does in any form.
 */
export function ProseRules() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          FORMAT_TEXT_COMMAND,
          (format) => format !== 'bold' && format !== 'italic',
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          INDENT_CONTENT_COMMAND,
          () => {
            const item = $selectedListItem();
            return item === null || item.getIndent() >= MAX_LIST_DEPTH;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          KEY_TAB_COMMAND,
          (event) => {
            if ($selectedListItem() === null) return false;
            event.preventDefault();
            editor.dispatchCommand(event.shiftKey ? OUTDENT_CONTENT_COMMAND : INDENT_CONTENT_COMMAND, undefined);
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
      ),
    [editor],
  );
  return null;
}
