import type { TextPart } from '../../../shared/anonymise/leak-check.js';
import { packageParts } from './package.js';

/**
 * Every piece of text a finished .docx holds, for the leak check: each paragraph of
 * each XML part with its runs joined (a name split across bold and plain runs is
 * read whole), picture descriptions, and in the other parts (document properties,
 * relationships) every element's text and attribute value. Each piece says where it
 * is: "word/document.xml, paragraph 12 (under Background and family structure)".
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity.toLowerCase()] ?? '';
  });
}

const PARAGRAPH = /<w:p[\s>][\s\S]*?<\/w:p>/g;
const RUN_TEXT = /<w:(t|delText|instrText)(?:\s[^>]*)?>([^<]*)<\/w:\1>|<w:(tab|br|cr)\b[^>]*\/>/g;
const DESCRIBED = /\b(?:descr|title|name)="([^"]*)"/g;
const HEADING = /<w:pStyle w:val="Heading1"\/>/;

function paragraphText(paragraph: string): string {
  let text = '';
  for (const match of paragraph.matchAll(RUN_TEXT)) text += match[2] !== undefined ? decode(match[2]) : ' ';
  return text;
}

function wordPart(name: string, xml: string, parts: TextPart[]): void {
  let index = 0;
  let under = '';
  for (const [paragraph] of xml.matchAll(PARAGRAPH)) {
    index += 1;
    const text = paragraphText(paragraph);
    if (HEADING.test(paragraph)) under = text;
    const where = `${name}, paragraph ${index}${under ? ` (under ${under})` : ''}`;
    parts.push({ where, text });
    for (const match of paragraph.matchAll(DESCRIBED))
      parts.push({ where: `${where}, picture`, text: decode(match[1] ?? '') });
  }
}

function otherPart(name: string, xml: string, parts: TextPart[]): void {
  for (const match of xml.matchAll(/>([^<]+)</g)) parts.push({ where: name, text: decode(match[1] ?? '') });
  for (const match of xml.matchAll(/="([^"]*)"/g)) parts.push({ where: name, text: decode(match[1] ?? '') });
}

export function documentTexts(docx: Buffer): TextPart[] {
  const parts: TextPart[] = [];
  for (const part of packageParts(docx)) {
    if (!/\.(xml|rels)$/i.test(part.name)) continue;
    const xml = part.data.toString('utf8');
    if (/<w:p[\s>]/.test(xml)) wordPart(part.name, xml, parts);
    else otherPart(part.name, xml, parts);
  }
  return parts;
}
