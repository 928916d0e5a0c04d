import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, parseRecoveryKey, RECOVERY_KEY_BYTES } from '../../shared/recovery-key.js';

describe('recovery key', () => {
  it('round-trips any 160-bit key through its printed form', () => {
    for (let i = 0; i < 200; i++) {
      const bytes = randomBytes(RECOVERY_KEY_BYTES);
      const printed = formatRecoveryKey(bytes);
      expect(printed).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(Buffer.from(parseRecoveryKey(printed) ?? [])).toEqual(bytes);
    }
  });

  it('accepts what a person types: any case, spaces, and letters that look like digits', () => {
    const bytes = Buffer.from('00112233445566778899aabbccddeeff00112233', 'hex');
    const printed = formatRecoveryKey(bytes);
    const typed = printed.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    expect(Buffer.from(parseRecoveryKey(typed) ?? [])).toEqual(bytes);
  });

  it('refuses text that is not a recovery key', () => {
    expect(parseRecoveryKey('')).toBeNull();
    expect(parseRecoveryKey('correct horse battery staple')).toBeNull();
    expect(parseRecoveryKey(`${formatRecoveryKey(randomBytes(RECOVERY_KEY_BYTES))}-AAAA`)).toBeNull();
    expect(parseRecoveryKey('!!!!-!!!!-!!!!-!!!!-!!!!-!!!!-!!!!-!!!!')).toBeNull();
  });
});
