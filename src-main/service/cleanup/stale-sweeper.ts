import {
  sweepEverySeconds,
  type CleanupSettings,
  type CleanupSettingsInput,
  type SweepPreview,
  type SweeperStatus,
  type SweepSummary,
} from '@contract';
import { OperatorError } from '../../operator-error';
import { requirePermission } from '../../permissions';
import type { RadiusDb, SweeperLock } from '../../radius-db';
import type { DeskContext } from '../desk-context';
import { currentOperator } from '../operator-identity';
import { cleanupAuditEntry } from './cleanup-audit';
import { planSweep, toClose } from './sweep-plan';

export interface SweeperOptions {
  /** How often an enabled sweeper sweeps; the spec's 5 minutes unless a test says otherwise. */
  everyMs?: number;
  /** At most this many sessions per NAS in one sweep (the preview lists as many). */
  perNasLimit?: number;
}

interface HeldLock {
  profileId: number;
  db: RadiusDb;
  lock: SweeperLock;
}

/**
 * The spec's Stale Session Cleanup, per profile, off until an operator with sessions.cleanup
 * turns it on. Every few minutes the workstation that holds the database's advisory lock
 * (one runner, however many have it on) closes the stale sessions of every NAS the silence
 * guard does not hold, and audits each row; the others only say who runs it.
 */
export class StaleSweeper {
  readonly #desk: DeskContext;
  readonly #everyMs: number;
  readonly #perNasLimit: number;
  #timer: NodeJS.Timeout | undefined;
  #held: HeldLock | null = null;
  #last = new Map<number, SweepSummary>();
  #sweeping: Promise<SweepSummary | null> | null = null;
  #closing = false;

  constructor(desk: DeskContext, options: SweeperOptions = {}) {
    this.#desk = desk;
    this.#everyMs = options.everyMs ?? sweepEverySeconds * 1000;
    this.#perNasLimit = options.perNasLimit ?? 1000;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.tick(), this.#everyMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#sweeping?.catch(() => undefined);
    await this.#releaseLock();
  }

