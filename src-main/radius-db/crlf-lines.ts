const quote = 0x22;
const lf = 0x0a;
const crlf = Buffer.from('\r\n');

/**
 * COPY's CSV ends each line with LF; the sessions CSV ends them with CRLF. An LF inside a
 * quoted field is data and stays as it is, so the quote state is carried from chunk to
 * chunk. Counts the lines (sessions) it ends.
 */
export class CrlfLines {
  lines = 0;
  #quoted = false;

  convert(chunk: Buffer): { text: Buffer; lines: number } {
    const parts: Buffer[] = [];
    let lines = 0;
    let from = 0;
    let at = 0;
    while (at < chunk.length) {
      if (!this.#quoted) {
        const nextLf = chunk.indexOf(lf, at);
        const nextQuote = chunk.indexOf(quote, at);
        if (nextLf === -1 && nextQuote === -1) break;
        if (nextQuote === -1 || (nextLf !== -1 && nextLf < nextQuote)) {
          parts.push(chunk.subarray(from, nextLf), crlf);
          lines += 1;
          from = nextLf + 1;
          at = from;
          continue;
        }
        this.#quoted = true;
        at = nextQuote + 1;
      } else {
        // A doubled quote inside a quoted field toggles twice: the state stays right.
        const closing = chunk.indexOf(quote, at);
        if (closing === -1) break;
        this.#quoted = false;
        at = closing + 1;
      }
    }
    parts.push(chunk.subarray(from));
    this.lines += lines;
    return { text: Buffer.concat(parts), lines };
  }
}
