import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { developmentOverrides } from '../../../src-main/development-overrides';
import {
  appProtocolFile,
  isOwnRendererUrl,
  permissionAllowed,
  rendererUrlOf,
  type RendererSource,
} from '../../../src-main/renderer-origin';

// The desktop shell's rules, tested where Electron cannot run: which page is ours (the IPC
// sender check and the navigation guard), what app:// serves, and what the environment may
// change. The shell files only wire these to Electron.
const app: RendererSource = { kind: 'app' };
const devServer: RendererSource = { kind: 'dev-server', url: 'http://localhost:5173/' };

describe('which page is our own renderer', () => {
  it('is app://session-desk, its whole origin', () => {
    expect(rendererUrlOf(app)).toBe('app://session-desk/index.html');
    for (const url of ['app://session-desk/index.html', 'app://session-desk/#/nas']) {
      expect(isOwnRendererUrl(url, app), url).toBe(true);
    }
    for (const url of [
      // The old check compared only the path: any host, or file:// itself, passed.
      'file:///opt/Session%20Desk/resources/app.asar/out/renderer/index.html',
      'file://evil-host/index.html',
      'app://evil/index.html',
      'app://session-desk.evil/index.html',
      'app://user:pass@session-desk/index.html',
      'https://session-desk/index.html',
      'http://localhost:5173/',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isOwnRendererUrl(url, app), url).toBe(false);
    }
  });

  it('is the dev server only while developing, by scheme, host and port', () => {
    expect(rendererUrlOf(devServer)).toBe('http://localhost:5173/');
    expect(isOwnRendererUrl('http://localhost:5173/index.html', devServer)).toBe(true);
    for (const url of [
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://localhost.evil:5173/',
      'http://127.0.0.1:5173/',
      'app://session-desk/index.html',
      'file:///index.html',
    ]) {
      expect(isOwnRendererUrl(url, devServer), url).toBe(false);
    }
  });
});

describe('permissions', () => {
  it('grant only clipboard writes, and only to our own page', () => {
    const own = 'app://session-desk/index.html';
    expect(permissionAllowed('clipboard-sanitized-write', own, app)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'app://session-desk', app)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example', app)).toBe(false);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      expect(permissionAllowed(permission, own, app), permission).toBe(false);
    }
  });
});

describe('what app:// serves', () => {
  let rendererDir: string;
  let outside: string;

  beforeAll(() => {
    outside = mkdtempSync(join(tmpdir(), 'sd-app-scheme-'));
    rendererDir = join(outside, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Session Desk</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {}');
    writeFileSync(join(outside, 'secret.txt'), 'outside the renderer');
  });

  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  it('the files of the built renderer, typed', async () => {
    const page = await appProtocolFile(rendererDir, 'app://session-desk/index.html');
    expect(page?.contentType).toBe('text/html; charset=utf-8');
    expect(page?.body.toString()).toContain('Session Desk');
    expect((await appProtocolFile(rendererDir, 'app://session-desk/'))?.contentType).toMatch(
      /html/,
    );
    const script = await appProtocolFile(rendererDir, 'app://session-desk/assets/app.js?v=1');
    expect(script?.contentType).toBe('text/javascript; charset=utf-8');
  });

  it('nothing outside it, nor for another host', async () => {
    for (const url of [
      'app://session-desk/../secret.txt',
      'app://session-desk/%2e%2e/secret.txt',
      'app://session-desk/..%2fsecret.txt',
      'app://session-desk/assets/..%2f..%2fsecret.txt',
      'app://session-desk/%00index.html',
      `app://session-desk/${join(outside, 'secret.txt')}`,
      'app://other/index.html',
      'file:///etc/passwd',
      'app://session-desk/missing.js',
      'app://session-desk/assets',
    ]) {
      expect(await appProtocolFile(rendererDir, url), url).toBeNull();
    }
  });
});

describe('development overrides', () => {
  const env = {
    ELECTRON_RENDERER_URL: 'http://localhost:5173/',
    SESSION_DESK_SQLITE_BINDING: '/repo/.native/better_sqlite3.node',
  };

  it('are obeyed while developing', () => {
    expect(developmentOverrides(env, false)).toEqual({
      rendererSource: { kind: 'dev-server', url: 'http://localhost:5173/' },
      sqliteBinding: '/repo/.native/better_sqlite3.node',
    });
  });

  it('are ignored by a packaged app', () => {
    expect(developmentOverrides(env, true)).toEqual({
      rendererSource: { kind: 'app' },
      sqliteBinding: undefined,
    });
  });

  it('take only an http(s) address for the renderer', () => {
    for (const url of ['file:///tmp/evil.html', 'javascript:alert(1)', 'not a url', '']) {
      expect(developmentOverrides({ ELECTRON_RENDERER_URL: url }, false).rendererSource).toEqual({
        kind: 'app',
      });
    }
  });
});