  /** One scheduled look: sweeps when this profile's sweeper is on and this workstation runs it. */
  async tick(): Promise<SweepSummary | null> {
    if (this.#closing || this.#sweeping) return null;
    try {
      const { active, store } = this.#desk;
      if (active.state().kind === 'none') return await this.#releaseLock().then(() => null);
      const profileId = active.profileId;
      const db = await active.database();
      // A standby with no primary named has nowhere to write: every tick would fail and log
      // the same refusal; Sweep now still says why in words.
      const nowhereToWrite = db.role.kind === 'standby' && db.role.writesTo === null;
      if (
        nowhereToWrite ||
        !store.cleanup.settings(profileId).sweeperEnabled ||
        !db.operator.permissions.has('sessions.cleanup')
      ) {
        await this.#releaseLock();
        return null;
      }
      if (!(await this.#lockFor(profileId, db))) return null;
      return await this.#sweep(profileId, db);
    } catch (error) {
      this.#desk.log.error('The stale-session sweep failed', error);
      return null;
    }
  }

  settings(): CleanupSettings {
    return this.#desk.store.cleanup.settings(this.#desk.active.profileId);
  }

  /** Saves the threshold and the switch (audited); a new threshold reopens the database. */
  async saveSettings(input: CleanupSettingsInput): Promise<CleanupSettings> {
    const { active, store } = this.#desk;
    const profileId = active.profileId;
    const operator = await active.operator();
    const before = store.cleanup.settings(profileId);
    const saved = store.cleanup.save(
      profileId,
      input,
      cleanupAuditEntry(operator, {
        action: 'sweeper-setting',
        username: '',
        nasIp: '',
        detail:
          `Stale threshold ${input.staleAfterSeconds / 60} min, sweeper ` +
          `${input.sweeperEnabled ? 'on' : 'off'} (was ${before.staleAfterSeconds / 60} min, ` +
          `${before.sweeperEnabled ? 'on' : 'off'}).`,
      }),
    );
    if (!saved.sweeperEnabled) await this.#releaseLock();
    if (before.staleAfterSeconds !== saved.staleAfterSeconds) {
      await this.#releaseLock();
      await active.release();
    }
    return saved;
  }

  async status(): Promise<SweeperStatus> {
    const { active } = this.#desk;
    const profileId = active.profileId;
    const settings = this.#desk.store.cleanup.settings(profileId);
    const runningHere = this.#held?.profileId === profileId;
    const runner = runningHere
      ? null
      : await active
          .run((db) => db.sweeperRunner())
          .then((found) => (found === null ? null : (found.label ?? 'another Session Desk')));
    const last = this.#last.get(profileId) ?? null;
    return { settings, runningHere, runner, lastSweep: last, heldNas: last?.held ?? [] };
  }

  /** What a sweep would close now, per NAS, and which NAS the silence guard holds. */
  async preview(): Promise<SweepPreview> {
    const { active, store, scope } = this.#desk;
    const profileId = active.profileId;
    return active.run(async (db) => {
      const found = await db.staleByNas(scope(), this.#perNasLimit);
      const nas = planSweep(found.nas, store.cleanup.confirmations(profileId));
      return {
        staleAfterSeconds: db.staleAfterSeconds,
        nas,
        toClose: toClose(nas),
        readAt: found.readAt,
      };
    });
  }

  /** A sweep now (the operator's button): under the same lock as the scheduled ones. */
  async sweepNow(): Promise<SweepSummary> {
    const { active } = this.#desk;
    const profileId = active.profileId;
    const db = await active.database();
    requirePermission(db.operator, 'sessions.cleanup');
    if (this.#sweeping) await this.#sweeping.catch(() => undefined);
    if (!(await this.#lockFor(profileId, db))) {
      const runner = await db.sweeperRunner();
      throw new OperatorError(
        'CONFLICT',
        `Another workstation sweeps this database (${runner?.label ?? 'Session Desk'}): ` +
          'one runner at a time, so nothing was closed here.',
      );
    }
    try {
      return await this.#sweep(profileId, db);
    } finally {
      // A manual sweep with the sweeper off leaves the lock to whoever has it on.
      if (!this.#desk.store.cleanup.settings(profileId).sweeperEnabled) await this.#releaseLock();
    }
  }

  /** The operator says a held NAS's sessions are really gone: the next sweep closes them. */
  async confirmNas(nasIp: string): Promise<null> {
    const { active, store } = this.#desk;
    const profileId = active.profileId;
    const operator = await active.operator();
    const preview = await this.preview();
    const nas = preview.nas.find((candidate) => candidate.nasIp === nasIp.trim());
    if (!nas?.held) {
      throw new OperatorError(
        'NOT_FOUND',
        `NAS ${nasIp} is not held by the silence guard now: there is nothing to confirm.`,
      );
    }
    store.cleanup.confirmSilentNas(
      profileId,
      nas.nasIp,
      cleanupAuditEntry(operator, {
        action: 'confirm-silent-nas',
        username: '',
        nasIp: nas.nasIp,
        detail:
          `Confirmed that the ${nas.stale} silent sessions of ${nas.nasName ?? nas.nasIp} are ` +
          'lost (not the NAS or its accounting path): the sweeper may close them.',
      }),
    );
    return null;
  }

  async #lockFor(profileId: number, db: RadiusDb): Promise<boolean> {
    if (this.#held && (this.#held.profileId !== profileId || this.#held.db !== db)) {
      await this.#releaseLock();
    }
    if (this.#held) return true;
    const lock = await db.takeSweeperLock();
    if (!lock) return false;
    this.#held = { profileId, db, lock };
    await lock.label(`${currentOperator(db.operator).osUser}, never swept`);
    return true;
  }

  async #releaseLock(): Promise<void> {
    const held = this.#held;
    this.#held = null;
    await held?.lock.release();
  }

  #sweep(profileId: number, db: RadiusDb): Promise<SweepSummary> {
    const sweeping = this.#desk.work.track(() => this.#closeStale(profileId, db));
    this.#sweeping = sweeping;
    void sweeping
      .finally(() => {
        if (this.#sweeping === sweeping) this.#sweeping = null;
      })
      .catch(() => undefined);
    return sweeping;
  }

  async #closeStale(profileId: number, db: RadiusDb): Promise<SweepSummary> {
    const { store, scope } = this.#desk;
    const found = await db.staleByNas(scope(), this.#perNasLimit);
    const plan = planSweep(found.nas, store.cleanup.confirmations(profileId));
    const ids = plan.flatMap((nas) => (nas.held ? [] : nas.sessions.map((s) => s.radacctId)));
    const closed = ids.length === 0 ? [] : await db.closeLostSessions(ids, scope(), true);
    const at = new Date().toISOString();
    const perNas = new Map<string, number>();
    for (const session of closed) perNas.set(session.nasIp, (perNas.get(session.nasIp) ?? 0) + 1);
    const threshold = `${db.staleAfterSeconds / 60} min`;
    for (const session of closed) {
      store.audit.record(
        profileId,
        cleanupAuditEntry(db.operator, {
          at,
          action: 'sweep-close',
          username: session.username,
          nasIp: session.nasIp,
          acctSessionId: session.acctSessionId,
          radacctId: session.radacctId,
          detail:
            `Swept as stale (nothing heard since ${session.lastHeardAt ?? 'its start'}, ` +
            `threshold ${threshold}): Accounting-Stop written at ${session.stopTime}, ` +
            `Lost-Carrier. This sweep closed ${perNas.get(session.nasIp)} on this NAS, ` +
            `${closed.length} in all.`,
        }),
      );
    }
    const summary: SweepSummary = {
      at,
      by: currentOperator(db.operator).dbRole ?? currentOperator(db.operator).osUser,
      closed: closed.length,
      perNas: [...perNas].map(([nasIp, count]) => ({ nasIp, closed: count })),
      held: plan.filter((nas) => nas.held).map((nas) => nas.nasIp),
    };
    this.#last.set(profileId, summary);
    if (this.#held?.db === db) {
      await this.#held.lock
        .label(
          `${currentOperator(db.operator).osUser}, last ${at.slice(0, 16)}Z closed ${closed.length}`,
        )
        .catch(() => undefined);
    }
    return summary;
  }
}
