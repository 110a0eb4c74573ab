import { describe, expect, it } from 'vitest';
import {
  decodeLength,
  encodeLength,
  encodeSentence,
  SentenceReader,
} from '../../../src-main/demo/simulated-nas/api-words';
import { usePeers } from '../../support/routeros-peer/peer-fixture';

// Each boundary of the five length encodings, from both sides.
const lengths = [
  [0, 1],
  [0x7f, 1],
  [0x80, 2],
  [0x3fff, 2],
  [0x4000, 3],
  [0x1fffff, 3],
  [0x200000, 4],
  [0xfffffff, 4],
  [0x10000000, 5],
  [0xffffffff, 5],
] as const;

describe('RouterOS API words (the test peer’s own coding)', () => {
  it.each(lengths)('codes a length of %i in %i bytes and reads it back', (length, size) => {
    const prefix = encodeLength(length);
    expect(prefix).toHaveLength(size);
    expect(decodeLength(prefix, 0)).toEqual({ length, size });
    expect(decodeLength(prefix.subarray(0, size - 1), 0)).toBeNull();
  });

  it('matches the byte layout of MikroTik’s description', () => {
    expect([...encodeLength(0x80)]).toEqual([0x80, 0x80]);
    expect([...encodeLength(0x4000)]).toEqual([0xc0, 0x40, 0x00]);
    expect([...encodeLength(0x200000)]).toEqual([0xe0, 0x20, 0x00, 0x00]);
    expect([...encodeLength(0x10000000)]).toEqual([0xf0, 0x10, 0x00, 0x00, 0x00]);
  });

  it('reads whole sentences back however the bytes are cut', () => {
    const words = [0x7f, 0x80, 0x3fff, 0x4000, 0x1fffff, 0x200000].map((size) =>
      Buffer.alloc(size, 'x'),
    );
    const bytes = Buffer.concat([encodeSentence(['/one']), encodeSentence(words)]);
    const reader = new SentenceReader();
    const sentences: Buffer[][] = [];
    for (let offset = 0; offset < bytes.length; offset += 65_521) {
      sentences.push(...reader.push(bytes.subarray(offset, offset + 65_521)));
    }
    expect(sentences.map((sentence) => sentence.map((word) => word.length))).toEqual([
      [4],
      [0x7f, 0x80, 0x3fff, 0x4000, 0x1fffff, 0x200000],
    ]);
  });
});

describe('RouterOS API words between node-routeros and the peer', () => {
  const peers = usePeers();

  it.each([0x7f, 0x80, 0x3fff, 0x4000, 0x1fffff, 0x200000])(
    'round-trips a %i-byte username both ways',
    async (size) => {
      // `=name=` and `?name=` add 6 bytes: step back so the word itself sits on the boundary.
      const name = 'n'.repeat(Math.max(1, size - 6));
      const entry = { id: '*3A', name, address: '100.64.3.1', callerId: 'AA:BB:CC:00:00:0A' };
      const peer = await peers.start({ sessions: [entry] });
      const session = await peers.open(peer, { timeoutMs: 10_000 });
      const [found] = await session.findActive(name);
      expect(found?.name).toHaveLength(name.length);
      expect(found?.name === name).toBe(true);
    },
  );
});
