// Calling the Automation API as its users do: plain HTTP POSTs of JSON with a bearer token,
// the real curl and psql binaries, and the tokens the app's own methods make.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type pg from 'pg';
import { graphqlPath, type MethodInput } from '@contract';
import type { LoopbackServer } from '../../src-main/loopback/loopback-server';
import type { DbProfile } from '../../src-main/radius-db';
import type { ServiceOptions } from '../../src-main/service';
import { startAppServer, type AppServer } from './app-server';
import type { TestDatabase } from './database';
import { draftFor, type ServiceHarness } from './service-harness';

const run = promisify(execFile);

/** Where the server answers the API: its own origin, /graphql. */
export const apiUrlOf = (server: LoopbackServer): string =>
  `${new URL(server.url).origin}${graphqlPath}`;

export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body (every answer of the endpoint is JSON). */
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
  };
}

/** Browser mode's server with a profile of the database open (as `as`, when given). */
export async function apiServerFor(
  database: TestDatabase,
  {
    as = database.profile,
    name = 'core',
    options = {},
  }: {
    as?: DbProfile;
    name?: string;
    options?: Omit<ServiceOptions, 'store' | 'chooseExportPath'>;
  } = {},
): Promise<{ app: AppServer; apiUrl: string }> {
  const app = await startAppServer(options);
  const profile = await app.harness.ok('profiles.save', draftFor(as, name));
  await app.harness.ok('profiles.connect', { id: profile.id });
  return { app, apiUrl: apiUrlOf(app.server) };
}

/** One POST with a JSON body (or raw text) and a bearer token, as a script would send it. */
export async function postGraphql(
  apiUrl: string,
  token: string | null,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as ApiAnswer['body'],
  };
}

/** A token made the way the Automation API page makes one; its secret. */
export async function createApiToken(
  app: ServiceHarness,
  draft: MethodInput<'apiTokens.create'>,
): Promise<string> {
  return (await app.ok('apiTokens.create', draft)).secret;
}

/** A panel subscriber with a chosen subscribers.id (the API's userId). */
export async function addSubscriberWithId(
  pool: pg.Pool,
  subscriber: { id: number; username: string; resellerId?: number },
): Promise<void> {
  await pool.query('INSERT INTO subscribers (id, username, reseller_id) VALUES ($1, $2, $3)', [
    subscriber.id,
    subscriber.username,
    subscriber.resellerId ?? null,
  ]);
}

/** What psql prints for one query returning one JSON value (-A -t: the value alone). */
export async function psqlJson(databaseUrl: string, sql: string): Promise<unknown> {
  const { stdout } = await run('psql', [
    '-X',
    '-A',
    '-t',
    '-q',
    '-v',
    'ON_ERROR_STOP=1',
    '-d',
    databaseUrl,
    '-c',
    sql,
  ]);
  return JSON.parse(stdout);
}

/** The online sessions of subscribers.id = userId as psql reads them, in the API's fields. */
export function onlineSessionsSql(userId: number, fields: readonly string[]): string {
  const columns: Record<string, string> = {
    id: 'r.radacctid::text',
    sessionId: 'r.acctsessionid',
    nasIpAddress: 'host(r.nasipaddress)',
    nasPortId: 'r.nasportid',
    nasPortType: 'r.nasporttype',
    startTime: `to_char(r.acctstarttime AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
    connectInfoStart: 'r.connectinfo_start',
    callingStationId: 'r.callingstationid',
    framedIpAddress: 'host(r.framedipaddress)',
  };
  const pairs = fields.map((field) => `'${field}', ${columns[field]!}`).join(', ');
  return `SELECT coalesce(json_agg(json_build_object(${pairs}) ORDER BY r.acctstarttime, r.radacctid), '[]')
          FROM radacct r JOIN subscribers s ON s.username = r.username
          WHERE s.id = ${userId} AND r.acctstoptime IS NULL`;
}

/** Runs a shell command line as printed (the spec's curl); its standard output. */
export async function shell(commandLine: string): Promise<string> {
  const { stdout } = await run('bash', ['-c', commandLine]);
  return stdout;
}
