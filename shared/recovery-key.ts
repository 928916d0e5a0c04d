/**
 * Recovery keys are 160 random bits written as 32 Crockford base-32 characters in
 * groups of four (e.g. `7KQ2-M9XD-...`): easy to read aloud or copy from paper, with
 * the letters that look like digits (I, L, O, U) left out and accepted as their lookalikes.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_KEY_BYTES = 20;
const GROUP = 4;

export function formatRecoveryKey(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join('-') ?? '';
}

/** Parses what a person typed (any case, spaces or dashes, lookalike letters); null if it is not a recovery key. */
export function parseRecoveryKey(text: string): Uint8Array | null {
  const cleaned = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0').replace(/U/g, 'V');
  const expectedLength = Math.ceil((RECOVERY_KEY_BYTES * 8) / 5);
  if (cleaned.length !== expectedLength) return null;
  // Its own ArrayBuffer: a small typed array lives in the JS heap, where V8 leaves copies a wipe cannot reach.
  const bytes = new Uint8Array(new ArrayBuffer(RECOVERY_KEY_BYTES));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of cleaned) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      if (index < bytes.length) bytes[index++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return index === RECOVERY_KEY_BYTES ? bytes : null;
}

export function looksLikeRecoveryKey(text: string): boolean {
  return parseRecoveryKey(text) !== null;
}
