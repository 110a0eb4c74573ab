import { describe, expect, it } from 'vitest';
import {
  csvHeaderLine,
  neutraliseCsvText,
  quoteCsvField,
  restoreCsvText,
  sessionCsvLine,
  type SessionRow,
} from '@contract';

describe('the sessions CSV format', () => {
  it.each([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ["'=already", "''=already"],
    ["'plain", "'plain"],
    ['alice@fiber', 'alice@fiber'],
    ['', ''],
    // OWASP's CSV injection list: a newline starts a cell too, and spreadsheets skip
    // leading whitespace and read full-width forms as the ASCII ones.
    ['\ncmd', "'\ncmd"],
    [' =1+1', "' =1+1"],
    ['  +1', "'  +1"],
    ['\n=cmd', "'\n=cmd"],
    [' \t-2', "' \t-2"],
    ['\u3000@SUM(A1)', "'\u3000@SUM(A1)"],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－2', "'－2"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    [' ＝x', "' ＝x"],
    ["' =already", "'' =already"],
    ["'＝already", "''＝already"],
    [' plain', ' plain'],
    ['a=b', 'a=b'],
    ["' plain", "' plain"],
  ])('neutralises %j as %j and restores it exactly', (value, written) => {
    expect(neutraliseCsvText(value)).toBe(written);
    expect(restoreCsvText(neutraliseCsvText(value))).toBe(value);
  });

  it('quotes only the fields that need it, doubling quotes', () => {
    expect(quoteCsvField('plain')).toBe('plain');
    expect(quoteCsvField('a,b')).toBe('"a,b"');
    expect(quoteCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('writes a session with every column in header order, octets exact', () => {
    const row: SessionRow = [
      '42',
      '=cmd|x',
      'Ana, "the boss" 🚀',
      null,
      '127.0.10.1',
      'bng-north-1',
      '100.64.1.5',
      'AA:BB:CC:00:00:01',
      '81a0',
      '2026-11-21T08:00:00Z',
      null,
      3600,
      '18446744073709551615',
      '4294967296',
      null,
      '2026-11-21T09:00:00Z',
      null,
      '2001:db8:bb10:100::/64',
      '2001:db8:aa10:100::/56',
      null,
    ];
    expect(csvHeaderLine.split(',')).toHaveLength(21);
    expect(sessionCsvLine(row, '2026-11-21T10:00:00Z')).toBe(
      '42,\'=cmd|x,"Ana, ""the boss"" 🚀",,127.0.10.1,bng-north-1,100.64.1.5,' +
        'AA:BB:CC:00:00:01,81a0,2026-11-21T08:00:00Z,,3600,18446744073709551615,4294967296,,' +
        '2026-11-21T09:00:00Z,,2001:db8:bb10:100::/64,2001:db8:aa10:100::/56,,2026-11-21T10:00:00Z',
    );
  });
});
