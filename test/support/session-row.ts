import type { SessionRow } from '@contract';

/**
 * An online session on bng-north-1 as it crosses the bridge, for the renderer's state
 * tests: user<id>@isp.example at 100.64.0.<id>. `download` stands for the values a refresh
 * changes in place.
 */
export function onlineSessionRow(id: number, download = '0'): SessionRow {
  return [
    String(id),
    `user${id}@isp.example`,
    null,
    null,
    '127.0.10.1',
    'bng-north-1',
    `100.64.0.${id}`,
    null,
    `81a0${id}`,
    '2026-11-21T08:00:00Z',
    null,
    null,
    download,
    '0',
    null,
    null,
    null,
    null,
    null,
    null,
  ];
}
