import { spawn } from 'node:child_process';

export interface PsqlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Runs psql (-X: no ~/.psqlrc, so nobody's local settings change the figures) with a script
 * on stdin. onLine sees stdout as it arrives, for progress during a long generation.
 */
export function runPsql(
  url: URL,
  script: string,
  options: { args?: string[]; onLine?: (line: string) => void } = {},
): Promise<PsqlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', ...(options.args ?? []), '-d', url.href], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!options.onLine) return;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) options.onLine(line);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) =>
      reject(new Error(`psql could not be started (${error.message}); install postgresql-client.`)),
    );
    child.on('close', (code) => resolve({ stdout, stderr, exitCode: code ?? 1 }));
    child.stdin.end(script);
  });
}

/** runPsql that treats a non-zero exit as a failure, with psql's own words. */
export async function runPsqlOrThrow(
  url: URL,
  script: string,
  options: Parameters<typeof runPsql>[2] = {},
): Promise<string> {
  const result = await runPsql(url, script, options);
  if (result.exitCode !== 0) {
    throw new Error(`psql failed on ${url.pathname.slice(1)}: ${result.stderr.trim()}`);
  }
  return result.stdout;
}
