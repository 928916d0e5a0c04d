/**
 * Text folded for comparison, the way someone hiding a name would not expect:
 * a name typed decomposed ("Zoe" + combining accent), with a zero-width space or a
 * soft hyphen inside it, with a curly apostrophe ("O’Brien"), in full-width letters,
 * or in capitals must still be found. Matching happens on the folded text; every
 * folded character remembers where it came from, so a replacement changes only the
 * name and keeps the text around it exactly as typed.
 *
 * Folding, per character (a base character with its combining marks):
 * - apostrophe variants (' ’ ‘ ʼ ′ ` ´ ＇) become ', dash variants become -;
 * - NFKD (compatibility: full-width, ligatures, non-breaking spaces), then lower case,
 *   then combining marks (accents) dropped;
 * - invisible format characters (Unicode Cf: zero-width space, joiners, soft hyphen,
 *   byte-order mark, direction marks) dropped;
 * - letters that look Latin in Cyrillic and Greek become the Latin letter ("Аmira"
 *   with a Cyrillic А is Amira);
 * - every white space character becomes a space (matching allows any run of them).
 */

const APOSTROPHES = /['’‘ʼʹ′`´＇‛]/u;
const DASHES = /[\p{Pd}\u2212]/u;
const INVISIBLE = /[\p{Cf}]/gu;
const MARKS = /\p{M}/gu;

/** Cyrillic and Greek letters drawn like Latin ones (lower case, after folding). */
const LOOKALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
};

export interface FoldedText {
  /** The folded text, compared against folded names. */
  text: string;
  /** Where the source of folded character `index` starts in the original. */
  start(index: number): number;
  /** Where the source of folded character `index` ends in the original. */
  end(index: number): number;
}

function foldCluster(cluster: string): string {
  if (APOSTROPHES.test(cluster)) return "'";
  if (DASHES.test(cluster)) return '-';
  const plain = cluster.normalize('NFKD').toLowerCase().normalize('NFKD').replace(MARKS, '').replace(INVISIBLE, '');
  let out = '';
  for (const char of plain) out += LOOKALIKES[char] ?? (/\s/u.test(char) ? ' ' : char);
  return out;
}

const MARK = /\p{M}/u;
/** The first code point that can be a combining mark (U+0300): anything below never is. */
const FIRST_MARK = 0x300;
const ASCII_SPACE = /[\t\n\v\f\r]/g;

/** ASCII folds one character for one: lower case, a backtick as an apostrophe, any white space as a space. */
function foldAscii(text: string): string {
  return text.toLowerCase().replaceAll('`', "'").replace(ASCII_SPACE, ' ');
}

function isMarkAt(value: string, at: number): boolean {
  const code = value.codePointAt(at) as number;
  return code >= FIRST_MARK && MARK.test(String.fromCodePoint(code));
}

/** Folds `value`, keeping where each folded character came from. */
export function foldWithPositions(value: string): FoldedText {
  let asciiEnd = 0;
  while (asciiEnd < value.length && value.charCodeAt(asciiEnd) < 0x80) asciiEnd += 1;
  // All ASCII, most text: one character for one, so positions are unchanged.
  if (asciiEnd === value.length) {
    return { text: foldAscii(value), start: (index) => index, end: (index) => index + 1 };
  }
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  while (at < value.length) {
    // A run of ASCII, less a last character that combining marks follow.
    let runEnd = at;
    while (runEnd < value.length && value.charCodeAt(runEnd) < 0x80) runEnd += 1;
    if (runEnd < value.length && runEnd > at && isMarkAt(value, runEnd)) runEnd -= 1;
    if (runEnd > at) {
      folded += foldAscii(value.slice(at, runEnd));
      for (let index = at; index < runEnd; index += 1) {
        from.push(index);
        to.push(index + 1);
      }
      at = runEnd;
      continue;
    }
    // A base character with the combining marks after it: "e" + U+0301 folds as one.
    let end = at + ((value.codePointAt(at) as number) > 0xffff ? 2 : 1);
    while (end < value.length && isMarkAt(value, end)) end += (value.codePointAt(end) as number) > 0xffff ? 2 : 1;
    for (const char of foldCluster(value.slice(at, end))) {
      folded += char;
      from.push(at);
      to.push(end);
    }
    at = end;
  }
  return { text: folded, start: (index) => from[index] as number, end: (index) => to[index] as number };
}

/** The folded text alone, white space runs as one space: for names, codes and anything compared without positions. */
export function fold(value: string): string {
  return foldWithPositions(value).text.replace(/ +/g, ' ').trim();
}
