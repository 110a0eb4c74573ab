import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FuseV1Options, flipFuses, getCurrentFuseWire, type FuseConfig } from '@electron/fuses';
import { LinuxPackager } from 'electron-builder';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

// The packaged app's fuses, as electron-builder flips them in the Electron binary before
// signing (electronFuses in electron-builder.yml). No Electron binary here: a stand-in with
// the fuse wire Electron 45 ships (its sentinel, version 1, eight fuses in their default
// states) goes through electron-builder's own fuse step, and the wire is read back.
const repoRoot = resolve(import.meta.dirname, '../../..');
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const electronDefaults = '10110001'; // RunAsNode on, cookie encryption off, … file:// privileges on
// How the wire spells a fuse's state.
const disabled = '0'.charCodeAt(0);
const enabled = '1'.charCodeAt(0);

/** electron-builder's own step from electronFuses to the wire (private in its typings). */
const generateFuseConfig = (
  LinuxPackager.prototype as unknown as {
    generateFuseConfig(fuses: unknown): Promise<FuseConfig>;
  }
).generateFuseConfig;

function standInElectron(folder: string): string {
  const path = join(folder, 'session-desk');
  const wire = Buffer.concat([
    Buffer.from(sentinel),
    Buffer.from([1, electronDefaults.length]),
    Buffer.from(electronDefaults),
  ]);
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 0xcc), wire, Buffer.alloc(4096, 0xcc)]));
  return path;
}

describe('the fuses of the packaged app', () => {
  it('electron-builder.yml turns off Node entry points and turns on cookie and ASAR protection', async () => {
    const config = await getConfig(repoRoot, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toBeDefined();

    const folder = mkdtempSync(join(tmpdir(), 'sd-fuses-'));
    try {
      const binary = standInElectron(folder);
      const fuseConfig = await generateFuseConfig.call(null, config.electronFuses);
      // strictlyRequireAllFuses: a fuse the yml leaves out would fail here, not inherit.
      await flipFuses(binary, { ...fuseConfig, strictlyRequireAllFuses: true } as FuseConfig);
      const wire = await getCurrentFuseWire(binary);
      const state = (fuse: FuseV1Options) => wire[fuse];

      expect(state(FuseV1Options.RunAsNode)).toBe(disabled);
      expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(disabled);
      expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(disabled);
      expect(state(FuseV1Options.EnableCookieEncryption)).toBe(enabled);
      expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(enabled);
      expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(enabled);
      // The renderer comes from app://, so file:// keeps no privileges beyond a browser's.
      expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(disabled);
      // Only the wire changed: the rest of the binary is untouched.
      expect(readFileSync(binary).subarray(0, 4096)).toEqual(Buffer.alloc(4096, 0xcc));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
