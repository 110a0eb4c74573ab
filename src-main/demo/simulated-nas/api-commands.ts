import { pppSessionProperty, pppSessionWords, type PeerPppSession } from './ppp-active-table';

export interface PeerCredentials {
  user: string;
  password: string;
}

/** A command as the peer reads it: its name, its `=` attributes and `?` queries as bytes. */
export interface PeerCommand {
  name: string;
  tag: string | null;
  attributes: Map<string, Buffer>;
  queries: Map<string, Buffer>;
}

export type ReplyWord = string | Buffer;

export function readCommand(words: readonly Buffer[]): PeerCommand {
  const [first, ...rest] = words;
  const command: PeerCommand = {
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
  command: PeerCommand,
  credentials: PeerCredentials,
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

/** The commands of a logged-in API user, over the peer's `/ppp/active` table. */
export function answerCommand(
  command: PeerCommand,
  sessions: PeerPppSession[],
  emptyReplies: boolean,
): ReplyWord[][] {
  if (command.name === '/ppp/active/print') {
    const matches = sessions.filter((session) =>
      [...command.queries].every(
        ([property, value]) => pppSessionProperty(session, property)?.equals(value) === true,
      ),
    );
    const rows = matches.map((session) => ['!re', ...pppSessionWords(session)]);
    // RouterOS 7.18+ says "nothing matched" with !empty before !done.
    if (rows.length === 0 && emptyReplies) return [['!empty'], ['!done']];
    return [...rows, ['!done']];
  }
  if (command.name === '/ppp/active/remove') {
    const id = command.attributes.get('.id');
    const index = sessions.findIndex((session) => id !== undefined && session.id === id.toString());
    if (index < 0) return [['!trap', '=message=no such item'], ['!done']];
    sessions.splice(index, 1);
    return [['!done']];
  }
  return [['!trap', '=category=0', '=message=no such command prefix'], ['!done']];
}
