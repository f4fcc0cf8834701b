/** VPC Lattice service networks and the imported VPCs associated with them. */
import type { PlanInput } from '../../plan/schema';
import type { Collected } from './collected';
import { GONE, lower } from './values';

export function buildServiceNetworks(c: Collected, vpcIds: ReadonlySet<string>, notes: string[]): NonNullable<PlanInput['serviceNetworks']> {
  const serviceNetworks: NonNullable<PlanInput['serviceNetworks']> = [];
  for (const n of c.serviceNetworks.values()) {
    const vpcsOf: string[] = [];
    for (const a of c.serviceNetworkVpcs.get(n.id) ?? []) {
      if (GONE.has(lower(a.status).replace(/_/g, '-')) || lower(a.status).startsWith('delete')) continue;
      if (vpcIds.has(a.vpcId)) vpcsOf.push(a.vpcId);
      else notes.push(`Service network ${n.id}: associated VPC ${a.vpcId} is not in the import; association not imported.`);
    }
    serviceNetworks.push({ id: n.id, name: n.name ?? n.id, vpcIds: vpcsOf });
    if (n.name === undefined) notes.push(`Service network ${n.id} has no name in the import (the list held only its ARN); add the output of get-service-network for it.`);
  }
  for (const id of c.serviceNetworkVpcs.keys()) if (!c.serviceNetworks.has(id)) notes.push(`VPC associations of service network ${id} not imported: that service network is not in the import.`);
  return serviceNetworks;
}
