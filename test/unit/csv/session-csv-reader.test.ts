import { describe, expect, it } from 'vitest';
import { csvColumns, csvHeaderLine, sessionCsvLine, type SessionRow } from '@contract';
import { CsvRecordParser } from '../../../src-renderer/src/lib/csv/csv-record-parser';
import {
  readSessionCsv,
  readSessionCsvText,
} from '../../../src-renderer/src/lib/csv/session-csv-reader';

const exportedAt = '2026-11-21T09:30:00Z';

function session(id: number, overrides: Partial<Record<number, unknown>> = {}): SessionRow {
  const row: SessionRow = [
    String(id),
    `user${id}@isp.example`,
    `Subscriber ${id}`,
    'Fiber 100',
    '127.0.10.1',
    'bng-north',
    `100.64.0.${id}`,
    'AA:BB:CC:00:00:01',
    `sess-${id}`,
    '2026-11-21T08:00:00Z',
    null,
    3600,
    '5000000000',
    '123',
    null,
    '2026-11-21T09:00:00Z',
    null,
    '2001:db8:bb10:100::/64',
    '2001:db8:aa10:100::/56',
    null,
  ];
  for (const [index, value] of Object.entries(overrides)) (row as unknown[])[Number(index)] = value;
  return row;
}

const fileOf = (rows: SessionRow[]): string =>
  [csvHeaderLine, ...rows.map((row) => sessionCsvLine(row, exportedAt))].join('\r\n') + '\r\n';

