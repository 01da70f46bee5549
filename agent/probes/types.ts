/** What one check concluded in one run. */
export interface CheckOutcome {
  /** false = the check failed. */
  ok: boolean;
  /** The check could not run or does not apply here (e.g. no systemd on this host); never counts as a failure. */
  unknown?: boolean;
  latencyMs?: number;
  /** Plain text for people: "HTTP 200 in 12ms", "connect ECONNREFUSED 127.0.0.1:80", "unit failed". */
  detail: string;
  /** https only: whole days until the peer certificate expires (negative once expired). */
  certDaysLeft?: number;
}

export type CheckKind = 'http' | 'tcp' | 'systemd' | 'process';

export interface Check {
  readonly kind: CheckKind;
  /** What is checked, for logs and answers: a URL, host:port, a unit name, a process pattern. */
  readonly target: string;
  /** Never throws: failures are outcomes. Must settle promptly once `signal` aborts. */
  run(signal: AbortSignal): Promise<CheckOutcome>;
}

/** The detail to report when a check was cut short by its AbortSignal. */
export function abortDetail(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.message) return reason.message;
  if (typeof reason === 'string' && reason) return reason;
  return 'aborted';
}

/** The message of anything thrown, without stack noise. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
