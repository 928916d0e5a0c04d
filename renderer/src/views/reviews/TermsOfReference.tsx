import { parseTermsOfReference } from '../../../../shared/reviews/index.js';

/**
 * Terms of reference in their documented plain-text format (shared/reviews/terms.ts)
 * drawn as real headings, paragraphs and lists: React elements only, never HTML
 * strings, so nothing typed can run as markup.
 */
export function TermsOfReference({
  text,
  headingLevel = 3,
  empty = 'No terms of reference recorded yet.',
}: {
  text: string;
  headingLevel?: 3 | 4;
  empty?: string;
}) {
  const blocks = parseTermsOfReference(text);
  if (blocks.length === 0) return <p className="muted">{empty}</p>;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="terms">
      {blocks.map((block, index) => {
        // Blocks have no identity of their own: their position is it.
        const key = `${index}-${block.kind}`;
        switch (block.kind) {
          case 'heading':
            return <Heading key={key}>{block.text}</Heading>;
          case 'paragraph':
            return <p key={key}>{block.text}</p>;
          case 'bullets':
            return (
              <ul key={key}>
                {block.items.map((item, itemIndex) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: list items are identified by their position
                  <li key={itemIndex}>{item}</li>
                ))}
              </ul>
            );
          case 'numbered':
            return (
              <ol key={key}>
                {block.items.map((item, itemIndex) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: list items are identified by their position
                  <li key={itemIndex}>{item}</li>
                ))}
              </ol>
            );
        }
        return null;
      })}
    </div>
  );
}