const errorOf = (text: string): string => {
  try {
    readSessionCsvText(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
};

describe('CsvRecordParser', () => {
  const parse = (chunks: string[]): [string[], number][] => {
    const records: [string[], number][] = [];
    const parser = new CsvRecordParser((fields, line) => records.push([fields, line]));
    for (const chunk of chunks) parser.push(chunk);
    parser.end();
    return records;
  };

  it('reads quoted commas, doubled quotes, embedded CRLF and LF, and counts lines', () => {
    const text = 'a,"b,c","say ""hi"""\r\n"two\r\nlines",x,\nlast,"",z';
    expect(parse([text])).toEqual([
      [['a', 'b,c', 'say "hi"'], 1],
      [['two\r\nlines', 'x', ''], 2],
      [['last', '', 'z'], 4],
    ]);
  });

  it('says at once where an unclosed quote starts in a long file, not after reading it all', () => {
    const parser = new CsvRecordParser(() => undefined);
    parser.push('a,b\r\n1,"never closed\r\n');
    const filler = 'x,y\r\n'.repeat(20_000);
    expect(() => {
      for (let chunk = 0; chunk < 20; chunk += 1) parser.push(filler);
    }).toThrow(/^Line 2: a quoted field starts on this line and runs on for over a megabyte/);
  });

  it('ends a last record on a lone CR', () => {
    expect(parse(['a,"b"\r'])).toEqual([[['a', 'b'], 1]]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'a,"b,""c""\nd",e\r\nf,g,h\r\n';
    const whole = parse([text]);
    for (let cut = 0; cut <= text.length; cut += 1) {
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(parse([...text])).toEqual(whole);
  });
});

describe('reading a sessions export', () => {
  it('reads back every field exactly, emoji, newlines and octets past 2^53 included', () => {
    const rows = [
      session(1, { 2: 'Ana, "the boss" 🚀', 3: null, 12: '18446744073709551615' }),
      session(2, {
        1: 'multi\r\nline\nname',
        10: '2026-11-21T09:10:00.5+02:00',
        14: 'User-Request',
      }),
      session(3, { 12: '9007199254740993', 13: null, 11: null, 6: null }),
    ];
    const read = readSessionCsvText(fileOf(rows));
    expect(read.rows).toEqual(rows);
    expect(read.exportedAt).toBe(exportedAt);
    expect(read.rows[2]?.[12]).toBe('9007199254740993');
  });

  it('restores values the exporter neutralised for spreadsheets', () => {
    const names = ['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tcmd', "'=already", "'plain"];
    const rows = names.map((name, i) => session(i + 1, { 1: name, 2: name }));
    expect(readSessionCsvText(fileOf(rows)).rows.map((row) => row[1])).toEqual(names);
  });

  it('matches columns by name: reordered, optional ones missing, unknown extras ignored', () => {
    const text =
      'nas_ip,extra,username,radacct_id,download_bytes\n' +
      '127.0.10.2,whatever,alice,7,12345678901234567890\n';
    const [row] = readSessionCsvText(text).rows;
    expect(row).toEqual([
      '7',
      'alice',
      null,
      null,
      '127.0.10.2',
      null,
      null,
      null,
      '',
      null,
      null,
      null,
      '12345678901234567890',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('opens an export written before dual-stack: its sessions have no IPv6', () => {
    const old = csvColumns.filter(
      (column) => !column.header.includes('ipv6') && column.header !== 'framed_interface_id',
    );
    const header = old.map((column) => column.header).join(',');
    const values = old.map((column) =>
      column.field === null
        ? exportedAt
        : column.header === 'radacct_id'
          ? '9'
          : column.header === 'username'
            ? 'bob'
            : column.header === 'nas_ip'
              ? '127.0.10.1'
              : '',
    );
    const [row] = readSessionCsvText(`${header}\r\n${values.join(',')}\r\n`).rows;
    expect(old).toHaveLength(17);
    expect(row?.slice(16)).toEqual([null, null, null, null]);
    expect(row?.[1]).toBe('bob');
  });

  it('reads the IPv6 columns back exactly as written', () => {
    const dual = session(5, { 16: '2001:db8::5', 19: '::1:2:3:4' });
    const [row] = readSessionCsvText(fileOf([dual])).rows;
    expect(row?.slice(16)).toEqual([
      '2001:db8::5',
      '2001:db8:bb10:100::/64',
      '2001:db8:aa10:100::/56',
      '::1:2:3:4',
    ]);
  });

  it('opens a header-only export with no rows (an empty filter is a real export)', () => {
    expect(readSessionCsvText(`${csvHeaderLine}\r\n`)).toEqual({ rows: [], exportedAt: null });
  });

  it('reads from byte chunks, a multi-byte character split between them', async () => {
    const bytes = new TextEncoder().encode(fileOf([session(1, { 2: 'Zoë 🚀' })]));
    const cut = bytes.indexOf(0xf0) + 2;
    const read = await readSessionCsv([bytes.slice(0, cut), bytes.slice(cut)]);
    expect(read.rows[0]?.[2]).toBe('Zoë 🚀');
  });

  it.each([
    ['an empty file', '', 'the file is empty'],
    ['a file of blank lines', '\r\n\r\n', 'the file is empty'],
    [
      'a file that is not a sessions export',
      'name,address\nalice,1.2.3.4\n',
      'Line 1: not a Session Desk sessions export: the header has no radacct_id, username, nas_ip columns.',
    ],
    [
      'an unterminated quote',
      `${csvHeaderLine}\n${sessionCsvLine(session(1), exportedAt)}\n2,"bob,x\n3,carol\n`,
      'Line 3: a quoted field starts here and never ends',
    ],
    [
      'a wrong field count',
      `${csvHeaderLine}\n${sessionCsvLine(session(1), exportedAt)}\n2,bob,x\n`,
      'Line 3: 3 fields where the header has 21',
    ],
    [
      'a bad integer',
      `${csvHeaderLine}\n${sessionCsvLine(session(1, { 12: '12a' }), exportedAt)}\n`,
      'Line 2: column download_bytes: "12a" is not a whole number.',
    ],
    [
      'a bad time',
      `${csvHeaderLine}\n${sessionCsvLine(session(1, { 9: 'yesterday' }), exportedAt)}\n`,
      'Line 2: column acct_start_time: "yesterday" is not an ISO 8601 time with an offset.',
    ],
    ['NUL bytes', `${csvHeaderLine}\n1,\0\0\0`, 'Line 2: not a text CSV'],
    [
      'text after a closing quote',
      `${csvHeaderLine}\n1,"bob"x\n`,
      'Line 2: a quoted field has text after its closing quote',
    ],
  ])('refuses %s, naming the line and the problem', (_case, text, message) => {
    expect(errorOf(text)).toContain(message);
  });

  it('refuses bytes that are not UTF-8 as binary junk', async () => {
    const junk = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x80, 0x81]);
    await expect(readSessionCsv([junk])).rejects.toThrow(/not a text CSV/);
  });
});
