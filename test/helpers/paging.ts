/**
 * What the paging integration tests and the alerting bench share: a fake SNS topic, a real nginx, a config
 * that probes it, and the environment that points the daemon's real SNS client at the fake.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FakePublish, type FakeSns, startFakeSns } from '../fakes/sns-server.js';
import { cleanEnv, tempDir } from './cli.js';
import { type RunningNginx, startNginx } from './nginx.js';

export const TOPIC_ARN = 'arn:aws:sns:eu-central-1:123456789012:oncall';
export const HOST_NAME = 'web-1';
export const NGINX_KEY = `${HOST_NAME}/service-down/nginx`;

export interface PagingRig {
  sns: FakeSns;
  nginx: RunningNginx;
  dir: string;
  dataDir: string;
  config: string;
  env: NodeJS.ProcessEnv;
  /** --config and --data-dir for the CLI and the daemon. */
  args: string[];
  close(): Promise<void>;
}

export interface RigOptions {
  interval?: string;
  timeout?: string;
  failureThreshold?: number;
  successThreshold?: number;
  evaluationInterval?: string;
  /** Flap detection (default on); benchmarks that stop nginx back to back turn it off. */
  flapping?: boolean;
}

export async function startPagingRig(options: RigOptions = {}): Promise<PagingRig> {
  const [sns, nginx] = await Promise.all([startFakeSns({ topics: [TOPIC_ARN] }), startNginx()]);
  const dir = tempDir('hostwatch-paging-');
  const dataDir = join(dir, 'data');
  const config = join(dir, 'hostwatch.yaml');
  writeFileSync(
    config,
    [
      `host: { name: ${HOST_NAME} }`,
      'services:',
      `  - name: nginx`,
      `    preset: nginx`,
      `    port: ${nginx.port}`,
      `    interval: ${options.interval ?? '1s'}`,
      `    timeout: ${options.timeout ?? '800ms'}`,
      `    failureThreshold: ${options.failureThreshold ?? 3}`,
      `    successThreshold: ${options.successThreshold ?? 2}`,
      'alerting:',
      `  sns: { topicArn: "${TOPIC_ARN}" }`,
      `  evaluationInterval: ${options.evaluationInterval ?? '2s'}`,
      `  flapping: { enabled: ${options.flapping ?? true} }`,
      '  runbookUrl: https://wiki.example.com/runbooks/web-1',
      '',
    ].join('\n'),
  );
  // Dummy credentials in the child only: the fake checks that requests are SigV4-signed, not by whom.
  const env = cleanEnv({
    AWS_ENDPOINT_URL_SNS: sns.url,
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
  });
  return {
    sns,
    nginx,
    dir,
    dataDir,
    config,
    env,
    args: ['--config', config, '--data-dir', dataDir],
    async close() {
      await Promise.all([nginx.close(), sns.close()]);
    },
  };
}

export const isNginx =
  (kind: string, after = 0) =>
  (p: FakePublish) =>
    p.attributes.dedup_key === NGINX_KEY && p.attributes.kind === kind && p.receivedAt >= after;

export const countNginx = (sns: FakeSns, kind: string, after = 0) =>
  sns.published.filter(isNginx(kind, after)).length;
