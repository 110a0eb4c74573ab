import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBindHost, isLoopbackHost } from '../../../src-main/loopback/bind-address';
import { startLoopbackServer } from '../../../src-main/loopback/loopback-server';
import type { SessionDeskService } from '../../../src-main/service';

const echoService: SessionDeskService = {
  call: async (method, input) => ({ ok: true, data: { method, input } }),
  subscribe: () => () => undefined,
  resume: async () => undefined,
  close: async () => undefined,
};

function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sd-renderer-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Session Desk</title>');
  return dir;
}

function status(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(url, { headers }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}

describe('where browser mode listens', () => {
  it('knows loopback from everything else', () => {
    for (const host of [
      '127.0.0.1',
      '127.0.10.3',
      '::1',
      '[::1]',
      'localhost',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['10.0.0.5', '192.168.1.10', '0.0.0.0', '::', 'fe80::1', 'evil.example']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('takes a LAN address, and refuses wildcards and names with a reason', () => {
    expect(checkBindHost('192.0.2.10')).toEqual({ ok: true, host: '192.0.2.10', loopback: false });
    expect(checkBindHost('127.0.0.2')).toEqual({ ok: true, host: '127.0.0.2', loopback: true });
    expect(checkBindHost('0.0.0.0')).toMatchObject({ ok: false, message: /every interface/ });
    expect(checkBindHost('[::]')).toMatchObject({ ok: false, message: /every interface/ });
    expect(checkBindHost('wall.noc.example')).toMatchObject({ ok: false, message: /not the name/ });
  });

  it('refuses a non-loopback address unless the operator asked for it by name', async () => {
    await expect(
      startLoopbackServer({ service: echoService, rendererDir: rendererDir(), host: '192.0.2.10' }),
    ).rejects.toThrow(/not a loopback address/);
    await expect(
      startLoopbackServer({
        service: echoService,
        rendererDir: rendererDir(),
        host: '0.0.0.0',
        allowRemote: true,
      }),
    ).rejects.toThrow(/every interface/);
  });

  it('serves on another loopback address, answering to that address only', async () => {
    const token = 'bind-test-token-0123456789';
    const server = await startLoopbackServer({
      service: echoService,
      rendererDir: rendererDir(),
      host: '127.0.0.2',
      token,
    });
    try {
      expect(server.url).toBe(`http://127.0.0.2:${server.port}/?token=${token}`);
      expect(await status(`http://127.0.0.2:${server.port}/`)).toBe(200);
      expect(
        await status(`http://127.0.0.2:${server.port}/`, { host: `evil.example:${server.port}` }),
      ).toBe(421);
    } finally {
      await server.close();
    }
  });
});

describe('--host on the command line', () => {
  const repoRoot = resolve(import.meta.dirname, '../../..');
  const cli = (entry: string, args: string[]) =>
    spawnSync(process.execPath, [join(repoRoot, 'out/main', entry), ...args], {
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('npm run browser refuses a wildcard, and lists --host in its help', () => {
    const refused = cli('browser.js', [
      '--host',
      '0.0.0.0',
      '--data-dir',
      mkdtempSync(join(tmpdir(), 'sd-')),
    ]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/every interface/);
    expect(cli('browser.js', ['--help']).stdout).toMatch(/--host ADDRESS/);
  });

  it('npm run browser warns, before listening, that a LAN address leaves only the token', () => {
    // 192.0.2.10 (TEST-NET-1) is no address of this machine: the bind fails, nothing is sent.
    const remote = cli('browser.js', [
      '--host',
      '192.0.2.10',
      '--data-dir',
      mkdtempSync(join(tmpdir(), 'sd-')),
    ]);
    expect(remote.stderr).toMatch(
      /WARNING: serving on 192\.0\.2\.10.*token is now the only guard/s,
    );
    expect(remote.stderr).toMatch(/could not start/);
    expect(remote.status).toBe(1);
  });

  it('npm run demo takes --host only with --browser, and refuses a wildcard', () => {
    const noBrowser = cli('demo.js', ['--host', '127.0.0.2']);
    expect(noBrowser.status).toBe(2);
    expect(noBrowser.stderr).toMatch(/--host is for browser mode/);
    const wildcard = cli('demo.js', ['--browser', '--host', '::']);
    expect(wildcard.status).toBe(2);
    expect(wildcard.stderr).toMatch(/every interface/);
    expect(cli('demo.js', ['--help']).stdout).toMatch(/--host ADDRESS/);
  });
});
