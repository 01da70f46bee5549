/** Milliseconds since the epoch. Injected wherever time matters so tests can drive it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Series labels, e.g. { path: "/" }, { device: "nvme0n1" }, { interface: "eth0" }. */
export type Labels = Readonly<Record<string, string>>;

/** CloudWatch StandardUnit names, so samples map onto PutMetricData without translation. */
export type Unit =
  | 'Percent'
  | 'Bytes'
  | 'Bytes/Second'
  | 'Count'
  | 'Count/Second'
  | 'Seconds'
  | 'Milliseconds'
  | 'None';

export interface Sample {
  /** CloudWatch-agent style name: cpu_usage_active, mem_used_percent, diskio_read_bytes, ... */
  metric: string;
  labels?: Labels;
  value: number;
  unit: Unit;
  /** ms since epoch */
  at: number;
}

export interface Collector {
  /** Unique within the registry: cpu, load, memory, swap, disk, diskio, net, system. */
  readonly name: string;
  collect(now: number): Promise<Sample[]>;
}

/** Outcome of one collector in one cycle, kept for self-observation. */
export interface CollectorRun {
  name: string;
  ok: boolean;
  durationMs: number;
  samples: number;
  error?: string;
  at: number;
}
