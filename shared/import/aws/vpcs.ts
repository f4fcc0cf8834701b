/**
 * VPCs and subnets. describe-vpcs prints no region: a VPC's region comes from its subnets'
 * availability zones, else from the one region all imported ARNs share, else us-east-1.
 */
import type { PlanInput, Subnet } from '../../plan/schema';
import type { Collected } from './collected';
import { GONE, lower, mostCommon, nameTag, plural, regionOfZone } from './values';

export type ImportedVpc = NonNullable<PlanInput['vpcs']>[number];

export function buildVpcs(c: Collected, notes: string[]): ImportedVpc[] {
  const regionFallback = c.arnRegions.size === 1 ? [...c.arnRegions][0]! : undefined;
  const zonesByVpc = new Map<string, string[]>();
  for (const s of c.subnets.values()) {
    const region = regionOfZone(s.AvailabilityZone);
    if (region) zonesByVpc.set(s.VpcId, [...(zonesByVpc.get(s.VpcId) ?? []), region]);
  }
  const vpcs: ImportedVpc[] = [];
  const unknownRegion: string[] = [];
  for (const v of c.vpcs.values()) {
    const ipv4: string[] = [];
    if (v.CidrBlock) ipv4.push(v.CidrBlock);
    for (const a of v.CidrBlockAssociationSet ?? []) {
      const state = lower(a.CidrBlockState?.State);
      if (GONE.has(state)) {
        notes.push(`VPC ${v.VpcId}: block ${a.CidrBlock} is ${state}, not imported.`);
        continue;
      }
      if (!ipv4.includes(a.CidrBlock)) ipv4.push(a.CidrBlock);
    }
    const ipv6Entries = (v.Ipv6CidrBlockAssociationSet ?? []).filter((a) => {
      const state = lower(a.Ipv6CidrBlockState?.State);
      if (GONE.has(state)) {
        notes.push(`VPC ${v.VpcId}: IPv6 block ${a.Ipv6CidrBlock ?? ''} is ${state}, not imported.`);
        return false;
      }
      if (!a.Ipv6CidrBlock) {
        notes.push(`VPC ${v.VpcId}: an IPv6 block still being assigned (no CIDR yet), not imported.`);
        return false;
      }
      return true;
    });
    const firstIpv6 = ipv6Entries[0];
    const ipv6Source =
      firstIpv6 === undefined
        ? undefined
        : lower(firstIpv6.IpSource) === 'byoip' || (firstIpv6.Ipv6Pool ?? '').startsWith('ipv6pool-')
          ? 'byoip'
          : 'Ipv6IpamPoolId' in firstIpv6
            ? 'ipam'
            : 'amazon';
    const zoneRegions = zonesByVpc.get(v.VpcId) ?? [];
    let region = mostCommon(zoneRegions) ?? regionFallback;
    if (region === undefined) {
      unknownRegion.push(v.VpcId);
      region = 'us-east-1';
    }
    vpcs.push({
      id: v.VpcId,
      name: nameTag(v.Tags) ?? v.VpcId,
      region,
      ...(v.OwnerId !== undefined ? { accountId: v.OwnerId } : {}),
      ipv4Cidrs: ipv4,
      ipv6Cidrs: ipv6Entries.map((a) => a.Ipv6CidrBlock!),
      ...(ipv6Source !== undefined ? { ipv6Source } : {}),
    });
  }
  if (unknownRegion.length > 0)
    notes.push(
      `Region unknown for ${plural(unknownRegion.length, 'VPC')} (${unknownRegion.join(', ')}): describe-vpcs does not print it and no subnets or ARNs said; set to us-east-1. Import describe-subnets too, or set the region on the VPC.`,
    );
  else if (vpcs.length > 0 && c.subnets.size === 0 && regionFallback) notes.push(`VPC regions taken from the imported ARNs (${regionFallback}).`);
  return vpcs;
}

/** Subnets of imported VPCs; tiers are filled in once route tables are known (route-tables.ts). */
export function buildSubnets(c: Collected, vpcIds: ReadonlySet<string>, notes: string[]): Subnet[] {
  const subnets: Subnet[] = [];
  const skippedSubnets = new Map<string, string[]>();
  for (const s of c.subnets.values()) {
    if (!vpcIds.has(s.VpcId)) {
      skippedSubnets.set(s.VpcId, [...(skippedSubnets.get(s.VpcId) ?? []), s.SubnetId]);
      continue;
    }
    const ipv6 = (s.Ipv6CidrBlockAssociationSet ?? []).find((a) => !GONE.has(lower(a.Ipv6CidrBlockState?.State)))?.Ipv6CidrBlock;
    subnets.push({
      id: s.SubnetId,
      name: nameTag(s.Tags) ?? s.SubnetId,
      vpcId: s.VpcId,
      availabilityZone: s.AvailabilityZone ?? '',
      tier: 'private',
      ...(s.CidrBlock ? { ipv4Cidr: s.CidrBlock } : {}),
      ...(ipv6 ? { ipv6Cidr: ipv6 } : {}),
    });
  }
  for (const [vpcId, ids] of skippedSubnets)
    notes.push(
      `Skipped ${plural(ids.length, 'subnet')} of VPC ${vpcId} (${ids.join(', ')}): that VPC is not in the import (add the output of describe-vpcs for it).`,
    );
  return subnets;
}
