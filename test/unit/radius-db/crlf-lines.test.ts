import { describe, expect, it } from 'vitest';
import { CrlfLines } from '../../../src-main/radius-db/crlf-lines';

describe("COPY's LF line ends as CRLF", () => {
  it('ends lines with CRLF and keeps LF inside quoted fields, however the chunks fall', () => {
    const copy = 'a,1\n"two\nlines","say ""hi""\n"\nplain,"x"\n';
    const expected = 'a,1\r\n"two\nlines","say ""hi""\n"\r\nplain,"x"\r\n';
    for (let size = 1; size <= copy.length; size += 1) {
      const lines = new CrlfLines();
      let text = '';
      for (let at = 0; at < copy.length; at += size) {
        text += lines.convert(Buffer.from(copy.slice(at, at + size))).text.toString();
      }
      expect(text).toBe(expected);
      expect(lines.lines).toBe(3);
    }
  });
});
