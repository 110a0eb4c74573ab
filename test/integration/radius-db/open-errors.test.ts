import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import pg from 'pg';
import { openRadiusDb } from '../../../src-main/radius-db';
import {
  adminDatabaseUrl,
  createTestDatabase,
  profileFor,
  type TestDatabase,
} from '../../support/database';
import { operatorErrorOf } from '../../support/radius-db-helpers';

describe('opening a FreeRADIUS database', () => {
  let stock: TestDatabase;
  let empty: TestDatabase;

  beforeAll(async () => {
    [stock, empty] = await Promise.all([
      createTestDatabase({ schema: 'stock' }),
      createTestDatabase({ schema: 'empty' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([stock?.drop(), empty?.drop()]);
  });

  it('detects the stock schema and reports the server version', async () => {
    const db = await openRadiusDb(stock.profile);
    try {
      expect(db.summary).toEqual({
        panelTables: false,
        nasSource: 'nas',
        addressType: 'inet',
        ipv6Type: 'inet',
        radacctPartitioned: false,
      });
      expect(db.serverVersion).toMatch(/^PostgreSQL \d+\.\d+/);
    } finally {
      await db.close();
    }
  });

  it('reports a closed port as DB_UNREACHABLE with connection refused', async () => {
    const port = await closedLoopbackPort();
    const error = await operatorErrorOf(
      openRadiusDb({ ...stock.profile, host: '127.0.0.1', port }),
    );
    expect(error.code).toBe('DB_UNREACHABLE');
    expect(error.message).toBe(
      `Cannot reach PostgreSQL at 127.0.0.1:${port}: connection refused. Check the host, port and firewall.`,
    );
  });

  it('reports a server that never answers as DB_UNREACHABLE', async () => {
    // A listener that accepts and stays silent: the connect timeout must end the wait.
    const silent = await silentServer();
    try {
      const port = (silent.address() as { port: number }).port;
      const error = await operatorErrorOf(
        openRadiusDb({ ...stock.profile, host: '127.0.0.1', port }, { connectTimeoutMs: 300 }),
      );
      expect(error.code).toBe('DB_UNREACHABLE');
      expect(error.message).toBe(
        `Cannot reach PostgreSQL at 127.0.0.1:${port}: no answer within 0.3 s. Check the host, port and firewall.`,
      );
    } finally {
      silent.close();
    }
  });

  it('reports a missing database as DB_NOT_FOUND', async () => {
    const error = await operatorErrorOf(openRadiusDb(profileFor('no_such_radius_db')));
    expect(error.code).toBe('DB_NOT_FOUND');
    expect(error.message).toContain('Database "no_such_radius_db" does not exist on host');
  });

  it('reports a database without radacct as NOT_FREERADIUS', async () => {
    const error = await operatorErrorOf(openRadiusDb(empty.profile));
    expect(error.code).toBe('NOT_FREERADIUS');
    expect(error.message).toMatch(/^This database has no radacct table: /);
  });

  it('reports a radacct without its core columns as NOT_FREERADIUS', async () => {
    const other = await createTestDatabase({ schema: 'empty' });
    try {
      await other.pool().query('CREATE TABLE radacct (radacctid bigserial, username text)');
      const error = await operatorErrorOf(openRadiusDb(other.profile));
      expect(error.code).toBe('NOT_FREERADIUS');
      expect(error.message).toContain('nasipaddress');
    } finally {
      await other.drop();
    }
  });

  it('reports a wrong password as DB_AUTH_FAILED', async (context) => {
    if (!(await serverEnforcesPasswords())) {
      context.skip('the test server trusts local connections, so any password is accepted');
    }
    const error = await operatorErrorOf(
      openRadiusDb({ ...stock.profile, password: 'not-the-password' }),
    );
    expect(error.code).toBe('DB_AUTH_FAILED');
    expect(error.message).toContain(`refused user "${stock.profile.user}"`);
  });

  it('reports sslMode require against a server without SSL as DB_UNREACHABLE', async (context) => {
    if (await serverOffersSsl()) context.skip('the test server offers SSL');
    const error = await operatorErrorOf(openRadiusDb({ ...stock.profile, sslMode: 'require' }));
    expect(error.code).toBe('DB_UNREACHABLE');
    expect(error.message).toContain('does not accept SSL');
    // What "prefer" falls back on: a reason, never the message's wording.
    expect(error.reason).toBe('tls-not-offered');
  });

  it('falls back to a plain connection with sslMode prefer', async () => {
    const db = await openRadiusDb({ ...stock.profile, sslMode: 'prefer' });
    await expect(db.countOnline({ kind: 'all' })).resolves.toBe(0);
    await db.close();
  });
});

async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function silentServer(): Promise<Server> {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('close', () => sockets.forEach((socket) => socket.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function serverEnforcesPasswords(): Promise<boolean> {
  const url = new URL(adminDatabaseUrl());
  url.password = 'definitely-not-the-password';
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await client.connect();
    await client.end();
    return false;
  } catch {
    return true;
  }
}

async function serverOffersSsl(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    const result = await client.query<{ ssl: string }>("SELECT current_setting('ssl') AS ssl");
    return result.rows[0]?.ssl === 'on';
  } finally {
    await client.end();
  }
}
