/**
 * The real @aws-sdk/client-cloudwatch, set up for an outbox that does its own retrying:
 * - maxAttempts 1: the outbox retries (forever, with backoff); SDK retries would only hide failures
 *   and stretch a stop.
 * - connection and request timeouts: the SDK has none by default, and a half-open connection must
 *   not stall the exporter. Each call is also raced against an abort deadline of our own.
 * - credentials from the default provider chain only (instance role, environment, profile).
 * Protocol: this SDK (3.116x) sends AWS JSON 1.0 (`x-amz-target: GraniteServiceVersion20100801.*`),
 * gzip above 10 KB; test/fakes/cloudwatch-server.ts decodes exactly that and fails loudly on others.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { deadlineSignal, withDeadline } from '../../deadline.js';
import { type OutboxDatum, toMetricDatum } from './datum.js';
import type { PutMetricData } from './sender.js';

export interface ClientOptions {
  region: string;
  /** Explicit endpoint (config); undefined lets the SDK read AWS_ENDPOINT_URL_CLOUDWATCH itself. */
  endpoint?: string;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Only for tests: fixed credentials instead of the default provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export function createCloudwatchClient(options: ClientOptions): CloudWatchClient {
  return new CloudWatchClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  });
}

/** PutMetricData through the client, bounded by `deadlineMs` on top of the handler's timeouts. */
export function putMetricDataWith(client: CloudWatchClient, deadlineMs: number): PutMetricData {
  return async (namespace: string, datums: readonly OutboxDatum[], signal: AbortSignal) => {
    const bounded = deadlineSignal(signal, deadlineMs);
    try {
      await client.send(
        new PutMetricDataCommand({ Namespace: namespace, MetricData: datums.map(toMetricDatum) }),
        { abortSignal: bounded.signal },
      );
    } catch (error) {
      // The SDK reports any abort as AbortError; name our own deadline for what it is.
      if (bounded.signal.aborted && !signal.aborted) throw bounded.signal.reason;
      throw error;
    } finally {
      bounded.done();
    }
  };
}

export type CredentialCheck = { ok: true } | { ok: false; reason: string };

/** Resolves credentials from the client's default provider chain, bounded so start-up cannot hang. */
export async function checkCredentials(
  client: CloudWatchClient,
  timeoutMs: number,
): Promise<CredentialCheck> {
  try {
    const identity = await withDeadline(client.config.credentials(), timeoutMs, 'AWS credential lookup');
    if (!identity.accessKeyId)
      return { ok: false, reason: 'the provider chain returned an empty access key' };
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: message.split('\n')[0] ?? message };
  }
}
