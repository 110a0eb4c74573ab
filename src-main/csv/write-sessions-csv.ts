import { csvHeaderLine } from '@contract';
import type { OperatorScope } from '../operator-scope';
import type { RadiusDb, SessionPageQuery } from '../radius-db';
import { AtomicFile } from './atomic-file';

const lineBreak = '\r\n';

/**
 * Writes a query's sessions as the sessions CSV at `path`: PostgreSQL prints the rows (COPY,
 * mended into sessions-CSV lines by sessions-csv-lines.ts) and they stream into the file
 * chunk by chunk, the file appearing under its name only when complete. Resolves to the
 * rows written, or null when `signal` aborted (nothing is left behind then, nor on a failure).
 */
export async function writeSessionsCsv(
  db: RadiusDb,
  query: SessionPageQuery,
  scope: OperatorScope,
  path: string,
  signal: AbortSignal,
  onRows: (rows: number) => void = () => undefined,
): Promise<number | null> {
  const exportedAt = new Date().toISOString();
  const file = await AtomicFile.create(path);
  try {
    await file.write(csvHeaderLine + lineBreak);
    let written = 0;
    const rows = await db.copySessionsCsv(
      query,
      scope,
      exportedAt,
      async (lines, count) => {
        await file.write(lines);
        written += count;
        onRows(written);
      },
      signal,
    );
    if (signal.aborted) {
      await file.discard();
      return null;
    }
    await file.commit();
    return rows;
  } catch (error) {
    await file.discard().catch(() => undefined);
    throw error;
  }
}
