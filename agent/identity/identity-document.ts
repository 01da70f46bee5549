import { z } from 'zod';

/** The fields we use from /latest/dynamic/instance-identity/document (it has more). */
const documentSchema = z.object({
  instanceId: z.string().min(1),
  instanceType: z.string().min(1),
  imageId: z.string().min(1),
  region: z.string().min(1),
  availabilityZone: z.string().min(1),
  privateIp: z.string().min(1).nullish(),
});

export interface IdentityDocumentFields {
  instanceId: string;
  instanceType: string;
  amiId: string;
  region: string;
  availabilityZone: string;
  privateIpv4?: string;
}

/** Pure: document text -> fields; throws with the offending keys named. */
export function parseIdentityDocument(text: string): IdentityDocumentFields {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('instance identity document is not JSON');
  }
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`instance identity document: ${problems.join('; ')}`);
  }
  const doc = parsed.data;
  return {
    instanceId: doc.instanceId,
    instanceType: doc.instanceType,
    amiId: doc.imageId,
    region: doc.region,
    availabilityZone: doc.availabilityZone,
    ...(doc.privateIp ? { privateIpv4: doc.privateIp } : {}),
  };
}
