import { describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../shared/chronology/neutralise.js';

describe('neutraliseCell', () => {
  it.each(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '＝1'])(
    'prefixes %j with a quote',
    (value) => {
      expect(neutraliseCell(value)).toBe(`'${value}`);
    },
  );
  it('leaves ordinary text alone', () => {
    expect(neutraliseCell('Home visit')).toBe('Home visit');
    expect(neutraliseCell(' =1')).toBe(' =1');
  });
});
