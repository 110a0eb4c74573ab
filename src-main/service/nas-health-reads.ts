import {
  compareNasPills,
  type DropAlert,
  type DropThresholds,
  type HistorySpan,
  type NasHealthDetail,
  type NasHealthOverview,
  type NasPill,
  type OnlineHistory,
} from '@contract';
import type { LocalStore } from '../local-store';
import { detectDrops, type DropEpisode } from '../nas-health/drop-detection';
import { describeDrop, dropAlertId, toDropAlert } from '../nas-health/drop-alerts';
import { onlineSeries, thinSeries, type OnlineSeries } from '../nas-health/online-series';
import { pillWas, seriesFrom } from '../nas-health/pill-health';
import { OperatorError } from '../operator-error';
import type { OperatorScope } from '../operator-scope';
import type { OnlineEvents, RadiusDb, StopsInWindow } from '../radius-db';
import type { ActiveDatabase } from './active-database';
import { currentOperator } from './operator-identity';

const day = 86_400;
/** Minute buckets for the last 24 h: drops are judged to the minute. */
const dayBucket = 60;
/** Ten-minute buckets for the 7-day chart. */
const weekBucket = 600;
/** The 24 h chart is drawn at 5-minute points, the sparklines at 30-minute ones. */
const dayChartStep = 5;
const sparklineStep = 30;
/** Drops whose stops are kept read; far more than two spans ever hold. */
const maxSettled = 1000;

interface Assessed {
  /** Date.now() when it was read. */
  readAtMs: number;
  events: OnlineEvents;
  /** From the start of the span (the padding before it dropped). */
  series: OnlineSeries;
  alerts: DropAlert[];
  thresholds: DropThresholds;
}

export interface NasHealthSettings {
  /**
   * How long a span's bucket counts are reused, by span (default: one bucket, 60 s for
   * 24 h, 600 s for 7 d). Tests set 0 to read radacct afresh every time.
   */
  reuseMs?: Partial<Record<HistorySpan, number>>;
}

const defaultReuseMs: Record<HistorySpan, number> = {
  '24h': dayBucket * 1000,
  '7d': weekBucket * 1000,
};

/**
 * The NAS health reads behind the stat row, the charts and the drop banner, all from
 * radacct. The bucket counts of a span cost far more than the stat row (every start and
 * end of the span), and a past bucket does not change: they are read at most once per
 * bucket, while each refresh reads the online counts afresh (the stat row's own query). A
 * NAS whose fresh count shows a drop past the thresholds has the span read again at once,
 * so its alert comes with that refresh. Reads in flight at once share one query, and what
 * ended in a drop that is over is read once.
 */
export class NasHealthReads {
  #inFlight = new Map<string, Promise<Assessed>>();
  #recent = new Map<string, Assessed>();
  #recentNas = new Map<string, { at: number; detail: NasHealthDetail }>();
  #reuseMs: Record<HistorySpan, number>;
  /** Stops of drops whose window closed: they no longer change. */
  #settled = new Map<string, { windowTo: number; stops: StopsInWindow }>();

  constructor(
    private readonly deps: {
      store: LocalStore;
      active: ActiveDatabase;
      scope: () => OperatorScope;
      settings?: NasHealthSettings;
    },
  ) {
    this.#reuseMs = { ...defaultReuseMs, ...deps.settings?.reuseMs };
  }

