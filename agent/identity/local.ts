import { hostname, type NetworkInterfaceInfo, networkInterfaces } from 'node:os';

/** What the OS alone can tell about this host. */
export interface LocalIdentity {
  hostname: string;
  localAddresses: string[];
}

export type InterfaceTable = NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * Non-internal addresses in interface order, without duplicates. IPv6 link-local (fe80::/10)
 * is left out: it exists on every interface and means nothing without its zone.
 */
export function localAddressesFrom(interfaces: InterfaceTable): string[] {
  const seen = new Set<string>();
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.internal) continue;
      if (entry.family === 'IPv6' && /^fe[89ab]/i.test(entry.address)) continue;
      seen.add(entry.address);
    }
  }
  return [...seen];
}

export interface LocalIdentityDeps {
  hostname?: () => string;
  networkInterfaces?: () => InterfaceTable;
}

export function readLocalIdentity(deps: LocalIdentityDeps = {}): LocalIdentity {
  return {
    hostname: (deps.hostname ?? hostname)(),
    localAddresses: localAddressesFrom((deps.networkInterfaces ?? networkInterfaces)()),
  };
}
