/**
 * Transit gateway attachments that AWS cannot build as drawn: a VPC attachment to a gateway
 * in another Region (cross-Region traffic needs a peering attachment between two gateways),
 * and a static route to a VPC attachment that has no subnets (an attachment places its
 * network interfaces in its subnets; with none, there is nothing to send the traffic to).
 */
import { nameOf } from '../wording';
import { definePlanRule, type FindingDefinitions, type FindingOf, type PlanIndex } from '../types';

const TGW = 'docs/network-rules.md#aws-transit-gateway';

const FINDINGS = {
  'tgw/attachment-other-region': {
    severity: 'error',
    title: 'A VPC is attached to a transit gateway in another Region',
    source: `${TGW}; Amazon VPC Transit Gateways, "Transit gateway attachments to a VPC" (the VPC and the gateway are in the same Region) and "Transit gateway peering attachments" (cross-Region)`,
  },
  'tgw/route-to-attachment-without-subnets': {
    severity: 'error',
    title: 'A transit gateway route goes to a VPC attachment that has no subnets',
    source: `${TGW}; Amazon VPC Transit Gateways, "Transit gateway attachments to a VPC" (an attachment needs a subnet in at least one Availability Zone)`,
  },
} satisfies FindingDefinitions;

type AttachmentFinding = FindingOf<typeof FINDINGS>;

export const transitGatewayAttachmentsRule = definePlanRule({
  scope: 'plan',
  name: 'transit-gateway-attachments',
  findings: FINDINGS,
  dependsOn: ['transitGateways', 'vpcs'],
  check({ plan, vpcById }: PlanIndex): AttachmentFinding[] {
    const out: AttachmentFinding[] = [];
    for (const tgw of plan.transitGateways) {
      const withoutSubnets = new Map<string, (typeof tgw.attachments)[number]>();
      tgw.attachments.forEach((a, i) => {
        if (a.type !== 'vpc' || a.vpcId === undefined) return;
        if (a.subnetIds.length === 0) withoutSubnets.set(a.id, a);
        const vpc = vpcById.get(a.vpcId);
        if (!vpc || vpc.region === tgw.region) return;
        out.push({
          code: 'tgw/attachment-other-region',
          severity: 'error',
          subjects: [a.id, tgw.id, vpc.id],
          field: `attachments[${i}].vpcId`,
          message: `Transit gateway ${nameOf(tgw)} is in ${tgw.region}, but its attachment ${nameOf(a)} attaches VPC ${nameOf(vpc)} in ${vpc.region}; a VPC can only be attached to a transit gateway in its own Region.`,
          fix: `Attach ${nameOf(vpc)} to a transit gateway in ${vpc.region} and peer that gateway with ${nameOf(tgw)} (a transit gateway peering attachment, static routes only).`,
        });
      });
      if (withoutSubnets.size === 0) continue;
      tgw.routeTables.forEach((table, t) => {
        table.routes.forEach((route, r) => {
          const target = route.kind === 'static' && route.attachmentId !== undefined ? withoutSubnets.get(route.attachmentId) : undefined;
          if (!target) return;
          out.push({
            code: 'tgw/route-to-attachment-without-subnets',
            severity: 'error',
            subjects: [tgw.id, table.id, target.id],
            field: `routeTables[${t}].routes[${r}].attachmentId`,
            cidrs: [route.destination],
            message: `The static route ${route.destination} in route table ${nameOf(table)} of transit gateway ${nameOf(tgw)} goes to attachment ${nameOf(target)}, which has no subnets; without a subnet the attachment has no network interface, so the traffic goes nowhere.`,
            fix: `Give ${nameOf(target)} one subnet in each Availability Zone of VPC ${nameOf(vpcById.get(target.vpcId!), target.vpcId)} that must reach the gateway.`,
          });
        });
      });
    }
    return out;
  },
});
