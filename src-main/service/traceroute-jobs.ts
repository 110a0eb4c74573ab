import type { TracerouteHop, TracerouteView } from '@contract';
import { OperatorError } from '../operator-error';
import { tracerouteAddress } from '../ping/traceroute-address';
import { BackgroundJobs, type BackgroundJob } from './background-jobs';
import type { DeskContext } from './desk-context';

/** One traceroute: its hops as they came, followed by `traceroute.progress`. */
class TracerouteJob implements BackgroundJob<TracerouteView> {
  private readonly hops: TracerouteHop[] = [];
  private state: TracerouteView['state'] = 'running';
  private failure: string | null = null;

  constructor(
    readonly id: number,
    private readonly framedIp: string,
    private readonly target: string,
    private readonly command: string | undefined,
  ) {}

  view(): TracerouteView {
    return {
      traceId: this.id,
      framedIp: this.framedIp,
      target: this.target,
      hops: [...this.hops],
      state: this.state,
      failure: this.failure,
    };
  }

  over(): boolean {
    return this.state !== 'running';
  }

  async run(signal: AbortSignal, progress: (now?: boolean) => void): Promise<void> {
    try {
      await tracerouteAddress(
        this.target,
        (hop) => {
          this.hops.push(hop);
          progress(true);
        },
        signal,
        this.command,
      );
      this.state = 'done';
    } catch (error) {
      this.state = 'failed';
      this.failure = error instanceof OperatorError ? error.message : 'Traceroute failed.';
    }
    progress(true);
  }
}

/** Traceroutes of framed IPs, through the one background-job mechanism. */
export class TracerouteJobs {
  private readonly jobs: BackgroundJobs<TracerouteView, TracerouteJob>;
  private nextId = 1;

  constructor(desk: Pick<DeskContext, 'work' | 'log' | 'events'>) {
    this.jobs = new BackgroundJobs({
      noun: 'traceroute',
      work: desk.work,
      log: desk.log,
      publish: (view) => desk.events.emit('traceroute.progress', view),
    });
  }

  start(framedIp: string, target: string, command?: string): TracerouteView {
    return this.jobs.launch(new TracerouteJob(this.nextId++, framedIp, target, command));
  }
}
