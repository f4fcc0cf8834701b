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
    const services: Array<{ id: string; name: string }> = [];
    for (const a of c.serviceNetworkServices.get(n.id) ?? []) {
      if (lower(a.status).startsWith('delete') || lower(a.status).endsWith('failed')) continue;
      services.push({ id: a.serviceId, name: c.services.get(a.serviceId)?.name ?? a.serviceName ?? a.serviceId });
    }
    serviceNetworks.push({ id: n.id, name: n.name ?? n.id, vpcIds: vpcsOf, services });
    if (n.name === undefined)
      notes.push(`Service network ${n.id} has no name in the import (the list held only its ARN); add the output of get-service-network for it.`);
  }
  for (const id of c.serviceNetworkVpcs.keys())
    if (!c.serviceNetworks.has(id)) notes.push(`VPC associations of service network ${id} not imported: that service network is not in the import.`);
  for (const id of c.serviceNetworkServices.keys())
    if (!c.serviceNetworks.has(id)) notes.push(`Service associations of service network ${id} not imported: that service network is not in the import.`);
  const associated = new Set(serviceNetworks.flatMap((n) => (n.services ?? []).map((s) => s.id)));
  const loose = [...c.services.keys()].filter((id) => !associated.has(id));
  if (loose.length > 0)
    notes.push(
      `${loose.length} Lattice service${loose.length === 1 ? '' : 's'} (${loose.join(', ')}) not imported: in the plan a service belongs to a service network; add list-service-network-service-associations for the service networks they are in.`,
    );
  if (associated.size > 0)
    notes.push(
      `Lattice services imported without the VPC they run in (the CLI outputs read here do not say it; it is in their target groups): set it on each service if the plan should show it.`,
    );
  return serviceNetworks;
}
