/** VPC Lattice service networks and their VPC associations. */
import { label, missingVpc, ref, tags, type TerraformWriter } from './writer';
import type { ExportedVpc } from './vpcs';

/** AWS VPC Lattice service network names: 3-63 lower-case letters, digits and hyphens (CreateServiceNetwork API). */
const LATTICE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A valid Lattice service network name from the plan's name. */
export function latticeName(text: string, fallback: string): string {
  let name = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (name.length < 3) name = fallback.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (name.length < 3) name = `${name}-net`.replace(/^-+/, '');
  if (name.startsWith('servicenetwork-')) name = `sn-${name}`;
  return name.slice(0, 63).replace(/-+$/, '');
}

export function exportServiceNetworks(w: TerraformWriter, vpcs: Map<string, ExportedVpc>): void {
  for (const sn of w.plan.serviceNetworks) {
    const members = sn.vpcIds.map((id) => vpcs.get(id)).filter((v): v is ExportedVpc => v !== undefined);
    const owner = members[0];
    const slot = owner ? owner.slot : w.primarySlot;
    const name = w.names.take('aws_vpclattice_service_network', sn.name, sn.id, 'service_network');
    const awsName = latticeName(sn.name, sn.id);
    if (awsName !== sn.name) {
      w.warn(`Service network ${label(sn)} is named "${awsName}" in AWS: Lattice names are 3 to 63 lower-case letters, digits and hyphens.`);
    }
    if (!LATTICE_NAME.test(awsName)) throw new Error(`latticeName made an invalid name ${awsName}`);
    w.resource('aws_vpclattice_service_network', name, slot, [['name', awsName], ['tags', tags(sn)]]);
    for (const vpcId of sn.vpcIds) {
      const vpc = vpcs.get(vpcId);
      if (!vpc) {
        w.warn(`Skipped the association of service network ${label(sn)} with VPC ${vpcId}: ${missingVpc(w, vpcId)}.`);
        continue;
      }
      const sameAccount = (vpc.vpc.accountId ?? '') === (slot.account ?? '');
      if (!sameAccount) {
        w.warn(`Service network ${label(sn)} is in account ${slot.account ?? '(default)'} and VPC ${label(vpc.vpc)} in ${vpc.vpc.accountId ?? '(default)'}: share the service network with AWS RAM first; left for you.`);
      }
      w.resource('aws_vpclattice_service_network_vpc_association', w.names.take('aws_vpclattice_service_network_vpc_association', `${name}_${vpc.name}`), vpc.slot, [
        ['vpc_identifier', ref('aws_vpc', vpc.name, 'id')],
        // Across accounts the API needs the ARN, not the id (provider docs).
        ['service_network_identifier', ref('aws_vpclattice_service_network', name, sameAccount ? 'id' : 'arn')],
        ['tags', tags({ id: `${sn.id}-${vpc.vpc.id}`, name: `${sn.name || sn.id} / ${vpc.vpc.name || vpc.vpc.id}` })],
      ]);
    }
  }
}

