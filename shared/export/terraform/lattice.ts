/**
 * VPC Lattice service networks, their VPC associations and their services. Across accounts
 * the service network is shared through AWS RAM (as a transit gateway is), and associations
 * name it by ARN (provider docs: "You must use the ARN if the resources specified in the
 * operation are in different accounts").
 */
import { shareWithAccounts } from './ram';
import { label, missingVpc, ref, tags, type ProviderSlot, type TerraformWriter } from './writer';
import type { ExportedVpc } from './vpcs';

/** AWS VPC Lattice service network names: 3-63 lower-case letters, digits and hyphens (CreateServiceNetwork API). */
const LATTICE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A valid Lattice name from the plan's name: 3 to `max` (63 for a service network, 40 for a service) lower-case letters, digits and single hyphens. */
export function latticeName(text: string, fallback: string, max = 63): string {
  let name = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (name.length < 3)
    name = fallback
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  if (name.length < 3) name = `${name}-net`.replace(/^-+/, '');
  if (name.startsWith('servicenetwork-')) name = `sn-${name}`;
  return name.replace(/-{2,}/g, '-').slice(0, max).replace(/-+$/, '');
}

export function exportServiceNetworks(w: TerraformWriter, vpcs: Map<string, ExportedVpc>): void {
  for (const sn of w.plan.serviceNetworks) {
    const members = sn.vpcIds.map((id) => vpcs.get(id)).filter((v): v is ExportedVpc => v !== undefined);
    const slot = members[0]?.slot ?? w.primarySlot;
    const name = w.names.take('aws_vpclattice_service_network', w.id(sn.id), sn.id);
    const awsName = latticeName(sn.name, sn.id);
    if (awsName !== sn.name) {
      w.warn(`Service network ${label(sn)} is named "${awsName}" in AWS: Lattice names are 3 to 63 lower-case letters, digits and hyphens.`);
    }
    if (!LATTICE_NAME.test(awsName)) throw new Error(`latticeName made an invalid name ${awsName}`);
    w.resource('aws_vpclattice_service_network', name, slot, [
      ['name', awsName],
      ['tags', tags(sn)],
    ]);

    // A service network is regional: a VPC or service in another region cannot use it.
    const inRegion = (vpc: ExportedVpc, what: string): boolean => {
      if (vpc.vpc.region === slot.region) return true;
      w.warn(`Skipped ${what} of service network ${label(sn)}: VPC ${label(vpc.vpc)} is in ${vpc.vpc.region} and the service network in ${slot.region}.`);
      return false;
    };
    const associated = sn.vpcIds.flatMap((vpcId) => {
      const vpc = vpcs.get(vpcId);
      if (!vpc) {
        w.warn(`Skipped the association of service network ${label(sn)} with VPC ${vpcId}: ${missingVpc(w, vpcId)}.`);
        return [];
      }
      return inRegion(vpc, `the association with VPC ${vpcId}`) ? [vpc] : [];
    });
    const services = sn.services.flatMap((service) => {
      const vpc = service.vpcId === undefined ? undefined : vpcs.get(service.vpcId);
      if (vpc && !inRegion(vpc, `service ${label(service)}`)) return [];
      return [{ service, slot: vpc ? vpc.slot : slot }];
    });
    const accounts = new Set(
      [...associated.map((v) => v.slot), ...services.map((s) => s.slot)].filter((s) => !w.sameAccount(s, slot)).map((s) => s.account ?? ''),
    );
    accounts.delete('');
    const waits = shareWithAccounts(w, slot, name, awsName, ref('aws_vpclattice_service_network', name, 'arn'), accounts);
    const identifier = (other: ProviderSlot) => ref('aws_vpclattice_service_network', name, w.sameAccount(other, slot) ? 'id' : 'arn');

    for (const vpc of associated) {
      w.resource(
        'aws_vpclattice_service_network_vpc_association',
        w.names.take('aws_vpclattice_service_network_vpc_association', `${name}_${vpc.name}`, `${sn.id}|${vpc.vpc.id}`),
        vpc.slot,
        [
          ['vpc_identifier', ref('aws_vpc', vpc.name, 'id')],
          ['service_network_identifier', identifier(vpc.slot)],
          ['tags', tags({ id: `${sn.id}-${vpc.vpc.id}`, name: `${sn.name || sn.id} / ${vpc.vpc.name || vpc.vpc.id}` })],
          ['depends_on', w.sameAccount(vpc.slot, slot) ? undefined : waits.get(vpc.slot.account ?? '')],
        ],
      );
    }
    for (const { service, slot: serviceSlot } of services) {
      const serviceName = w.names.take('aws_vpclattice_service', w.id(service.id), service.id);
      const awsServiceName = latticeName(service.name, service.id, 40);
      if (awsServiceName !== service.name)
        w.warn(`Lattice service ${label(service)} is named "${awsServiceName}" in AWS: service names are 3 to 40 lower-case letters, digits and hyphens.`);
      w.resource(
        'aws_vpclattice_service',
        serviceName,
        serviceSlot,
        [
          ['name', awsServiceName],
          ['auth_type', 'NONE'],
          ['tags', tags(service)],
        ],
        [`Runs in ${service.vpcId ? `VPC ${service.vpcId}` : 'a VPC the plan does not name'}; its listeners and target groups are left for you.`],
      );
      w.resource(
        'aws_vpclattice_service_network_service_association',
        w.names.take('aws_vpclattice_service_network_service_association', `${name}_${serviceName}`, `${sn.id}|${service.id}`),
        serviceSlot,
        [
          ['service_identifier', ref('aws_vpclattice_service', serviceName, 'id')],
          ['service_network_identifier', identifier(serviceSlot)],
          ['tags', tags({ id: `${sn.id}-${service.id}`, name: `${sn.name || sn.id} / ${service.name || service.id}` })],
          ['depends_on', w.sameAccount(serviceSlot, slot) ? undefined : waits.get(serviceSlot.account ?? '')],
        ],
      );
    }
    if (services.length > 0) {
      w.leftForUser.push(
        `Listeners and target groups of the Lattice services of ${label(sn)} (${services.map((s) => s.service.name || s.service.id).join(', ')}): aws_vpclattice_listener and aws_vpclattice_target_group. The services are created with auth_type NONE; add an auth policy if callers must be authorised.`,
      );
    }
  }
}
