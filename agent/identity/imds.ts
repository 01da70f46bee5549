/**
 * EC2 identity over IMDSv2 with the real @aws-sdk/ec2-metadata-service client.
 *
 * Facts about that client (3.116x) this file works around:
 * - It falls back to IMDSv1 (a GET without token) when the token PUT fails, unless
 *   `ec2MetadataV1Disabled: true`; we always set it.
 * - `httpOptions.timeout` (connection and time-to-headers) defaults to none; the body read has no
 *   timeout at all, so every call is also raced against our own deadline.
 * - It retries 3 times with 1.2^n s backoff by default: far too slow for an off-EC2 verdict, so
 *   the first token PUT runs with no retry and decides whether an IMDS is there at all.
 * - `request(path)` sends a PUT for a fresh token before every GET and builds the URL as
 *   `endpoint.pathname + path`, so a leading slash would produce `//latest/...`.
 * - It reads AWS_EC2_METADATA_SERVICE_ENDPOINT itself; we read it too, to name the endpoint in
 *   reasons, and pass it on explicitly.
 */
import { MetadataService } from '@aws-sdk/ec2-metadata-service';
import { withDeadline } from '../deadline.js';
import { parseIdentityDocument } from './identity-document.js';

export const DEFAULT_IMDS_ENDPOINT = 'http://169.254.169.254';
export const IMDS_ENDPOINT_ENV = 'AWS_EC2_METADATA_SERVICE_ENDPOINT';

const IDENTITY_DOCUMENT_PATH = 'latest/dynamic/instance-identity/document';
const PUBLIC_IPV4_PATH = 'latest/meta-data/public-ipv4';
const LOCAL_HOSTNAME_PATH = 'latest/meta-data/local-hostname';
/** Our deadline sits a little past the SDK's own timeout so the SDK's clearer error usually wins. */
const DEADLINE_SLACK_MS = 250;
/** Retries for metadata reads once a token proved the service is there. */
const METADATA_RETRIES = 1;
const METADATA_BACKOFF_SECONDS = 0.1;

export interface Ec2Identity {
  instanceId: string;
  instanceType: string;
  amiId: string;
  region: string;
  availabilityZone: string;
  privateIpv4?: string;
  publicIpv4?: string;
  localHostname?: string;
}

export type ImdsOutcome =
  | { ok: true; identity: Ec2Identity }
  /**
   * stage 'token': no IMDSv2 answered (the normal off-EC2 case).
   * stage 'metadata': a token was issued, so this is EC2, but reading the identity failed.
   */
  | { ok: false; stage: 'token' | 'metadata'; reason: string };

export interface ImdsFetchOptions {
  /** Overrides AWS_EC2_METADATA_SERVICE_ENDPOINT and the default http://169.254.169.254. */
  endpoint?: string;
  /** Per request (connect and response headers); also bounds the whole token probe. */
  timeoutMs: number;
  env?: Readonly<Record<string, string | undefined>>;
}

/** The endpoint we will pass to the SDK; undefined lets the SDK use its profile or default. */
export function resolveImdsEndpoint(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  if (explicit) return explicit;
  const fromEnv = env[IMDS_ENDPOINT_ENV];
  return fromEnv ? fromEnv : undefined;
}

export async function fetchEc2Identity(options: ImdsFetchOptions): Promise<ImdsOutcome> {
  const { timeoutMs } = options;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`IMDS timeoutMs must be a positive integer, got ${timeoutMs}`);
  }
  const endpoint = resolveImdsEndpoint(options.endpoint, options.env);
  const shown = endpoint ?? DEFAULT_IMDS_ENDPOINT;
  const client = (retries: number) =>
    new MetadataService({
      ...(endpoint ? { endpoint } : {}),
      ec2MetadataV1Disabled: true,
      httpOptions: { timeout: timeoutMs },
      retries,
      backoff: METADATA_BACKOFF_SECONDS,
    });

  try {
    await withDeadline(client(0).fetchMetadataToken(), timeoutMs + DEADLINE_SLACK_MS);
  } catch (error) {
    return { ok: false, stage: 'token', reason: describeTokenFailure(error, shown, timeoutMs) };
  }

  const metadata = client(METADATA_RETRIES);
  const prefix = new URL(shown).pathname.endsWith('/') ? '' : '/';
  const read = (path: string) => metadata.request(prefix + path, {});
  const readOptional = (path: string) => read(path).then(nonEmpty, undefinedOn404);
  // Worst case per read: (retries + 1) timeouts plus the backoff between them.
  const metadataDeadline =
    (METADATA_RETRIES + 1) * timeoutMs +
    METADATA_RETRIES * METADATA_BACKOFF_SECONDS * 1000 +
    DEADLINE_SLACK_MS;
  try {
    const [document, publicIpv4, localHostname] = await withDeadline(
      Promise.all([
        read(IDENTITY_DOCUMENT_PATH).then(parseIdentityDocument),
        readOptional(PUBLIC_IPV4_PATH),
        readOptional(LOCAL_HOSTNAME_PATH),
      ]),
      metadataDeadline,
    );
    return { ok: true, identity: { ...document, publicIpv4, localHostname } };
  } catch (error) {
    return {
      ok: false,
      stage: 'metadata',
      reason: `IMDS at ${shown} issued a token but reading the instance identity failed: ${sdkErrorDetail(error)}`,
    };
  }
}

function nonEmpty(text: string): string | undefined {
  const value = text.trim();
  return value === '' ? undefined : value;
}

/** public-ipv4 is absent (404) on instances without a public address; that is an answer, not a failure. */
function undefinedOn404(error: unknown): undefined {
  if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
    return undefined;
  throw error;
}

/** The SDK nests messages ("Error fetching metadata token: Error: connect ECONNREFUSED ..."); keep the cause. */
export function sdkErrorDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^Error fetching metadata token: /, '')
    .replace(/^Error making request to the metadata service: /, '')
    .replace(/\.? \[disableFetchToken\] is now set to true\.$/, '')
    .replace(/^[A-Za-z]*Error: /, '')
    .replace(/^@smithy\/node-http-handler - (\[ERROR\] )?/, '')
    .trim();
}

export function describeTokenFailure(error: unknown, endpoint: string, timeoutMs: number): string {
  const raw = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (/TimeoutError|ETIMEDOUT|timed out|timeout/i.test(raw)) {
    return `IMDS not reachable at ${endpoint} within ${timeoutMs}ms`;
  }
  const status = /status code (\d{3})/.exec(raw)?.[1];
  if (status) {
    return `IMDS at ${endpoint} did not issue an IMDSv2 token (HTTP ${status}); IMDSv1 fallback is disabled`;
  }
  return `IMDS not reachable at ${endpoint}: ${sdkErrorDetail(error)}`;
}
