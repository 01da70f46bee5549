import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../agent/config/load.js';
import type { AgentContext } from '../../../agent/daemon/component.js';
import { AgentEvents } from '../../../agent/daemon/events.js';
import { CloudwatchComponent } from '../../../agent/exporters/cloudwatch/component.js';
import { readCloudwatchStatus } from '../../../agent/exporters/cloudwatch/status.js';
import type { HostIdentity } from '../../../agent/identity/types.js';
import { silentLogger } from '../../../agent/log.js';
import { DUMMY_CREDENTIALS, freshStore } from '../../helpers/cloudwatch.js';

const db = freshStore();
afterAll(() => db.close());
const ec2: HostIdentity = {
  hostname: 'ip-10-0-1-23',
  ec2: true,
  source: 'imds',
  instanceId: 'i-0abc',
  region: 'eu-central-1',
  localAddresses: [],
  resolvedAt: 0,
};
const laptop: HostIdentity = {
  hostname: 'laptop',
  ec2: false,
  source: 'local',
  reason: 'IMDS not reachable',
  localAddresses: [],
  resolvedAt: 0,
};

function context(yaml: string, identity: HostIdentity, env: NodeJS.ProcessEnv = {}): AgentContext {
  return {
    db,
    clock: { now: () => Date.UTC(2026, 10, 23) },
    logger: silentLogger,
    env,
    config: parseConfigText(yaml, 'test'),
    configSource: 'test',
    dataDir: '/nonexistent',
    identity,
    events: new AgentEvents(),
  };
}

/** A client whose credential provider answers (or fails) at once, instead of walking the real chain. */
const withCredentials = (ok: boolean) => (options: { region: string; endpoint?: string }) =>
  new CloudWatchClient({
    region: options.region,
    credentials: ok
      ? DUMMY_CREDENTIALS
      : async () => {
          throw Object.assign(new Error('Could not load credentials from any providers'), {
            name: 'CredentialsProviderError',
          });
        },
  });

describe('cloudwatch component: decide()', () => {
  it.each([
    ['cloudwatch: { enabled: false }', ec2, true, false, /^cloudwatch.enabled is false$/],
    ['', laptop, true, false, /^not on EC2 \(IMDS not reachable\); set cloudwatch.enabled: true/],
    ['cloudwatch: { enabled: true }', laptop, true, false, /^no AWS region: set cloudwatch.region/],
    [
      '',
      ec2,
      false,
      false,
      /^no AWS credentials from the default provider chain .*Could not load credentials/,
    ],
    [
      'cloudwatch: { enabled: true }',
      ec2,
      false,
      true,
      /but no AWS credentials yet .* datums wait in the outbox/,
    ],
    [
      '',
      ec2,
      true,
      true,
      /^publishing to namespace Hostwatch in eu-central-1 \(region from instance metadata\) via the regional AWS endpoint every 60s$/,
    ],
    [
      'cloudwatch: { enabled: true, region: us-east-1 }',
      laptop,
      true,
      true,
      /in us-east-1 \(region from cloudwatch.region\)/,
    ],
  ])('%s on %o', async (yaml, identity, credentials, on, reason) => {
    const component = new CloudwatchComponent({ createClient: withCredentials(credentials) });
    const decision = await component.decide(context(yaml, identity));
    expect(decision.on).toBe(on);
    expect(decision.reason).toMatch(reason);
    if (!on) expect(readCloudwatchStatus(db, 0)).toMatchObject({ enabled: false, reason: decision.reason });
    await component.stop();
  });
});
