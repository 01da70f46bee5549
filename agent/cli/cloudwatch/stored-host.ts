/** Who this host is for the read-side `cloudwatch` commands: as the agent recorded it, else as the OS tells. */
import type { Dimension } from '../../exporters/cloudwatch/datum.js';
import { readExporterRecord } from '../../exporters/cloudwatch/status.js';
import { readLocalIdentity } from '../../identity/local.js';
import type { HostIdentity } from '../../identity/types.js';
import { IDENTITY_META_KEY } from '../../status/model.js';
import type { Db } from '../../store/db.js';
import { MetaStore } from '../../store/meta.js';

export interface StoredHost {
  /** The identity the agent resolved (IMDS on EC2). */
  identity: HostIdentity | undefined;
  /** The host dimensions the exporter published with. */
  recordedDimensions: Dimension[] | undefined;
}

export function readStoredHost(db: Db): StoredHost {
  return {
    identity: new MetaStore(db).get<HostIdentity>(IDENTITY_META_KEY),
    recordedDimensions: readExporterRecord(db)?.dimensions,
  };
}

/** This host as the OS sees it, for when the agent has not recorded an identity. */
export function localHostIdentity(now: number): HostIdentity {
  return { ...readLocalIdentity(), ec2: false, source: 'local', resolvedAt: now };
}
