/** VPC Lattice: one service network per VPC, its data-plane ranges, and the association quota. */
import { cidr, formatCidr, overlaps, type Cidr } from '../../cidr';
import { externalBlocks, vpcBlocksWithField } from '../../plan/plan-index';
import { formatCount, nameOf } from '../wording';
import { definePlanRule, type FindingDefinitions, type FindingOf, type PlanIndex } from '../types';

const LATTICE = 'docs/network-rules.md#aws-vpc-lattice-service-networks; Amazon VPC Lattice User Guide';

/** Lattice's data-plane ranges, published as managed prefix lists (docs/network-rules.md#aws-vpc-lattice-service-networks). */
const DATA_PLANE = [cidr('169.254.171.0/24'), cidr('fd00:ec2:80::/64')];

const FINDINGS = {
  'lattice/vpc-in-several-service-networks': {
    severity: 'error',
    title: 'A VPC is associated with more than one service network',
    source: `${LATTICE}, "Manage VPC associations"`,
  },
  'lattice/data-plane-overlap': {
    severity: 'warning',
    title: "A block overlaps Lattice's data-plane range",
    source: `${LATTICE}, "Managed prefix lists" (com.amazonaws.<region>.vpc-lattice)`,
  },
  'lattice/vpc-association-quota': {
    severity: 'warning',
    title: 'More VPC associations than the per-service-network quota',
    source: `${LATTICE}, "Quotas for VPC Lattice" (adjustable)`,
  },
} satisfies FindingDefinitions;

type LatticeFinding = FindingOf<typeof FINDINGS>;

export const latticeRule = definePlanRule({
  scope: 'plan',
  name: 'lattice',
  findings: FINDINGS,
  dependsOn: ['vpcs', 'serviceNetworks', 'externalNetworks', 'settings'],
  check(index: PlanIndex): LatticeFinding[] {
    const { plan, vpcById } = index;
    const out: LatticeFinding[] = [];
    const networksOfVpc = new Map<string, string[]>();
    for (const sn of plan.serviceNetworks) {
      for (const vpcId of new Set(sn.vpcIds)) {
        const list = networksOfVpc.get(vpcId);
        if (list) list.push(sn.id);
        else networksOfVpc.set(vpcId, [sn.id]);
      }
      const quota = plan.settings.quotas.serviceNetworkVpcAssociations;
      if (sn.vpcIds.length > quota) {
        out.push({
          code: 'lattice/vpc-association-quota',
          severity: 'warning',
          subjects: [sn.id],
          field: 'vpcIds',
          message: `Service network ${nameOf(sn)} has ${formatCount(sn.vpcIds.length)} VPC associations; the quota is ${formatCount(quota)} per service network.`,
          fix: 'Ask AWS to raise "VPC associations per service network" and set settings.quotas.serviceNetworkVpcAssociations, or split the VPCs over several service networks.',
        });
      }
    }
    const snName = new Map(plan.serviceNetworks.map((s) => [s.id, nameOf(s)]));
    for (const [vpcId, ids] of networksOfVpc) {
      if (ids.length < 2) continue;
      const vpc = vpcById.get(vpcId);
      if (!vpc) continue; // a dangling id: plan/dangling-reference
      const names = ids.map((id) => snName.get(id)!);
      out.push({
        code: 'lattice/vpc-in-several-service-networks',
        severity: 'error',
        subjects: [vpcId, ...ids],
        message: `VPC ${nameOf(vpc)} is associated with ${ids.length} service networks (${names.join(', ')}); a VPC can be associated with only one.`,
        fix: `Keep the association with ${names[0]} and reach the others through service-network endpoints in VPC ${nameOf(vpc)}, or merge the service networks.`,
      });
    }
    const report = (subject: string, what: string, field: string, block: Cidr, text: string) => {
      for (const range of DATA_PLANE) {
        if (!overlaps(block, range)) continue;
        out.push({
          code: 'lattice/data-plane-overlap',
          severity: 'warning',
          subjects: [subject],
          field,
          cidrs: [text, formatCidr(range)],
          message: `${what}'s block ${text} overlaps ${formatCidr(range)}, the VPC Lattice data-plane range; traffic to Lattice services from where this block is used will be misrouted.`,
          fix: `Choose a block outside ${formatCidr(range)}.`,
        });
      }
    };
    for (const vpc of plan.vpcs) {
      for (const version of [4, 6] as const) {
        for (const { block, index: i, text } of vpcBlocksWithField(index, vpc, version))
          report(vpc.id, `VPC ${nameOf(vpc)}`, `ipv${version}Cidrs[${i}]`, block, text);
      }
    }
    for (const network of plan.externalNetworks) {
      for (const { block, index: i, text } of externalBlocks(index, network)) {
        report(network.id, `${network.kind === 'on-premises' ? 'On-premises network' : 'External network'} ${nameOf(network)}`, `cidrs[${i}]`, block, text);
      }
    }
    return out;
  },
});
