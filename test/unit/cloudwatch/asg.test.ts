import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookUpAutoScalingGroup } from '../../../agent/exporters/cloudwatch/asg.js';
import { type FakeImds, startFakeImds } from '../../fakes/imds-server.js';

/** A minimal IMDSv2 that serves instance tags (the shared fake does not). */
function tagServer(tags: Record<string, string>) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'PUT' && req.url === '/latest/api/token') return res.end('token-1');
      if (req.headers['x-aws-ec2-metadata-token'] !== 'token-1') return res.writeHead(401).end();
      const tag = req.url?.replace('/latest/meta-data/tags/instance/', '');
      const value = tag === undefined ? undefined : tags[tag];
      if (value === undefined) return res.writeHead(404).end();
      res.end(value);
    });
  });
  return server;
}

describe('Auto Scaling group from instance metadata tags', () => {
  const server = tagServer({ 'aws:autoscaling:groupName': 'web-asg' });
  let url = '';
  let imds: FakeImds;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    imds = await startFakeImds();
  });
  afterAll(async () => {
    server.close();
    await imds.close();
  });

  it('reads the aws:autoscaling:groupName tag over IMDSv2', async () => {
    expect(await lookUpAutoScalingGroup({ AWS_EC2_METADATA_SERVICE_ENDPOINT: url })).toEqual({
      name: 'web-asg',
    });
  });

  it('says why when the tag is not there (not in a group, or metadata tags off)', async () => {
    const found = await lookUpAutoScalingGroup({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    expect(found.name).toBeUndefined();
    expect(found.reason).toMatch(/instance metadata tags are off/);
  });

  it('gives up quickly when IMDS does not answer', async () => {
    const found = await lookUpAutoScalingGroup(
      { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' },
      300,
    );
    expect(found.reason).toMatch(/^instance metadata tag lookup failed/);
  });
});
