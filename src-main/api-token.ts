// `npm run api-token -- create|list|revoke`: the Automation API's tokens for a host with no
// screen. Works on the data folder's store directly (no database needed), beside a running
// browser mode: the API reads tokens from the store on every request.
import { parseArgs } from 'node:util';
import {
  apiTokenDraftSchema,
  apiTokenScopeWords,
  apiTokenState,
  defaultApiTokenDays,
  type ApiTokenSummary,
} from '@contract';
import { defaultDataFolder, ensureDataFolder, localStoreFile } from './data-folder';
import { openLocalStore, type LocalStore } from './local-store';
import { createKeyFileSealer } from './secrets/key-file-sealer';
import { findProfile } from './startup-profile';

const usage = `Usage: npm run api-token -- COMMAND [options]

Tokens of the Automation API (POST /graphql on browser mode), per connection profile.

  create --name NAME --scope admin|reseller [--reseller-id N] [--allow-disconnect]
         [--expires-in-days N]
      Makes a token and prints it on standard output, once: it is stored only as a hash.
      admin: sees what the profile's operator sees; reseller: only that reseller's tree
      (never more than the operator). --allow-disconnect: it may disconnect sessions (the
      operator still needs subscribers.disconnect). Lives ${defaultApiTokenDays} days unless told.
  list
      Name, scope, created, expires, last used, state.
  revoke --name NAME
      From now on the token gets 401.

Options of every command:
  --profile NAME    the profile the tokens belong to (default: the one browser mode opens,
                    i.e. the one used last)
  --data-dir DIR    the data folder (default ${defaultDataFolder()})`;

class UsageError extends Error {}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        scope: { type: 'string' },
        'reseller-id': { type: 'string' },
        'allow-disconnect': { type: 'boolean', default: false },
        'expires-in-days': { type: 'string' },
        profile: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

type Options = ReturnType<typeof parse>['values'];

function profileOf(store: LocalStore, options: Options) {
  if (options.profile !== undefined) return findProfile(store, options.profile);
  const id = store.lastProfileId.get();
  const profile = id === null ? undefined : store.profiles.list().find((p) => p.id === id);
  if (!profile) {
    throw new Error(
      'No profile has been opened in this data folder yet: name one with --profile NAME, or ' +
        'start browser mode once with --database-url postgres://USER@HOST:PORT/DATABASE.',
    );
  }
  return profile;
}

const wholeNumber = (text: string | undefined): number | undefined =>
  text === undefined ? undefined : /^\d+$/.test(text) ? Number(text) : Number.NaN;

function create(store: LocalStore, profileId: number, options: Options): string {
  const resellerId = wholeNumber(options['reseller-id']);
  if (options.scope === 'admin' && resellerId !== undefined) {
    throw new UsageError('--reseller-id goes with --scope reseller only.');
  }
  const draft = apiTokenDraftSchema.safeParse({
    name: options.name ?? '',
    scope:
      options.scope === 'reseller'
        ? { kind: 'reseller', resellerId }
        : options.scope === 'admin'
          ? { kind: 'admin' }
          : undefined,
    mayDisconnect: options['allow-disconnect'],
    expiresInDays: wholeNumber(options['expires-in-days']),
  });
  if (!draft.success) {
    throw new UsageError(draft.error.issues.map((issue) => issue.message).join(' '));
  }
  const created = store.apiTokens.create(profileId, draft.data, new Date());
  console.error(`Created ${describe(created.token)}. This is the only time the token is shown:`);
  return created.secret;
}

function describe(token: ApiTokenSummary): string {
  const may = token.mayDisconnect ? ', may disconnect' : '';
  return `the API token "${token.name}" (${apiTokenScopeWords(token.scope)}${may}, expires ${token.expiresAt.slice(0, 10)})`;
}

function list(store: LocalStore, profileId: number): string {
  const now = new Date();
  const rows = store.apiTokens
    .list(profileId)
    .map((token) => [
      token.name,
      apiTokenScopeWords(token.scope) + (token.mayDisconnect ? ' +disconnect' : ''),
      token.createdAt.slice(0, 16).replace('T', ' '),
      token.expiresAt.slice(0, 16).replace('T', ' '),
      token.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? 'never',
      apiTokenState(token, now),
    ]);
  if (rows.length === 0) return 'No API tokens in this profile.';
  const table = [
    ['NAME', 'SCOPE', 'CREATED (UTC)', 'EXPIRES (UTC)', 'LAST USED', 'STATE'],
    ...rows,
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  return table
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function revoke(store: LocalStore, profileId: number, options: Options): string {
  if (options.name === undefined) throw new UsageError('revoke needs --name NAME.');
  const wanted = options.name.trim().toLowerCase();
  const live = store.apiTokens
    .list(profileId)
    .find((token) => token.revokedAt === null && token.name.toLowerCase() === wanted);
  if (!live) throw new UsageError(`This profile has no live API token named "${options.name}".`);
  const revoked = store.apiTokens.revoke(profileId, live.id, new Date());
  return `Revoked ${describe(revoked)}: it gets 401 from now on.`;
}

function main(): number {
  const { values: options, positionals } = parse();
  if (options.help) {
    console.log(usage);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (
    command === undefined ||
    extra.length > 0 ||
    !['create', 'list', 'revoke'].includes(command)
  ) {
    throw new UsageError('Say create, list or revoke.');
  }
  const dataFolder = ensureDataFolder(options['data-dir'] ?? defaultDataFolder());
  const store = openLocalStore(localStoreFile(dataFolder), createKeyFileSealer(dataFolder));
  try {
    const profile = profileOf(store, options);
    if (command === 'create') console.log(create(store, profile.id, options));
    else if (command === 'list')
      console.log(`Profile "${profile.name}":\n${list(store, profile.id)}`);
    else console.log(revoke(store, profile.id, options));
    return 0;
  } finally {
    store.close();
  }
}

try {
  process.exitCode = main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof UsageError ? `${message}\n\n${usage}` : message);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
