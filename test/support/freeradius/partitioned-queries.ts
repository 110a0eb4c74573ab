import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { stockQueries } from './accounting-writer';

/** The awk program the README gives the DBA of a partitioned radacct, as it ships. */
const rewrite = resolve(import.meta.dirname, '../../../sql/freeradius-queries-partitioned.awk');

/**
 * Debian's stock queries.conf as the DBA of a partitioned radacct runs it: through
 * sql/freeradius-queries-partitioned.awk, into a temporary file. Returns its path.
 */
export async function partitionedQueries(): Promise<string> {
  const { stdout } = await promisify(execFile)('awk', ['-f', rewrite, stockQueries]);
  const file = join(await mkdtemp(join(tmpdir(), 'session-desk-queries-')), 'queries.conf');
  await writeFile(file, stdout);
  return file;
}
