import {
  compareNasPills,
  type DropAlert,
  type DropThresholds,
  type HistorySpan,
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

interface Assessed {
  events: OnlineEvents;
  /** From the start of the span (the padding before it dropped). */
  series: OnlineSeries;
  alerts: DropAlert[];
  thresholds: DropThresholds;
}

/**
 * The NAS health reads behind the stat row, the charts and the drop banner. Everything is
 * computed from radacct on each read; the stat row and the 24 h chart of one refresh, asked
 * at once, share one query, and what ended in a drop that is over is read once.
 */
export class NasHealthReads {
  /** Reads in flight: the stat row and the chart of one refresh share one query. */
  #inFlight = new Map<string, Promise<Assessed>>();
  /** Stops of drops whose window closed: they no longer change. */
  #settled = new Map<string, { windowTo: number; stops: StopsInWindow }>();

  constructor(
    private readonly deps: {
      store: LocalStore;
      active: ActiveDatabase;
      scope: () => OperatorScope;
    },
  ) {}

  async overview(): Promise<NasHealthOverview> {
    const { events, series, alerts, thresholds } = await this.#assess('24h');
    const trend = thinSeries(series, sparklineStep);
    const perNas: NasPill[] = events.perNas
      .map(({ nasIp, nasName, online }) => ({ nasIp, nasName, online }))
      .sort(compareNasPills);
    return {
      stats: {
        online: perNas.reduce((sum, pill) => sum + pill.online, 0),
        perNas,
        readAt: events.readAt,
      },
      trendTimes: trend.times,
      pills: perNas.map(({ nasIp }) => ({
        nasIp,
        was: pillWas(series.perNas.get(nasIp) ?? [], series.times, alerts, nasIp),
        trend: trend.perNas.get(nasIp) ?? [],
      })),
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
    const operator = currentOperator(this.deps.store, profileId);
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
    });
    return { ...alert, acknowledged };
  }

  setThresholds(thresholds: DropThresholds): DropThresholds {
    return this.deps.store.nasHealth.setThresholds(this.deps.active.profileId, thresholds);
  }

  #assess(span: HistorySpan): Promise<Assessed> {
    const profileId = this.deps.active.profileId;
    const scope = this.deps.scope();
    const key = JSON.stringify([profileId, scope, span]);
    const shared = this.#inFlight.get(key);
    if (shared) return shared;
    const value = this.deps.active
      .run((db) => this.#read(db, profileId, scope, span))
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
    return { events, series: seriesFrom(padded, padBuckets), alerts, thresholds };
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
        this.#settled.set(keyOf(episode), { windowTo: episode.windowTo, stops });
      }
      return stops;
    });
  }
}
