import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { OperatorError } from '../operator-error';

/**
 * A file that appears under its name only when complete. Text goes to a hidden temp file
 * beside the target (same folder, so the rename cannot cross file systems), through a
 * stream whose backpressure the writer awaits; `commit` flushes it to disk and renames it
 * onto the target, `discard` deletes it. A cancel, a crash or a full disk therefore never
 * leaves half a file under the name the operator chose.
 */
export class AtomicFile {
  private failure: unknown = null;

  private constructor(
    readonly target: string,
    readonly temp: string,
    private readonly stream: WriteStream,
  ) {
    stream.on('error', (error) => {
      this.failure ??= error;
    });
  }

  static async create(target: string): Promise<AtomicFile> {
    const temp = join(
      dirname(target),
      `.${basename(target)}.${randomBytes(4).toString('hex')}.part`,
    );
    // flush: the stream fsyncs before it closes, so a finished file is on disk, not in cache.
    // Owner-only: an export lists subscribers, their addresses and traffic.
    const stream = createWriteStream(temp, {
      flags: 'wx',
      mode: 0o600,
      flush: true,
      highWaterMark: 1 << 20,
    });
    try {
      await once(stream, 'open');
    } catch (error) {
      throw fileError(error, target);
    }
    return new AtomicFile(target, temp, stream);
  }

  /** Resolves when the stream can take more (at once unless its buffer is full). */
  async write(text: string | Uint8Array): Promise<void> {
    if (this.failure) throw fileError(this.failure, this.target);
    if (this.stream.write(text)) return;
    try {
      await once(this.stream, 'drain');
    } catch (error) {
      throw fileError(error, this.target);
    }
  }

  /** Flush, fsync, close, rename onto the target, and make the rename itself durable. */
  async commit(): Promise<void> {
    try {
      this.stream.end();
      await finished(this.stream);
      if (this.failure) throw this.failure;
      await rename(this.temp, this.target);
    } catch (error) {
      await this.discard();
      throw fileError(error, this.target);
    }
    await syncFolder(dirname(this.target));
  }

  /** Stop writing and delete the temp file; the target is never touched. */
  async discard(): Promise<void> {
    if (!this.stream.closed) {
      this.stream.destroy();
      await finished(this.stream).catch(() => undefined);
    }
    await rm(this.temp, { force: true });
  }
}

/** A folder's entry for the renamed file reaches the disk too; not possible on Windows. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Folders cannot be opened for fsync on every platform: the data itself was synced.
  }
}

const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'the folder does not exist',
  EISDIR: 'a folder has that name',
};

/** A file system failure in the operator's words: what, where, and what to do. */
export function fileError(error: unknown, target: string): OperatorError {
  if (error instanceof OperatorError) return error;
  const code =
    error && typeof error === 'object' && 'code' in error && typeof error.code === 'string'
      ? error.code
      : '';
  const reason = reasons[code] ?? (error instanceof Error ? error.message : String(error));
  return new OperatorError(
    'INTERNAL',
    `Cannot write ${basename(target)} in ${dirname(target)}: ${reason}. ` +
      'Nothing was saved; choose another folder and export again.',
    code ? { reason: code } : undefined,
  );
}
