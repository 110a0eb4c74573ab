import {
  pppSessionProperty,
  pppSessionWords,
  type PppActiveSession,
  type PppActiveTable,
} from './ppp-active-table';

export interface ApiCredentials {
  user: string;
  password: string;
}

/** A command as the server reads it: its name, its `=` attributes and `?` queries as bytes. */
export interface ApiCommand {
  name: string;
  tag: string | null;
  attributes: Map<string, Buffer>;
  queries: Map<string, Buffer>;
}

export type ReplyWord = string | Buffer;

export function readCommand(words: readonly Buffer[]): ApiCommand {
  const [first, ...rest] = words;
  const command: ApiCommand = {
    name: first?.toString('utf8') ?? '',
    tag: null,
    attributes: new Map(),
    queries: new Map(),
  };
  for (const word of rest) {
    const sigil = word.toString('latin1', 0, 1);
    // `.tag=x` and `=name=value` / `?name=value`: the key ends at the next '='.
    const keyEnd = word.indexOf('=', 1);
    if (sigil === '.' && word.toString('utf8').startsWith('.tag=')) {
      command.tag = word.toString('utf8', 5);
    } else if ((sigil === '=' || sigil === '?') && keyEnd > 0) {
      const key = word.toString('utf8', 1, keyEnd);
      const target = sigil === '=' ? command.attributes : command.queries;
      target.set(key, word.subarray(keyEnd + 1));
    }
  }
  return command;
}

/** What `/login` answers (post-6.43 plain login): `!done`, or the trap RouterOS sends. */
export function answerLogin(
  command: ApiCommand,
  credentials: ApiCredentials,
): { accepted: boolean; replies: ReplyWord[][] } {
  const name = command.attributes.get('name');
  const password = command.attributes.get('password');
  const accepted =
    name?.equals(Buffer.from(credentials.user, 'utf8')) === true &&
    password?.equals(Buffer.from(credentials.password, 'utf8')) === true;
  if (accepted) return { accepted, replies: [['!done']] };
  return {
    accepted,
    replies: [['!trap', '=message=invalid user name or password (6)'], ['!done']],
  };
}

/** The commands of a logged-in API user over `/ppp/active`, and the row a remove ended. */
export async function answerCommand(
  command: ApiCommand,
  table: PppActiveTable,
  emptyReplies: boolean,
): Promise<{ replies: ReplyWord[][]; removed?: PppActiveSession }> {
  if (command.name === '/ppp/active/print') {
    const candidates = await table.candidates(command.queries.get('name')?.toString('utf8'));
    const matches = candidates.filter((session) =>
      [...command.queries].every(
        ([property, value]) => pppSessionProperty(session, property)?.equals(value) === true,
      ),
    );
    const proplist = command.attributes.get('.proplist')?.toString('utf8').split(',') ?? null;
    const rows = matches.map((session) => ['!re', ...pppSessionWords(session, proplist)]);
    // RouterOS 7.18+ says "nothing matched" with !empty before !done.
    if (rows.length === 0 && emptyReplies) return { replies: [['!empty'], ['!done']] };
    return { replies: [...rows, ['!done']] };
  }
  if (command.name === '/ppp/active/remove') {
    const id = command.attributes.get('.id');
    const removed = id === undefined ? null : await table.remove(id.toString('utf8'));
    if (!removed) return { replies: [['!trap', '=message=no such item'], ['!done']] };
    return { replies: [['!done']], removed };
  }
  return { replies: [['!trap', '=category=0', '=message=no such command prefix'], ['!done']] };
}
