// Who the connected operator is and what the page offers them, as main said at connect.
// Main checks every call anyway; the page uses this to offer only what main would allow.
import type { ConnectionState, OperatorIdentity, Permission } from '@contract';
import type { DeskPage } from '../desk-pages';
import { operatorOffers } from '../operator-offers';

class OperatorPermissions {
  /** The operator of the profile with this id; kept while that profile is 'lost'. */
  private known = $state.raw<{ profileId: number; identity: OperatorIdentity } | null>(null);
  /** Profiles whose "no operators table" note was shown already in this window. */
  private told = $state.raw<ReadonlySet<number>>(new Set());

  private readonly offers = $derived(operatorOffers(this.known?.identity ?? null));

  get identity(): OperatorIdentity | null {
    return this.known?.identity ?? null;
  }

  get canDisconnect(): boolean {
    return this.offers.disconnect;
  }

  get canCleanup(): boolean {
    return this.offers.cleanup;
  }

  /** The permission this page lacks, or null when it may load. */
  missingFor(page: DeskPage): Permission | null {
    return this.offers.missingFor(page);
  }

  /** Follows the connection: a new profile, a reconnect, a profile closed. */
  follow(connection: ConnectionState): void {
    if (connection.kind === 'connected') {
      this.known = { profileId: connection.profileId, identity: connection.operator };
    } else if (connection.kind === 'none' || this.known?.profileId !== connection.profileId) {
      this.known = null;
    }
  }

  /**
   * The profile whose database has no operators table, once per profile per window: the
   * role administers it, which the operator should hear about, but not on every refresh.
   */
  get ownDatabaseNote(): { profileId: number; role: string } | null {
    const known = this.known;
    if (!known || known.identity.kind !== 'database-owner') return null;
    if (this.told.has(known.profileId)) return null;
    return { profileId: known.profileId, role: known.identity.role };
  }

  dismissOwnDatabaseNote(profileId: number): void {
    this.told = new Set([...this.told, profileId]);
  }
}

export const operatorPermissions = new OperatorPermissions();
