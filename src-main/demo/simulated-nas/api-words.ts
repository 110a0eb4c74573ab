/**
 * The RouterOS API wire format, written from MikroTik's protocol description: a sentence is
 * a list of words, each prefixed with its byte length, ended by a zero-length word. Words
 * are plain bytes; the server keeps them as Buffers and never guesses a character set.
 */

/** The length prefix: 1 to 5 bytes, the high bits of the first byte say how many. */
export function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  if (length < 0x4000) return Buffer.from([(length >>> 8) | 0x80, length & 0xff]);
  if (length < 0x200000) {
    return Buffer.from([(length >>> 16) | 0xc0, (length >>> 8) & 0xff, length & 0xff]);
  }
  if (length < 0x10000000) {
    return Buffer.from([
      (length >>> 24) | 0xe0,
      (length >>> 16) & 0xff,
      (length >>> 8) & 0xff,
      length & 0xff,
    ]);
  }
  const prefix = Buffer.alloc(5);
  prefix[0] = 0xf0;
  prefix.writeUInt32BE(length, 1);
  return prefix;
}

/** Reads a length prefix at `offset`; null when the buffer does not hold all of it yet. */
export function decodeLength(
  buffer: Buffer,
  offset: number,
): { length: number; size: number } | null {
  const first = buffer[offset];
  if (first === undefined) return null;
  const size = first < 0x80 ? 1 : first < 0xc0 ? 2 : first < 0xe0 ? 3 : first < 0xf0 ? 4 : 5;
  if (offset + size > buffer.length) return null;
  if (size === 1) return { length: first, size };
  if (size === 5) return { length: buffer.readUInt32BE(offset + 1), size };
  // The first byte keeps its low bits for 2, 3 and 4 byte prefixes.
  const mask = [0, 0, 0x3f, 0x1f, 0x0f][size] ?? 0;
  let length = first & mask;
  for (let index = 1; index < size; index += 1) {
    length = length * 256 + (buffer[offset + index] ?? 0);
  }
  return { length, size };
}

export function encodeSentence(words: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [];
  for (const word of words) {
    const bytes = typeof word === 'string' ? Buffer.from(word, 'utf8') : word;
    parts.push(encodeLength(bytes.length), bytes);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** Collects TCP reads, however they are cut, into whole sentences. */
export class SentenceReader {
  private pending: Buffer = Buffer.alloc(0);
  private words: Buffer[] = [];

  push(chunk: Buffer): Buffer[][] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const sentences: Buffer[][] = [];
    let offset = 0;
    for (;;) {
      const prefix = decodeLength(this.pending, offset);
      if (!prefix || offset + prefix.size + prefix.length > this.pending.length) break;
      const start = offset + prefix.size;
      offset = start + prefix.length;
      if (prefix.length === 0) {
        sentences.push(this.words);
        this.words = [];
      } else {
        this.words.push(this.pending.subarray(start, offset));
      }
    }
    this.pending = this.pending.subarray(offset);
    return sentences;
  }
}
