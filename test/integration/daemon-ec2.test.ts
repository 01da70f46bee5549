/** The daemon on "EC2": identity from a local IMDSv2 server, as the real host would see it. */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultFakeImdsIdentity, type FakeImds, startFakeImds } from '../fakes/imds-server.js';
import { cleanEnv, type DaemonHandle, runCli, startDaemon, tempDir } from '../helpers/cli.js';

describe('identity on EC2', () => {
  let imds: FakeImds;
  let daemon: DaemonHandle | undefined;
  afterAll(async () => {
    await daemon?.stop();
    await imds?.close();
  });

  it('comes from IMDSv2 and shows in status, with no tokenless request', async () => {
    imds = await startFakeImds();
    const dataDir = join(tempDir(), 'data');
    const env = cleanEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    daemon = startDaemon(['--data-dir', dataDir], { env });
    const off = await daemon.waitForLog((l) => l.msg === 'cloudwatch: off');
    expect(String(off.reason)).not.toMatch(/not on EC2/);

    const status = JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir], { env })).stdout);
    expect(status.host).toMatchObject({
      ec2: true,
      source: 'imds',
      instanceId: defaultFakeImdsIdentity.instanceId,
      instanceType: defaultFakeImdsIdentity.instanceType,
      region: defaultFakeImdsIdentity.region,
      availabilityZone: defaultFakeImdsIdentity.availabilityZone,
      privateIpv4: defaultFakeImdsIdentity.privateIpv4,
      publicIpv4: defaultFakeImdsIdentity.publicIpv4,
      hostname: defaultFakeImdsIdentity.localHostname,
    });
    expect(imds.tokenlessGets()).toBe(0);
    const text = (await runCli(['status', '--data-dir', dataDir], { env })).stdout;
    expect(text).toContain(`EC2 ${defaultFakeImdsIdentity.instanceId} (t3.small) in eu-central-1a`);
  });
});
