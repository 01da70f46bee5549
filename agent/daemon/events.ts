/**
 * In-process notifications from the loops to the features built on them (alerting, exporters,
 * bot). Emitted after the data is committed to SQLite, so a listener can always re-read it.
 * A throwing listener is logged by the emitter's owner and never stops the loops.
 */
import type { ServiceObservation } from '../probes/service.js';
import type { Sample } from '../types.js';
import type { ServiceState } from '../uptime/types.js';

export interface CycleEvent {
  at: number;
  samples: readonly Sample[];
}

export interface ProbeEvent {
  service: string;
  at: number;
  observation: ServiceObservation;
  /** The debounced state after this observation. */
  state: ServiceState;
  /** When that state began (backdated to the first observation of the confirming run). */
  since: number;
}

export interface ServiceStateEvent extends ProbeEvent {
  previous: ServiceState;
  cause: string;
}

type Listener<T> = (event: T) => void;

export class AgentEvents {
  private readonly cycle = new Set<Listener<CycleEvent>>();
  private readonly probe = new Set<Listener<ProbeEvent>>();
  private readonly serviceState = new Set<Listener<ServiceStateEvent>>();

  constructor(private readonly onListenerError: (error: unknown, event: string) => void = () => {}) {}

  onCycle(listener: Listener<CycleEvent>): () => void {
    this.cycle.add(listener);
    return () => this.cycle.delete(listener);
  }

  onProbe(listener: Listener<ProbeEvent>): () => void {
    this.probe.add(listener);
    return () => this.probe.delete(listener);
  }

  onServiceState(listener: Listener<ServiceStateEvent>): () => void {
    this.serviceState.add(listener);
    return () => this.serviceState.delete(listener);
  }

  emitCycle(event: CycleEvent): void {
    this.emit(this.cycle, event, 'cycle');
  }

  emitProbe(event: ProbeEvent): void {
    this.emit(this.probe, event, 'probe');
  }

  emitServiceState(event: ServiceStateEvent): void {
    this.emit(this.serviceState, event, 'service-state');
  }

  private emit<T>(listeners: Set<Listener<T>>, event: T, name: string): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error, name);
      }
    }
  }
}
