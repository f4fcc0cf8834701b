/** VPC peering connections, with an accepter in the accepter's account or region. */
import { label, missingVpc, ref, tags, type TerraformWriter } from './writer';
import type { ExportedVpc } from './vpcs';

export function exportPeerings(w: TerraformWriter, vpcs: Map<string, ExportedVpc>): Map<string, { name: string; accepter?: string }> {
  const out = new Map<string, { name: string; accepter?: string }>();
  for (const peering of w.plan.peerings) {
    const requester = vpcs.get(peering.requesterVpcId);
    const accepter = vpcs.get(peering.accepterVpcId);
    if (!requester || !accepter) {
      w.warn(`Skipped peering ${label(peering)}: ${missingVpc(w, !requester ? peering.requesterVpcId : peering.accepterVpcId)}.`);
      continue;
    }
    const sameAccount = (requester.vpc.accountId ?? '') === (accepter.vpc.accountId ?? '');
    const sameRegion = requester.vpc.region === accepter.vpc.region;
    const active = peering.status === 'active';
    const name = w.names.take('aws_vpc_peering_connection', w.id(peering.id), peering.id);
    w.resource(
      'aws_vpc_peering_connection',
      name,
      requester.slot,
      [
        ['vpc_id', ref('aws_vpc', requester.name, 'id')],
        ['peer_vpc_id', ref('aws_vpc', accepter.name, 'id')],
        ['peer_owner_id', !sameAccount && accepter.vpc.accountId ? w.accountVariable(accepter.vpc.accountId) : undefined],
        ['peer_region', sameRegion ? undefined : w.regionVariable(accepter.vpc.region)],
        // auto_accept works only when both VPCs are in the same account and region (provider docs).
        ['auto_accept', sameAccount && sameRegion && active ? true : undefined],
        ['tags', tags(peering)],
      ],
      active ? undefined : ['Pending in the plan: accept it when the accepter side is ready.'],
    );
    let accept: string | undefined;
    if (active && !(sameAccount && sameRegion)) {
      accept = w.names.take('aws_vpc_peering_connection_accepter', name, peering.id);
      w.resource(
        'aws_vpc_peering_connection_accepter',
        accept,
        accepter.slot,
        [
          ['vpc_peering_connection_id', ref('aws_vpc_peering_connection', name, 'id')],
          ['auto_accept', true],
          ['tags', tags(peering)],
        ],
        ["The accepter side, with the accepter account's provider."],
      );
    }
    out.set(peering.id, accept ? { name, accepter: accept } : { name });
  }
  return out;
}
