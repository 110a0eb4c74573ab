// Connection profiles and which one main is connected to.
import type {
  ApiError,
  ConnectionReport,
  ConnectionState,
  MethodInput,
  ProfileSummary,
  Result,
} from '@contract';
import { request } from '../request';

export type ProfileDraftInput = MethodInput<'profiles.save'>;

export class Profiles {
  list = $state.raw<ProfileSummary[]>([]);
  connection = $state.raw<ConnectionState>({ kind: 'none' });
  /** 'starting' until main has said whether it reopened the last profile. */
  phase = $state<'starting' | 'ready' | 'failed'>('starting');
  startError = $state.raw<ApiError | null>(null);
  /** The profile being connected, for a busy switcher. */
  connecting = $state<number | null>(null);
  /** Why the last connect failed, with the profile it was for. */
  connectFailure = $state.raw<{ profileName: string; error: ApiError } | null>(null);

  /** The profile the page works on, answering or not ('lost' retries on every read). */
  get activeId(): number | null {
    return this.connection.kind === 'none' ? null : this.connection.profileId;
  }

  async start(): Promise<void> {
    this.phase = 'starting';
    const [status, profiles] = await Promise.all([
      request('connection.status', {}),
      request('profiles.list', {}),
    ]);
    if (!status.ok || !profiles.ok) {
      this.startError = !status.ok ? status.error : !profiles.ok ? profiles.error : null;
      this.phase = 'failed';
      return;
    }
    this.connection = status.data;
    this.list = profiles.data;
    this.startError = null;
    this.phase = 'ready';
  }

  async reloadList(): Promise<void> {
    const result = await request('profiles.list', {});
    if (result.ok) this.list = result.data;
  }

  /** Ask main again which profile is open (after a delete, or when a read says NO_PROFILE). */
  async reloadStatus(): Promise<void> {
    const result = await request('connection.status', {});
    if (!result.ok) return;
    this.connection = result.data;
    if (result.data.kind === 'connected') this.connectFailure = null;
  }

  async connect(id: number): Promise<Result<ConnectionState>> {
    this.connecting = id;
    const result = await request('profiles.connect', { id });
    this.connecting = null;
    if (result.ok) {
      this.connection = result.data;
      this.connectFailure = null;
    } else {
      const profileName = this.list.find((profile) => profile.id === id)?.name ?? `#${id}`;
      // Main keeps the chosen profile and retries it on every read ('lost'): show that.
      await this.reloadStatus();
      this.connectFailure = { profileName, error: result.error };
    }
    return result;
  }

  async save(draft: ProfileDraftInput): Promise<Result<ProfileSummary>> {
    const result = await request('profiles.save', draft);
    if (!result.ok) return result;
    await this.reloadList();
    // Main reopens the connected profile with its new settings: show what it has now.
    if (result.data.id === this.activeId) await this.reloadStatus();
    return result;
  }

  async remove(id: number): Promise<Result<null>> {
    const result = await request('profiles.delete', { id });
    if (result.ok) {
      this.list = this.list.filter((profile) => profile.id !== id);
      if (this.activeId === id) await this.reloadStatus();
    }
    return result;
  }

  test(draft: ProfileDraftInput): Promise<Result<ConnectionReport>> {
    return request('profiles.test', draft);
  }
}
