// Why a file could not be opened, in words for the operator, with the line it happened on
// (the line a text editor shows, counting from 1) when there is one.
export class CsvFileError extends Error {
  readonly line: number | null;

  constructor(message: string, line: number | null = null) {
    super(line === null ? message : `Line ${line}: ${message}`);
    this.name = 'CsvFileError';
    this.line = line;
  }
}
