/** VPC Lattice: one service network per VPC, its data-plane ranges, and the association quota. */
import { cidr, formatCidr, overlaps, type Cidr } from '../../cidr';
import { externalBlocks, vpcBlocksWithField } from '../../plan/plan-index';
import type { ExternalNetwork, Vpc } from '../../plan/schema';
import { formatCount, nameOf } from '../wording';
import { Concatenation, ListMemo } from './plan-memo';
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

/**
 * The service networks' findings, kept while the service networks and the quota are the same
 * and each VPC they name (by its name, in the several-networks finding) is the same object.
 */
let networksMemo: { serviceNetworks: unknown; quota: number; read: Array<[string, Vpc | undefined]>; findings: LatticeFinding[] } | undefined;
const vpcMemo = new ListMemo<Vpc, LatticeFinding>();
const externalMemo = new ListMemo<ExternalNetwork, LatticeFinding>();
const all = new Concatenation<LatticeFinding>();

export const latticeRule = definePlanRule({
  scope: 'plan',
  name: 'lattice',
  findings: FINDINGS,
  dependsOn: ['vpcs', 'serviceNetworks', 'externalNetworks', 'settings'],
  check(index: PlanIndex): LatticeFinding[] {
    const { plan } = index;
    return all.of([
      serviceNetworkFindings(index),
      vpcMemo.findings(plan.vpcs, [], (vpc, out) => {
        for (const version of [4, 6] as const) {
          for (const { block, index: i, text } of vpcBlocksWithField(index, vpc, version))
            dataPlaneOverlap(out, vpc.id, `VPC ${nameOf(vpc)}`, `ipv${version}Cidrs[${i}]`, block, text);
        }
      }),
      externalMemo.findings(plan.externalNetworks, [], (network, out) => {
        const what = `${network.kind === 'on-premises' ? 'On-premises network' : 'External network'} ${nameOf(network)}`;
        for (const { block, index: i, text } of externalBlocks(index, network)) dataPlaneOverlap(out, network.id, what, `cidrs[${i}]`, block, text);
      }),
    ]);
  },
});

function serviceNetworkFindings({ plan, vpcById }: PlanIndex): LatticeFinding[] {
  const quota = plan.settings.quotas.serviceNetworkVpcAssociations;
  const memo = networksMemo;
  if (memo && memo.serviceNetworks === plan.serviceNetworks && memo.quota === quota && memo.read.every(([id, vpc]) => vpcById.get(id) === vpc)) {
    return memo.findings;
  }
  const out: LatticeFinding[] = [];
  const read: Array<[string, Vpc | undefined]> = [];
  const networksOfVpc = new Map<string, string[]>();
  for (const sn of plan.serviceNetworks) {
    for (const vpcId of new Set(sn.vpcIds)) {
      const list = networksOfVpc.get(vpcId);
      if (list) list.push(sn.id);
      else networksOfVpc.set(vpcId, [sn.id]);
    }
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
    read.push([vpcId, vpc]);
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
  networksMemo = { serviceNetworks: plan.serviceNetworks, quota, read, findings: out };
  return out;
}

function dataPlaneOverlap(out: LatticeFinding[], subject: string, what: string, field: string, block: Cidr, text: string): void {
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
}
