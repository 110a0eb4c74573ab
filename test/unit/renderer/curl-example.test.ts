import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curlExample } from '../../../src-renderer/src/lib/curl-example';

const specCommand = readFileSync(
  resolve(import.meta.dirname, '../../fixtures/online-sessions-api/curl-command.sh'),
  'utf8',
);

describe("the Automation API page's curl example", () => {
  it("is the spec's command, byte for byte, with the address and token put in", () => {
    expect(`${curlExample('https://api.orbnet.com/graphql', 'YOUR_TOKEN')}\n`).toBe(specCommand);
  });
});
