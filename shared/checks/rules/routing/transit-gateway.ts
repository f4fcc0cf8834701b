/**
 * Transit gateway design mistakes: routes to attachments that are not there, blackholes
 * that swallow propagated VPC ranges, identical VPC CIDRs, attachments that leave AZs
 * out or sit in IPv6-only subnets, and attachments with no route table.
 */
import { contains, formatCidr, type Cidr } from '../../../cidr';
import { SUBNET_IPV4_PREFIX } from '../../../aws-limits';
import { routeDestinations } from '../../../plan/plan-index';
import { definePlanRule, type FindingDefinitions, type FindingOf, type PlanIndex } from '../../types';
import type { TgwAttachment, TransitGateway } from '../../../plan/schema';
import { PartMemo } from './part-memo';
import {
  attachmentBlocks,
  attachmentLabel,
  attachmentZones,
  capitalized,
  labelOf,
  routingModel,
  subnetOf,
  subnetsOf,
  vpcLabel,
  type RoutingModel,
} from '../../../routing/model';

const TGW_SOURCE = 'docs/network-rules.md#aws-transit-gateway';

const FINDINGS = {
  'tgw/route-to-missing-attachment': {
    severity: 'error',
    title: 'Static route to a missing attachment',
    source: `${TGW_SOURCE}: a static route sends traffic to an attachment of the same transit gateway (AWS Transit Gateway route tables)`,
  },
  'tgw/blackhole-hides-route': {
    severity: 'warning',
    title: 'Blackhole drops a propagated range',
    source: `${TGW_SOURCE}: longest prefix wins, static beats propagated at equal prefix, a blackhole is a static route that drops (older docs)`,
  },
  'tgw/identical-cidrs': {
    severity: 'error',
    title: 'Attachments with identical CIDRs',
    source: `${TGW_SOURCE}: identical VPC CIDRs, the second attachment's routes are not propagated (older docs / inferred)`,
  },
  'tgw/attachment-az-coverage': {
    severity: 'warning',
    title: 'Attachment leaves an availability zone out',
    source: `${TGW_SOURCE}: resources in an AZ without an attachment subnet cannot reach the transit gateway (older docs)`,
  },
  'tgw/attachment-subnet-ipv4': {
    severity: 'error',
    title: 'Attachment subnet without IPv4',
    source: 'docs/network-rules.md#aws-subnets: a transit gateway attachment subnet needs IPv4 too (docs / older docs)',
  },
  'tgw/no-association': {
    severity: 'warning',
    title: 'Attachment without a route table',
    source: `${TGW_SOURCE}: each attachment is associated with exactly one route table (older docs)`,
  },
} satisfies FindingDefinitions;

type TgwFinding = FindingOf<typeof FINDINGS>;

export const transitGatewayRule = definePlanRule({
  scope: 'plan',
  name: 'routing/transit-gateways',
  findings: FINDINGS,
  dependsOn: ['transitGateways', 'vpcs', 'subnets', 'externalNetworks'],
  check(index: PlanIndex): TgwFinding[] {
    const model = routingModel(index);
    const findings: TgwFinding[] = [];
    gatewayParts.begin(index.plan);
    attachmentParts.begin(index.plan);
    for (const tgw of index.plan.transitGateways) {
      for (const f of gatewayParts.findings(model, tgw, checkTransitGateway)) findings.push(f);
      const attachments = tgw.attachments;
      for (let a = 0; a < attachments.length; a++) {
        const attachment = attachments[a]!;
        if (attachment.type !== 'vpc' || attachment.vpcId === undefined) continue;
        // The attachment's field path and gateway are part of its findings: key on both.
        for (const f of attachmentParts.findings(model, attachmentKey(tgw, a), checkAttachmentPart)) findings.push(f);
      }
    }
    return findings;
  },
});

/** Route tables and associations read the gateway, VPC blocks and external networks, no subnets. */
const gatewayParts = new PartMemo<TransitGateway, TgwFinding>(['settings']);
/** An attachment's subnets and AZ coverage read the subnets of its VPC. */
const attachmentParts = new PartMemo<AttachmentKey, TgwFinding>(['settings']);

/** An attachment's part: the gateway, and the attachment at its position (which a gateway object never changes). */
interface AttachmentKey {
  tgw: TransitGateway;
  position: number;
}

const attachmentKeys = new WeakMap<TransitGateway, AttachmentKey[]>();

