import { describe, expect, it } from 'vitest';
import { CsvFileError } from '../../../src-renderer/src/lib/csv/csv-file-error';
import {
  maxOfflineFileBytes,
  readExportFile,
} from '../../../src-renderer/src/lib/offline/read-export-file';

/** A file that says how big it is and fails the test if anything reads it. */
class UnreadableFile extends File {
  constructor(
    name: string,
    private readonly claimedSize: number,
  ) {
    super([], name);
  }
  override get size(): number {
    return this.claimedSize;
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    throw new Error('the file was read');
  }
}

describe('opening an export offline', () => {
  it('refuses a file past the stated size before reading a byte of it', async () => {
    const huge = new UnreadableFile('sessions-all.csv', 3 * maxOfflineFileBytes);
    const refusal = await readExportFile(huge).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CsvFileError);
    expect((refusal as CsvFileError).message).toBe(
      'the file is 192 MB: Session Desk opens exports of up to 64 MB (100,000 ' +
        'sessions, the most one export holds, take about 25 MB). Open a smaller export.',
    );
  });

  it('goes on to read a file of exactly the stated size', async () => {
    const atTheLimit = new UnreadableFile('sessions-all.csv', maxOfflineFileBytes);
    await expect(readExportFile(atTheLimit)).rejects.toThrow('the file was read');
  });
});
