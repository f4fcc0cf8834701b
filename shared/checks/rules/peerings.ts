/** Peering connections: not with itself, one per VPC pair, and the per-VPC quota. */
import { PEERINGS_PER_VPC } from '../../aws-limits';
import { nameOf } from '../wording';
import { definePlanRule, type FindingDefinitions, type FindingOf, type PlanIndex } from '../types';

const PEERING = 'docs/network-rules.md#aws-vpc-peering; AWS VPC Peering Guide, "VPC peering limitations" and "Quotas"';

const FINDINGS = {
  'peering/self': { severity: 'error', title: 'A VPC is peered with itself', source: PEERING },
  'peering/duplicate': { severity: 'error', title: 'Two peerings join the same pair of VPCs', source: `${PEERING} (one peering per VPC pair)` },
  'peering/quota': {
    severity: 'warning',
    title: 'A VPC has more peerings than the quota',
    source: `${PEERING} (active peerings per VPC: ${PEERINGS_PER_VPC.default}, adjustable to ${PEERINGS_PER_VPC.max})`,
  },
} satisfies FindingDefinitions;

type PeeringFinding = FindingOf<typeof FINDINGS>;

export const peeringsRule = definePlanRule({
  scope: 'plan',
  name: 'peerings',
  findings: FINDINGS,
  dependsOn: ['vpcs', 'peerings', 'settings'],
  check({ plan, vpcById }: PlanIndex): PeeringFinding[] {
    const out: PeeringFinding[] = [];
    const vpcName = (id: string) => nameOf(vpcById.get(id), id);
    const firstByPair = new Map<string, (typeof plan.peerings)[number]>();
    const active = new Map<string, number>();
    for (const p of plan.peerings) {
      if (p.requesterVpcId === p.accepterVpcId) {
        out.push({
          code: 'peering/self',
          severity: 'error',
          subjects: [p.id, p.requesterVpcId],
          field: 'accepterVpcId',
          message: `Peering ${nameOf(p)} joins VPC ${vpcName(p.requesterVpcId)} with itself; a peering joins two different VPCs.`,
          fix: 'Set accepterVpcId to the other VPC, or delete the peering.',
        });
        continue;
      }
      const key = p.requesterVpcId < p.accepterVpcId ? `${p.requesterVpcId}|${p.accepterVpcId}` : `${p.accepterVpcId}|${p.requesterVpcId}`;
      const first = firstByPair.get(key);
      if (first) {
        out.push({
          code: 'peering/duplicate',
          severity: 'error',
          subjects: [p.id, first.id],
          message: `Peerings ${nameOf(first)} and ${nameOf(p)} both join VPCs ${vpcName(p.requesterVpcId)} and ${vpcName(p.accepterVpcId)}; AWS allows one peering per pair of VPCs.`,
          fix: `Delete ${nameOf(p)}; ${nameOf(first)} already connects the two.`,
          fixes: [{ kind: 'remove-peering', peeringId: p.id, keepPeeringId: first.id, label: `Delete ${nameOf(p)} (routes through it use ${nameOf(first)})` }],
        });
        continue;
      }
      firstByPair.set(key, p);
      if (p.status === 'active') {
        active.set(p.requesterVpcId, (active.get(p.requesterVpcId) ?? 0) + 1);
        active.set(p.accepterVpcId, (active.get(p.accepterVpcId) ?? 0) + 1);
      }
    }
    const quota = plan.settings.quotas.peeringsPerVpc;
    for (const [vpcId, n] of active) {
      if (n <= quota) continue;
      out.push({
        code: 'peering/quota',
        severity: 'warning',
        subjects: [vpcId],
        message: `VPC ${vpcName(vpcId)} has ${n} active peerings; the quota is ${quota} per VPC.`,
        fix: `Ask AWS to raise "Active VPC peering connections per VPC" (up to ${PEERINGS_PER_VPC.max}) and set settings.quotas.peeringsPerVpc, or connect these VPCs through a transit gateway instead.`,
      });
    }
    return out;
  },
});
