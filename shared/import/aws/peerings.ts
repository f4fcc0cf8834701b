/** VPC peering connections between imported VPCs; one to a VPC not in the import is skipped, never made up. */
import type { PlanInput } from '../../plan/schema';
import type { Collected } from './collected';
import { GONE, lower, nameTag } from './values';

export function buildPeerings(c: Collected, vpcIds: ReadonlySet<string>, notes: string[]): NonNullable<PlanInput['peerings']> {
  const peerings: NonNullable<PlanInput['peerings']> = [];
  for (const p of c.peerings.values()) {
    const code = lower(p.Status?.Code);
    if (GONE.has(code)) {
      notes.push(`Skipped peering ${p.VpcPeeringConnectionId}: it is ${code}.`);
      continue;
    }
    const requester = p.RequesterVpcInfo.VpcId;
    const accepter = p.AccepterVpcInfo.VpcId;
    const missing = [requester, accepter].filter((v) => v === undefined || !vpcIds.has(v));
    if (missing.length > 0) {
      notes.push(`Skipped peering ${p.VpcPeeringConnectionId} (${requester ?? '?'} <-> ${accepter ?? '?'}): VPC ${missing.join(' and ')} not in the import.`);
      continue;
    }
    peerings.push({
      id: p.VpcPeeringConnectionId,
      name: nameTag(p.Tags) ?? p.VpcPeeringConnectionId,
      requesterVpcId: requester!,
      accepterVpcId: accepter!,
      status: code === 'active' ? 'active' : 'pending',
    });
    if (code !== 'active') notes.push(`Peering ${p.VpcPeeringConnectionId} is ${code || 'of unknown status'}: imported as pending.`);
  }
  return peerings;
}
