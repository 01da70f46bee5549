/**
 * The Auto Scaling group name, for the AutoScalingGroupName dimension. It comes from the instance
 * tag `aws:autoscaling:groupName` in IMDSv2, which only answers when "instance metadata tags" are
 * enabled on the instance (launch template: InstanceMetadataTags=enabled). There is no other source
 * without the Auto Scaling API (and its IAM permission); when it is missing we say so.
 */
import { MetadataService } from '@aws-sdk/ec2-metadata-service';
import { withDeadline } from '../../deadline.js';
import { DEFAULT_IMDS_ENDPOINT, resolveImdsEndpoint, sdkErrorDetail } from '../../identity/imds.js';

const ASG_TAG_PATH = 'latest/meta-data/tags/instance/aws:autoscaling:groupName';

export interface AutoScalingGroupLookup {
  name?: string;
  reason?: string;
}

export async function lookUpAutoScalingGroup(
  env: NodeJS.ProcessEnv,
  timeoutMs = 1000,
): Promise<AutoScalingGroupLookup> {
  const endpoint = resolveImdsEndpoint(undefined, env);
  const service = new MetadataService({
    ...(endpoint ? { endpoint } : {}),
    ec2MetadataV1Disabled: true,
    httpOptions: { timeout: timeoutMs },
    retries: 0,
  });
  // The client joins endpoint.pathname + path: no leading slash after a pathname ending in one.
  const prefix = new URL(endpoint ?? DEFAULT_IMDS_ENDPOINT).pathname.endsWith('/') ? '' : '/';
  try {
    const text = await withDeadline(
      service.request(prefix + ASG_TAG_PATH, {}),
      2 * timeoutMs + 250,
      'IMDS tag lookup',
    );
    const name = text.trim();
    return name ? { name } : { reason: 'the instance tag aws:autoscaling:groupName is empty' };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || /404/.test(String((error as Error).message)))
      return {
        reason:
          'not in an Auto Scaling group, or instance metadata tags are off (enable InstanceMetadataTags in the launch template)',
      };
    return { reason: `instance metadata tag lookup failed: ${sdkErrorDetail(error)}` };
  }
}
