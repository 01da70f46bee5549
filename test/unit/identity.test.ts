import { describe, expect, it } from 'vitest';
import { parseIdentityDocument } from '../../agent/identity/identity-document.js';
import { describeTokenFailure, resolveImdsEndpoint, sdkErrorDetail } from '../../agent/identity/imds.js';
import { type InterfaceTable, localAddressesFrom, readLocalIdentity } from '../../agent/identity/local.js';

const common = { netmask: '', mac: '02:00:00:00:00:01', cidr: null };

describe('localAddressesFrom', () => {
  it('keeps non-internal IPv4 and global IPv6, drops loopback, link-local IPv6 and duplicates', () => {
    const table: InterfaceTable = {
      lo: [
        { ...common, address: '127.0.0.1', family: 'IPv4', internal: true },
        { ...common, address: '::1', family: 'IPv6', internal: true, scopeid: 0 },
      ],
      eth0: [
        { ...common, address: '10.0.1.23', family: 'IPv4', internal: false },
        { ...common, address: '2001:db8::23', family: 'IPv6', internal: false, scopeid: 0 },
        { ...common, address: 'fe80::1ff:fe23:4567:890a', family: 'IPv6', internal: false, scopeid: 2 },
      ],
      'eth0:1': [{ ...common, address: '10.0.1.23', family: 'IPv4', internal: false }],
      docker0: [{ ...common, address: '172.17.0.1', family: 'IPv4', internal: false }],
      down0: undefined,
    };
    expect(localAddressesFrom(table)).toEqual(['10.0.1.23', '2001:db8::23', '172.17.0.1']);
  });

  it('reads the hostname and interfaces through injected functions', () => {
    const local = readLocalIdentity({
      hostname: () => 'web-1',
      networkInterfaces: () => ({
        eth0: [{ ...common, address: '192.0.2.5', family: 'IPv4', internal: false }],
      }),
    });
    expect(local).toEqual({ hostname: 'web-1', localAddresses: ['192.0.2.5'] });
  });
});

describe('parseIdentityDocument', () => {
  const document = {
    accountId: '123456789012',
    availabilityZone: 'eu-central-1b',
    imageId: 'ami-0abc',
    instanceId: 'i-0def',
    instanceType: 'c7g.medium',
    privateIp: '10.1.2.3',
    region: 'eu-central-1',
    version: '2017-09-30',
  };

  it('maps the document onto identity fields', () => {
    expect(parseIdentityDocument(JSON.stringify(document))).toEqual({
      instanceId: 'i-0def',
      instanceType: 'c7g.medium',
      amiId: 'ami-0abc',
      region: 'eu-central-1',
      availabilityZone: 'eu-central-1b',
      privateIpv4: '10.1.2.3',
    });
  });

  it('names the missing field', () => {
    const { instanceId: _dropped, ...rest } = document;
    expect(() => parseIdentityDocument(JSON.stringify(rest))).toThrow(/instanceId/);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseIdentityDocument('<html>')).toThrow('instance identity document is not JSON');
  });
});

describe('resolveImdsEndpoint', () => {
  it('prefers the explicit endpoint, then the environment, then leaves it to the SDK', () => {
    const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9999' };
    expect(resolveImdsEndpoint('http://127.0.0.1:1', env)).toBe('http://127.0.0.1:1');
    expect(resolveImdsEndpoint(undefined, env)).toBe('http://127.0.0.1:9999');
    expect(resolveImdsEndpoint(undefined, { AWS_EC2_METADATA_SERVICE_ENDPOINT: '' })).toBeUndefined();
    expect(resolveImdsEndpoint(undefined, {})).toBeUndefined();
  });
});

describe('IMDS failure wording', () => {
  const endpoint = 'http://169.254.169.254';

  it('turns an SDK timeout into "not reachable within"', () => {
    const error = new Error(
      'Error fetching metadata token: TimeoutError: @smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 1000 ms.. [disableFetchToken] is now set to true.',
    );
    expect(describeTokenFailure(error, endpoint, 1000)).toBe(
      'IMDS not reachable at http://169.254.169.254 within 1000ms',
    );
  });

  it('keeps only the cause of a connection error', () => {
    const error = new Error('Error fetching metadata token: Error: connect EHOSTUNREACH 169.254.169.254:80');
    expect(sdkErrorDetail(error)).toBe('connect EHOSTUNREACH 169.254.169.254:80');
    expect(describeTokenFailure(error, endpoint, 1000)).toBe(
      'IMDS not reachable at http://169.254.169.254: connect EHOSTUNREACH 169.254.169.254:80',
    );
  });
});
