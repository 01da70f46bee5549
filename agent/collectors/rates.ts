/** How much a cumulative counter grew since its previous observation, and over how long. */
export interface CounterDelta {
  delta: number;
  seconds: number;
}

interface Observation {
  value: number;
  at: number;
}

/**
 * Turns cumulative counters (/proc/stat ticks, /proc/diskstats, /proc/net/dev) into deltas and
 * per-second rates, keyed by series ("eth0:bytes_sent"). The first observation of a series only
 * sets its baseline. A counter that went backwards was reset or wrapped (reboot of a device, driver
 * reload, 32-bit wrap): that step gives nothing and the new value becomes the baseline. So does a
 * clock that did not move forward.
 */
export class CounterRates {
  private readonly last = new Map<string, Observation>();

  /** The growth since the previous observation of `key`, or undefined (first sight, reset, no time passed). */
  delta(key: string, value: number, at: number): CounterDelta | undefined {
    const previous = this.last.get(key);
    this.last.set(key, { value, at });
    if (!previous || value < previous.value || at <= previous.at) return undefined;
    return { delta: value - previous.value, seconds: (at - previous.at) / 1000 };
  }

  /** Growth per second since the previous observation of `key`, or undefined as for delta(). */
  rate(key: string, value: number, at: number): number | undefined {
    const d = this.delta(key, value, at);
    return d && d.delta / d.seconds;
  }

  /** Drops series not observed at `at`, so interfaces and devices that went away do not pile up. */
  forgetUnseen(at: number): void {
    for (const [key, observation] of this.last) {
      if (observation.at !== at) this.last.delete(key);
    }
  }

  /** Number of series with a baseline. */
  get size(): number {
    return this.last.size;
  }
}
