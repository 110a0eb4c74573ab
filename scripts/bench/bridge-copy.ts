import { deserialize, serialize } from 'node:v8';
import { summarize, type Timing } from './timing';

/**
 * What crossing the bridge adds to a page: Electron's IPC copies values with the structured
 * clone algorithm, which is V8's serializer. Timed here because the bench has no renderer.
 */
export function timeBridgeCopy(value: unknown, runs: number): Timing & { bytes: number } {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const wire = serialize(value);
    deserialize(wire);
    samples.push(performance.now() - started);
    bytes = wire.length;
  }
  return { ...summarize(samples), bytes };
}