/** One key object per (gateway, attachment position), renewed when the gateway object (so any attachment) changes. */
function attachmentKey(tgw: TransitGateway, position: number): AttachmentKey {
  let keys = attachmentKeys.get(tgw);
  if (!keys) {
    keys = tgw.attachments.map((_, k) => ({ tgw, position: k }));
    attachmentKeys.set(tgw, keys);
  }
  return keys[position] ?? { tgw, position };
}

function checkAttachmentPart(model: RoutingModel, key: AttachmentKey): TgwFinding[] {
  return checkVpcAttachment(model, key.tgw, key.tgw.attachments[key.position]!, key.position);
}

function checkTransitGateway(model: RoutingModel, tgw: TransitGateway): TgwFinding[] {
  const findings: TgwFinding[] = [];
  const tgwName = `transit gateway ${labelOf(tgw)}`;
  const attachmentIds = new Set(tgw.attachments.map((a) => a.id));
  const tableIds = new Set(tgw.routeTables.map((t) => t.id));

  tgw.routeTables.forEach((table, t) => {
    const propagating = tgw.attachments.filter((a) => a.propagatedRouteTableIds.includes(table.id));
    const propagated = propagating.flatMap((attachment) => attachmentBlocks(model, attachment).map((block) => ({ attachment, block })));
    const blocks = routeDestinations(model.index, table);
    table.routes.forEach((route, r) => {
      // The field path is built only for a finding.
      const field = (): string => `routeTables[${t}].routes[${r}]`;
      if (route.kind === 'static' && (route.attachmentId === undefined || !attachmentIds.has(route.attachmentId))) {
        findings.push({
          code: 'tgw/route-to-missing-attachment',
          severity: 'error',
          subjects: [tgw.id, table.id],
          field: `${field()}.attachmentId`,
          cidrs: [route.destination],
          message:
            route.attachmentId === undefined
              ? `The static route ${route.destination} in route table ${labelOf(table)} of ${tgwName} names no attachment, so it has nowhere to send traffic.`
              : `The static route ${route.destination} in route table ${labelOf(table)} of ${tgwName} goes to attachment ${route.attachmentId}, which ${tgwName} does not have.`,
          fix: `Point it at one of the gateway's attachments, or make it a blackhole if the range should be dropped.`,
        });
      }
      if (route.kind === 'blackhole') {
        const block = blocks[r];
        if (block) blackholeFindings(model, tgw, table.id, labelOf(table), block, field(), propagated, findings);
      }
    });

    // Identical CIDRs propagated into one table: only the first attachment's route is used.
    // Keyed by the block's numbers (IPv4) rather than its text: a thousand VPC blocks per table, hardly ever a repeat.
    const firstV4 = new Map<number, TgwAttachment>();
    const firstV6 = new Map<string, TgwAttachment>();
    const reported = new Set<string>();
    for (const { attachment, block } of propagated) {
      if (attachment.type !== 'vpc') continue;
      const earlier = block.version === 4 ? firstV4.get(Number(block.network) * 64 + block.prefix) : firstV6.get(formatCidr(block));
      if (!earlier) {
        if (block.version === 4) firstV4.set(Number(block.network) * 64 + block.prefix, attachment);
        else firstV6.set(formatCidr(block), attachment);
        continue;
      }
      if (earlier === attachment || reported.has(`${earlier.id}|${attachment.id}`)) continue;
      reported.add(`${earlier.id}|${attachment.id}`);
      const key = formatCidr(block);
      findings.push({
        code: 'tgw/identical-cidrs',
        severity: 'error',
        subjects: [attachment.id, earlier.id, tgw.id],
        cidrs: [key],
        message: `${capitalized(attachmentLabel(model, attachment))} and ${attachmentLabel(model, earlier)} both propagate ${key} into route table ${labelOf(table)} of ${tgwName}; with identical CIDRs the second attachment's route is not propagated, so ${vpcLabel(model, attachment.vpcId ?? '?')} is unreachable there.`,
        fix: `Re-address one of the VPCs, or keep them in separate transit gateway route tables.`,
      });
    }
  });

  tgw.attachments.forEach((attachment, a) => {
    // The field path is built only for a finding.
    const field = (): string => `attachments[${a}]`;
    if (attachment.associatedRouteTableId === undefined) {
      findings.push({
        code: 'tgw/no-association',
        severity: 'warning',
        subjects: [attachment.id, tgw.id],
        field: `${field()}.associatedRouteTableId`,
        message: `${capitalized(attachmentLabel(model, attachment))} on ${tgwName} is not associated with a route table, so the gateway drops everything it sends.`,
        fix: `Associate it with one of the gateway's route tables${tgw.routeTables[0] ? ` (e.g. ${labelOf(tgw.routeTables[0])})` : ''}.`,
      });
    } else if (!tableIds.has(attachment.associatedRouteTableId)) {
      findings.push({
        code: 'tgw/no-association',
        severity: 'warning',
        subjects: [attachment.id, tgw.id],
        field: `${field()}.associatedRouteTableId`,
        message: `${capitalized(attachmentLabel(model, attachment))} is associated with route table ${attachment.associatedRouteTableId}, which ${tgwName} does not have, so it has no route table in effect.`,
        fix: `Associate it with one of the gateway's route tables.`,
      });
    }
  });
  return findings;
}

