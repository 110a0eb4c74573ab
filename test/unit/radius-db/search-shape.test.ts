import { describe, expect, it } from 'vitest';
import { classifySearch } from '../../../src-main/radius-db/search-shape';

describe('search shapes', () => {
  it('reads digits and dots as a piece of an IPv4 address', () => {
    for (const text of ['100.64.1', '64.1.5', '100.64.1.5', '.64.', '1.']) {
      expect(classifySearch(text)).toEqual({ kind: 'ipv4', dotted: text });
    }
  });

  it('reads a MAC in any common notation, whole or in part, as its hex digits', () => {
    const cases: Array<[string, string]> = [
      ['F0-9F-C2-12-34-56', 'f09fc2123456'],
      ['f0:9f:c2', 'f09fc2'],
      ['f0:9f:c2:', 'f09fc2'],
      ['f09f.c212.3456', 'f09fc2123456'],
      ['f09f.c2', 'f09fc2'],
      ['f09fc2', 'f09fc2'],
      ['001122334455', '001122334455'],
      ['1234.5678', '12345678'],
    ];
    for (const [text, hex] of cases)
      expect(classifySearch(text)).toEqual({ kind: 'mac', text, hex });
  });

  it('leaves usernames, names and session ids as text', () => {
    for (const text of ['u1079', 'alice@isp.example', 'Sara Ahmadi', '81000001', '107919', 'a:b']) {
      expect(classifySearch(text)).toEqual({ kind: 'text', text });
    }
  });
});
