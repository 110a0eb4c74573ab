import type { ProfileSummary } from '@contract';
import { profileFromDatabaseUrl } from './database-url';
import type { LocalStore } from './local-store';

/** Which profile a command line names: a saved one, or a database URL to save as one. */
export type ProfileChoice =
  | { kind: 'saved'; name: string }
  | {
      kind: 'url';
      url: string;
      name: string | undefined;
      /** PGPASSWORD, used when the URL carries no password. */
      environmentPassword: string | undefined;
    };

/** Names compare without case, as the store keeps them unique. */
const named = (store: LocalStore, name: string): ProfileSummary | undefined =>
  store.profiles.list().find((profile) => profile.name.toLowerCase() === name.trim().toLowerCase());

/** The saved profile of this name, or an error listing the ones there are. */
export function findProfile(store: LocalStore, name: string): ProfileSummary {
  const found = named(store, name);
  if (found) return found;
  const known = store.profiles
    .list()
    .map((profile) => `"${profile.name}"`)
    .join(', ');
  throw new Error(
    `There is no profile named "${name}" in this data folder${known ? ` (it has ${known})` : ' (it has none yet)'}. ` +
      'Save one with --database-url postgres://USER@HOST:PORT/DATABASE first.',
  );
}

/**
 * Makes the chosen profile the one Session Desk opens, with no screen involved: a saved one
 * by name, or a database URL saved (created, or updated under the same name) first. The
 * password goes into the store sealed, as one typed in the app would.
 */
export function chooseStartupProfile(store: LocalStore, choice: ProfileChoice): ProfileSummary {
  let profile: ProfileSummary;
  if (choice.kind === 'saved') {
    profile = findProfile(store, choice.name);
  } else {
    const reading = profileFromDatabaseUrl(choice.url, choice.name, choice.environmentPassword);
    if (!reading.ok) throw new Error(reading.message);
    const existing = named(store, reading.draft.name);
    profile = store.profiles.save({ ...reading.draft, id: existing?.id ?? null });
  }
  store.lastProfileId.set(profile.id);
  return profile;
}