function blackholeFindings(
  model: RoutingModel,
  tgw: TransitGateway,
  tableId: string,
  tableName: string,
  hole: Cidr,
  field: string,
  propagated: Array<{ attachment: TgwAttachment; block: Cidr }>,
  findings: TgwFinding[],
): void {
  for (const { attachment, block } of propagated) {
    // A shorter blackhole loses to the more specific propagated route; one as specific or more drops traffic.
    if (!contains(block, hole)) continue;
    const blockText = formatCidr(block);
    const holeText = formatCidr(hole);
    const share = hole.prefix === block.prefix ? `all of ${blockText}` : `${holeText}, part of ${blockText}`;
    findings.push({
      code: 'tgw/blackhole-hides-route',
      severity: 'warning',
      subjects: [tableId, attachment.id, tgw.id],
      field,
      cidrs: [holeText, blockText],
      message: `The blackhole ${holeText} in route table ${tableName} of transit gateway ${labelOf(tgw)} drops ${share}, which ${attachmentLabel(model, attachment)} propagates into that table.`,
      fix: `Remove the blackhole, or stop propagating ${attachmentLabel(model, attachment)} into ${tableName} if the range is meant to be unreachable.`,
    });
  }
}

function checkVpcAttachment(model: RoutingModel, tgw: TransitGateway, attachment: TgwAttachment, position: number): TgwFinding[] {
  const findings: TgwFinding[] = [];
  // Named, and the field path built, only for a finding: most attachments raise none.
  const subnetIds = attachment.subnetIds;
  for (let s = 0; s < subnetIds.length; s++) {
    const subnetId = subnetIds[s]!;
    const subnet = subnetOf(model, subnetId);
    if (subnet && (subnet.ipv4Cidr === undefined || subnet.ipv4Cidr.trim() === '')) {
      findings.push({
        code: 'tgw/attachment-subnet-ipv4',
        severity: 'error',
        subjects: [attachment.id, subnet.id, tgw.id],
        field: `attachments[${position}].subnetIds[${s}]`,
        message: `${capitalized(attachmentLabel(model, attachment))} uses subnet ${labelOf(subnet)}, which has no IPv4 block; a transit gateway attachment subnet needs IPv4, even in a dual-stack VPC.`,
        fix: `Give subnet ${labelOf(subnet)} an IPv4 block, or attach a dual-stack subnet in ${subnet.availabilityZone} instead.`,
      });
    }
  }
  const covered = attachmentZones(model, attachment);
  // Made on the first uncovered subnet: most attachments cover every zone.
  let uncovered: Map<string, number> | undefined;
  for (const subnet of subnetsOf(model, attachment.vpcId as string)) {
    // A subnet without a zone is its own error (subnet/no-availability-zone); naming an empty zone here would read "no subnet in , where".
    if (subnet.availabilityZone.trim() === '') continue;
    if (!covered.has(subnet.availabilityZone)) {
      uncovered ??= new Map();
      uncovered.set(subnet.availabilityZone, (uncovered.get(subnet.availabilityZone) ?? 0) + 1);
    }
  }
  if (uncovered === undefined || uncovered.size === 0) return findings;
  const zones = [...uncovered.keys()].sort();
  const subnetCount = [...uncovered.values()].reduce((a, b) => a + b, 0);
  findings.push({
    code: 'tgw/attachment-az-coverage',
    severity: 'warning',
    subjects: [attachment.id, attachment.vpcId as string, tgw.id],
    field: `attachments[${position}].subnetIds`,
    message: `${capitalized(attachmentLabel(model, attachment))} on transit gateway ${labelOf(tgw)} has no subnet in ${zones.join(', ')}, where ${vpcLabel(model, attachment.vpcId as string)} has ${subnetCount} subnet${subnetCount === 1 ? '' : 's'}; resources there cannot reach the transit gateway.`,
    fix: `Add one subnet in each of ${zones.join(', ')} to the attachment (a small /${SUBNET_IPV4_PREFIX.smallest} per AZ is enough).`,
  });
  return findings;
}
