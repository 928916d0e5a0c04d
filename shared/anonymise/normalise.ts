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
 * - every run of white space becomes one space.
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
  /** For each folded character, the index in the original where its source starts. */
  from: number[];
  /** For each folded character, the index in the original just after its source. */
  to: number[];
}

function foldCluster(cluster: string): string {
  if (APOSTROPHES.test(cluster)) return "'";
  if (DASHES.test(cluster)) return '-';
  const plain = cluster.normalize('NFKD').toLowerCase().normalize('NFKD').replace(MARKS, '').replace(INVISIBLE, '');
  let out = '';
  for (const char of plain) out += LOOKALIKES[char] ?? (/\s/u.test(char) ? ' ' : char);
  return out;
}

/** Folds `value`, keeping where each folded character came from. */
export function foldWithPositions(value: string): FoldedText {
  const folded: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  // A base character with the combining marks after it: "e" + U+0301 folds as one.
  const clusters = value.matchAll(/[^\p{M}][\p{M}]*|[\p{M}]+/gsu);
  for (const match of clusters) {
    const start = match.index;
    const end = start + match[0].length;
    for (const char of foldCluster(match[0])) {
      // Runs of white space fold to one space, which covers them all.
      if (char === ' ' && folded.at(-1) === ' ') {
        to[to.length - 1] = end;
        continue;
      }
      folded.push(char);
      from.push(start);
      to.push(end);
    }
  }
  return { text: folded.join(''), from, to };
}

/** The folded text alone: for names, codes and anything compared without positions. */
export function fold(value: string): string {
  return foldWithPositions(value).text.trim();
}