  async overview(): Promise<NasHealthOverview> {
    const scope = this.deps.scope();
    const stats = await this.deps.active.run((db) => db.stats(scope));
    const { events, series, alerts, thresholds } = await this.#assess('24h', (assessed) =>
      droppedSince(assessed, stats.perNas),
    );
    const trend = thinSeries(series, sparklineStep);
    // Every NAS known to the span (the directory, and any with accounting in the last 24 h)
    // keeps its pill, with the count read just now.
    const now = new Map(stats.perNas.map((pill) => [pill.nasIp, pill]));
    const perNas: NasPill[] = [
      ...stats.perNas,
      ...events.perNas
        .filter((nas) => !now.has(nas.nasIp))
        .map(({ nasIp, nasName }) => ({ nasIp, nasName, online: 0 })),
    ].sort(compareNasPills);
    const nowEpoch = Date.parse(stats.readAt) / 1000;
    return {
      stats: { ...stats, perNas },
      trendTimes: [...trend.times.slice(0, -1), nowEpoch],
      pills: perNas.map(({ nasIp, online }) => {
        const counts = series.perNas.get(nasIp) ?? series.times.map(() => 0);
        const fresh = [...counts.slice(0, -1), online];
        return {
          nasIp,
          was: pillWas(fresh, [...series.times.slice(0, -1), nowEpoch], alerts, nasIp),
          trend: [...(trend.perNas.get(nasIp) ?? trend.times.map(() => 0)).slice(0, -1), online],
        };
      }),
      alerts,
      thresholds,
      coverage: await this.deps.active.run((db) => db.historyCoverage()),
    };
  }

  async history(span: HistorySpan, nasIp: string | null): Promise<OnlineHistory> {
    const { events, series, alerts } = await this.#assess(span);
    const shown = span === '24h' ? thinSeries(series, dayChartStep) : series;
    const names = new Map(events.perNas.map((nas) => [nas.nasIp, nas.nasName]));
    const perNas = [...shown.perNas]
      .filter(([ip]) => nasIp === null || ip === nasIp)
      .map(([ip, counts]) => ({ nasIp: ip, nasName: names.get(ip) ?? null, counts }))
      .sort(compareNasPills);
    if (nasIp !== null && perNas.length === 0) {
      throw new OperatorError(
        'NOT_FOUND',
        `No NAS at ${nasIp} is known: it is not in the NAS list and had no sessions in this span.`,
      );
    }
    return {
      span,
      times: shown.times,
      total: nasIp === null ? shown.total : (perNas[0]?.counts ?? []),
      perNas,
      alerts: alerts.filter((alert) => nasIp === null || alert.nasIp === nasIp),
      coverage: await this.deps.active.run((db) => db.historyCoverage()),
      readAt: events.readAt,
    };
  }

  /** One NAS's page: its causes and last Accounting-On change slowly, read once a minute. */
  async nas(nasIp: string): Promise<NasHealthDetail> {
    const key = JSON.stringify([this.deps.active.profileId, this.deps.scope(), nasIp]);
    const recent = this.#recentNas.get(key);
    if (recent && Date.now() - recent.at < this.#reuseMs['24h']) return recent.detail;
    const scope = this.deps.scope();
    const detail = await this.deps.active.run((db) => db.nasHealth(nasIp, scope));
    if (this.#recentNas.size > maxSettled) this.#recentNas.clear();
    this.#recentNas.set(key, { at: Date.now(), detail });
    return detail;
  }

  async acknowledge(alertId: string): Promise<DropAlert> {
    const profileId = this.deps.active.profileId;
    const { alerts } = await this.#assess('24h');
    const alert = alerts.find((candidate) => candidate.id === alertId);
    if (!alert) {
      throw new OperatorError(
        'NOT_FOUND',
        'This drop alert is no longer among the drops of the last 24 hours, so there is ' +
          'nothing to acknowledge. Reload the page to see the current alerts.',
      );
    }
    const operator = currentOperator(this.deps.active.connectedOperator);
    const acknowledged = this.deps.store.nasHealth.acknowledge(profileId, alert.id, {
      at: new Date().toISOString(),
      osUser: operator.osUser,
      dbRole: operator.dbRole,
      action: 'acknowledge-drop',
      username: '',
      nasIp: alert.nasIp,
      acctSessionId: null,
      radacctId: null,
      path: null,
      result: 'done',
      detail: `Drop alert acknowledged: ${describeDrop(alert)}`,
      runId: null,
      userType: operator.userType,
      resellerId: operator.resellerId,
      resellerName: operator.resellerName,
      apiToken: null,
    });
    this.#recent.clear();
    return { ...alert, acknowledged };
  }

  setThresholds(thresholds: DropThresholds): DropThresholds {
    const saved = this.deps.store.nasHealth.setThresholds(this.deps.active.profileId, thresholds);
    this.#recent.clear();
    return saved;
  }

  /** The span's assessment: reused within its bucket unless `stale` says it no longer holds. */
  #assess(span: HistorySpan, stale?: (assessed: Assessed) => boolean): Promise<Assessed> {
    const profileId = this.deps.active.profileId;
    const scope = this.deps.scope();
    const key = JSON.stringify([profileId, scope, span]);
    const shared = this.#inFlight.get(key);
    if (shared) return shared;
    const recent = this.#recent.get(key);
    if (recent && Date.now() - recent.readAtMs < this.#reuseMs[span] && !stale?.(recent)) {
      return Promise.resolve(recent);
    }
    const value = this.deps.active
      .run((db) => this.#read(db, profileId, scope, span))
      .then((assessed) => {
        this.#recent.set(key, assessed);
        return assessed;
      })
      .finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, value);
    return value;
  }

  async #read(
    db: RadiusDb,
    profileId: number,
    scope: OperatorScope,
    span: HistorySpan,
  ): Promise<Assessed> {
    const thresholds = this.deps.store.nasHealth.thresholds(profileId);
    const bucketSeconds = span === '24h' ? dayBucket : weekBucket;
    // A window's worth of points before the span, so a drop near its start is judged as it
    // was when it happened, and keeps its identity (and its acknowledgement).
    const padBuckets = Math.ceil((thresholds.windowMinutes * 60) / bucketSeconds);
    const spanSeconds = span === '24h' ? day : 7 * day;
    const events = await db.onlineEvents(
      { seconds: spanSeconds + padBuckets * bucketSeconds, bucketSeconds },
      scope,
    );
    const padded = onlineSeries(events);
    const episodes = detectDrops(padded, events.perNas, bucketSeconds, thresholds, padBuckets);
    const stops = await this.#stopsOf(db, scope, episodes, bucketSeconds, events.now);
    const acknowledged = this.deps.store.nasHealth.acknowledged(
      profileId,
      episodes.map((episode) => dropAlertId(episode, bucketSeconds)),
    );
    const names = new Map(events.perNas.map((nas) => [nas.nasIp, nas.nasName]));
    const alerts = episodes
      .map((episode, i) => {
        const id = dropAlertId(episode, bucketSeconds);
        return toDropAlert(
          episode,
          stops[i] as StopsInWindow,
          bucketSeconds,
          names.get(episode.nasIp) ?? null,
          acknowledged.get(id) ?? null,
        );
      })
      .sort((a, b) => Date.parse(b.from) - Date.parse(a.from) || a.id.localeCompare(b.id));
    return {
      readAtMs: Date.now(),
      events,
      series: seriesFrom(padded, padBuckets),
      alerts,
      thresholds,
    };
  }

  /** What ended in each drop; a drop whose window closed a window ago is read only once. */
  async #stopsOf(
    db: RadiusDb,
    scope: OperatorScope,
    episodes: DropEpisode[],
    bucketSeconds: number,
    now: number,
  ): Promise<StopsInWindow[]> {
    const keyOf = (episode: DropEpisode) =>
      `${JSON.stringify(scope)} ${dropAlertId(episode, bucketSeconds)}`;
    const missing = episodes.filter((episode) => {
      const settled = this.#settled.get(keyOf(episode));
      return settled?.windowTo !== episode.windowTo;
    });
    const read = await db.stopsInWindows(
      missing.map((episode) => ({
        nasIp: episode.nasIp,
        from: episode.windowFrom,
        to: episode.windowTo,
      })),
      scope,
    );
    const fresh = new Map(missing.map((episode, i) => [episode, read[i] as StopsInWindow]));
    return episodes.map((episode) => {
      const stops = fresh.get(episode);
      if (!stops) return (this.#settled.get(keyOf(episode)) as { stops: StopsInWindow }).stops;
      // Settled once the window ended well before now: late stops no longer land in it.
      if (now - episode.windowTo > 2 * bucketSeconds) {
        // Drops leave the spans after 7 days; a desk open for months forgets them in bulk.
        if (this.#settled.size > maxSettled) this.#settled.clear();
        this.#settled.set(keyOf(episode), { windowTo: episode.windowTo, stops });
      }
      return stops;
    });
  }
}

/** A NAS now has fewer sessions than the assessment's count, by more than the thresholds allow. */
function droppedSince(assessed: Assessed, now: NasPill[]): boolean {
  const { dropPercent, minSessions } = assessed.thresholds;
  const online = new Map(now.map((pill) => [pill.nasIp, pill.online]));
  return assessed.events.perNas.some((nas) => {
    const lost = nas.online - (online.get(nas.nasIp) ?? 0);
    return lost >= minSessions && lost * 100 >= dropPercent * nas.online;
  });
}
