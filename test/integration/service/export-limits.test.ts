import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportProgress, SessionFilter } from '@contract';
import { openCuttableLink, type CuttableLink } from '../../support/cuttable-link';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import {
  exportOutcome,
  filesIn,
  fixedExportFolder,
  insertManySessions,
} from '../../support/export-helpers';
import { draftFor, openServiceHarness, type ServiceHarness } from '../../support/service-harness';

// One database of 100,001 sessions (a generate_series insert): just past what "Export all"
// takes, and long enough to cancel or cut an export in the middle.
let database: TestDatabase;
const everyone: SessionFilter = { search: '', status: 'all', nasIp: null };
const online: SessionFilter = { ...everyone, status: 'online' };

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock' });
  await insertManySessions(database.pool(), 100_001);
  await database.pool().query('ANALYZE radacct');
});

afterAll(async () => {
  await database?.drop();
});

async function harnessThrough(
  target: ReturnType<typeof fixedExportFolder>,
  port = database.profile.port,
  host = database.profile.host,
): Promise<{ app: ServiceHarness; progress: ExportProgress[] }> {
  const app = openServiceHarness(undefined, { chooseExportPath: target.choose });
  const progress: ExportProgress[] = [];
  app.service.subscribe((event, payload) => {
    if (event === 'export.progress') progress.push(payload as ExportProgress);
  });
  const profile = await app.ok('profiles.save', {
    ...draftFor(database.profile, 'limits'),
    host,
    port,
  });
  await app.ok('profiles.connect', { id: profile.id });
  return { app, progress };
}

/** Resolves once the export has written some rows (and is still running). */
async function rowsWritten(progress: ExportProgress[]): Promise<void> {
  while (!progress.some((event) => event.rows > 0 && event.state === 'running')) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('"Export all" past 100,000 rows', () => {
  it('is refused with how many rows match, and writes nothing', async () => {
    const target = fixedExportFolder();
    const { app } = await harnessThrough(target);
    try {
      expect(await app.ok('export.count', { filter: online })).toEqual({
        count: 100_001,
        exact: true,
        allowed: false,
        limit: 100_000,
      });
      const refused = await app.call('export.start', { filter: online, scope: 'all' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!refused.ok) {
        expect(refused.error.message).toMatch(/100,001 sessions match/);
        expect(refused.error.message).toMatch(/query the database directly/);
        expect(refused.error.details).toMatchObject({ count: 100_001 });
      }
      expect(filesIn(target.folder)).toEqual([]);
      // The current page still exports.
      const page = await app.ok('export.start', { filter: online, pageSize: 1000 });
      expect(await exportOutcome(app, page.exportId)).toMatchObject({
        state: 'finished',
        rows: 1000,
      });
    } finally {
      await app.close();
    }
  });
});

describe('an export stopped in the middle', () => {
  it('cancelled: leaves no file under the name and no temp file', async () => {
    await database.pool().query("DELETE FROM radacct WHERE username = 'bulk-100001'");
    const target = fixedExportFolder();
    const { app, progress } = await harnessThrough(target);
    try {
      const started = await app.ok('export.start', { filter: online, scope: 'all' });
      expect(started.total).toBe(100_000);
      await rowsWritten(progress);
      await app.ok('export.cancel', { exportId: started.exportId });
      const done = await exportOutcome(app, started.exportId);

      expect(done.state).toBe('cancelled');
      expect(done.rows).toBeLessThan(100_000);
      expect(done.message).toMatch(/cancelled: nothing was saved/i);
      expect(existsSync(target.path)).toBe(false);
      expect(filesIn(target.folder)).toEqual([]);
      expect(progress.at(-1)).toMatchObject({ state: 'cancelled' });
    } finally {
      await app.close();
    }
  });

  it('database connection cut: fails saying why, and leaves nothing', async () => {
    let link: CuttableLink | null = null;
    const target = fixedExportFolder();
    link = await openCuttableLink({ host: database.profile.host, port: database.profile.port });
    const { app, progress } = await harnessThrough(target, link.port, link.host);
    try {
      const started = await app.ok('export.start', { filter: online, scope: 'all' });
      await rowsWritten(progress);
      link.cut();
      const done = await exportOutcome(app, started.exportId);

      expect(done.state).toBe('failed');
      expect(done.message).toMatch(/nothing was saved/);
      expect(done.message).toMatch(/connection to PostgreSQL .* was lost|Cannot reach PostgreSQL/);
      expect(existsSync(target.path)).toBe(false);
      expect(filesIn(target.folder)).toEqual([]);
    } finally {
      await app.close();
      await link.close();
    }
  });

  it('closing the app mid-export deletes the partial file', async () => {
    const target = fixedExportFolder();
    const { app, progress } = await harnessThrough(target);
    const started = await app.ok('export.start', { filter: online, scope: 'all' });
    await rowsWritten(progress);
    await app.close();
    expect(progress.at(-1)).toMatchObject({ exportId: started.exportId, state: 'cancelled' });
    expect(filesIn(target.folder)).toEqual([]);
  });
});
