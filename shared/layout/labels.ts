/**
 * The words each box of the diagram shows, with the type they are set in. The canvas and
 * the exported SVG show these same words, and the box sizes (geometry.ts) are measured from
 * them, so a box is always wide enough for its longest line and no label is cut short.
 * The type sizes are the canvas's (renderer/app.css); the SVG uses the same.
 */
import { NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION, NAT_WARNING_UTILISATION } from '../aws-limits';
import { parseCidr, usableAddresses } from '../cidr';
// The two rules' modules, not shared/checks: the editor's canvas words boxes with them, and the checker itself runs in a worker.
import { natCapacity } from '../checks/rules/nat-capacity';
import { vpcFreeSpace } from '../checks/rules/sizing';
import { formatCount as groupDigits } from '../checks/wording';
import type { PlanIndex } from '../plan/plan-index';
import type { ExternalNetwork, NatGateway, ServiceNetwork, Subnet, TransitGateway, Vpc } from '../plan/schema';
import type { TextStyle } from './text-width';

export interface TextLine {
  text: string;
  style: TextStyle;
  /** Pixels on the same line beside the text (an icon, a findings badge, a usage bar). */
  beside?: number;
}

/** The type of each kind of line (app.css). */
export const TYPE = {
  vpcName: { size: 15, bold: true },
  vpcMeta: { size: 12 },
  vpcBlocks: { size: 12.5, bold: true, mono: true },
  vpcUsage: { size: 11 },
  axisLabel: { size: 11, bold: true },
  cellName: { size: 13, bold: true },
  cellCidr: { size: 13, bold: true, mono: true },
  /** A dual-stack subnet's IPv6 block, under its IPv4 one. */
  cellSecondCidr: { size: 12, bold: true, mono: true },
  cellMeta: { size: 11.5 },
  hubName: { size: 14, bold: true },
  hubMeta: { size: 12 },
  hubCidrs: { size: 12, mono: true },
} as const satisfies Record<string, TextStyle>;

/** Room for a findings badge ("⚠ 12") beside a name: always kept, so a new finding never resizes a box. */
export const BADGE_ROOM = 46;
/** The "IGW" chip in a VPC's title row. */
export const IGW_CHIP_ROOM = 62;
/** The usage bar before the usage words. */
export const USAGE_BAR = 120;
const ICON = 16;
const ICON_GAP = 7;

export interface VpcUsage {
  /** 0..1 of the VPC's IPv4 addresses that subnets take. */
  usedFraction: number;
  label: string;
}

export interface NatGauge {
  utilisation: number;
  label: string;
  detail: string;
}

export function formatCount(value: bigint | number): string {
  // The checks' digit grouping, not toLocaleString: the same text for a count, at a fraction of
  // the cost, and a diagram of 100,000 subnets writes a few hundred thousand of them.
  return groupDigits(value);
}

/** Usable addresses of the subnet's first block (AWS keeps RESERVED_ADDRESSES_PER_SUBNET of each subnet: usableAddresses), or undefined without a valid block. */
export function subnetUsable(subnet: Subnet): string | undefined {
  const text = subnet.ipv4Cidr ?? subnet.ipv6Cidr;
  const parsed = text ? parseCidr(text) : undefined;
  return parsed?.ok ? formatCount(usableAddresses(parsed.cidr, 'aws', { byoip: subnet.byoip ?? false })) : undefined;
}

/** How much of the VPC's IPv4 space its subnets take (the engine's vpcFreeSpace, on the blocks the plan index read). */
export function vpcUsage(index: PlanIndex, vpc: Vpc, subnets: readonly Subnet[]): VpcUsage | undefined {
  return usageOfSpace(vpcFreeSpace(index, vpc, subnets).ipv4);
}

/** What a VPC's header says of its IPv4 space, given the free space already worked out (the review report has it for its table). */
export function usageOfSpace(space: { totalAddresses: bigint; freeAddresses: bigint }): VpcUsage | undefined {
  if (space.totalAddresses <= 0n) return undefined;
  const used = space.totalAddresses - space.freeAddresses;
  // bigint -> ratio in per-ten-thousand, then to a fraction: exact enough for a bar.
  const usedFraction = Number((used * 10000n) / space.totalAddresses) / 10000;
  return {
    usedFraction,
    label: `${formatCount(used)} of ${formatCount(space.totalAddresses)} IPv4 addresses in subnets · ${formatCount(space.freeAddresses)} free`,
  };
}

/** The NAT gateway's port use at peak (the engine's natCapacity), when demand is given. */
export function natGauge(nat: NatGateway): NatGauge | undefined {
  const capacity = natCapacity(nat);
  if (!capacity) return undefined;
  return {
    utilisation: capacity.utilisation,
    label: `${Math.round(capacity.utilisation * 100)}% of ${formatCount(capacity.perDestination)} ports`,
    detail: `Busiest destination${capacity.busiestDestination ? ` (${capacity.busiestDestination})` : ' (all connections assumed to one destination)'}: ${formatCount(capacity.busiestDemand)} connections at peak, against ${formatCount(NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION)} × ${capacity.addresses} address${capacity.addresses === 1 ? '' : 'es'} = ${formatCount(capacity.perDestination)}.${capacity.utilisation > NAT_WARNING_UTILISATION ? ` ${capacity.addressesForHeadroom} address${capacity.addressesForHeadroom === 1 ? '' : 'es'} would keep it under ${Math.round(NAT_WARNING_UTILISATION * 100)}%.` : ''}`,
  };
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** What a VPC's header says. */
export interface VpcHeader {
  name: string;
  meta: string;
  blocks: string;
  usage?: string;
}

export function vpcHeader(vpc: Vpc, subnetCount: number, usage: VpcUsage | undefined): VpcHeader {
  const blocks = [...vpc.ipv4Cidrs, ...vpc.ipv6Cidrs];
  return {
    name: vpc.name || vpc.id,
    meta: `${vpc.region}${vpc.accountId ? ` · ${vpc.accountId}` : ''} · ${plural(subnetCount, 'subnet')}`,
    blocks: blocks.length ? blocks.join('  ') : 'no CIDR block',
    ...(usage ? { usage: usage.label } : {}),
  };
}

export function vpcHeaderLines(header: VpcHeader, hasIgw: boolean): TextLine[] {
  const lines: TextLine[] = [
    { text: header.name, style: TYPE.vpcName, beside: ICON + ICON_GAP + BADGE_ROOM + (hasIgw ? IGW_CHIP_ROOM : 0) },
    { text: header.meta, style: TYPE.vpcMeta },
    { text: header.blocks, style: TYPE.vpcBlocks },
  ];
  if (header.usage) lines.push({ text: header.usage, style: TYPE.vpcUsage, beside: USAGE_BAR + 8 });
  return lines;
}

/** A subnet cell: its name, every block (IPv4 then IPv6) and its usable addresses. */
export interface SubnetText {
  name: string;
  cidrs: string[];
  meta: string;
}

export function subnetText(subnet: Subnet, usable: string | undefined): SubnetText {
  const cidrs = [subnet.ipv4Cidr, subnet.ipv6Cidr].filter((c): c is string => c !== undefined && c !== '');
  const parts = [usable !== undefined ? `${usable} usable` : '—'];
  if (subnet.hostsNeeded !== undefined) parts.push(`needs ${formatCount(subnet.hostsNeeded)}`);
  return { name: subnet.name || subnet.id, cidrs: cidrs.length ? cidrs : ['no CIDR'], meta: parts.join(' · ') };
}

export function subnetLines(text: SubnetText): TextLine[] {
  return [
    { text: text.name, style: TYPE.cellName, beside: BADGE_ROOM },
    ...text.cidrs.map((cidr, i) => ({ text: cidr, style: i === 0 ? TYPE.cellCidr : TYPE.cellSecondCidr })),
    { text: text.meta, style: TYPE.cellMeta },
  ];
}

export interface NatText {
  name: string;
  meta: string;
}

export function natText(nat: NatGateway, gauge: NatGauge | undefined): NatText {
  return {
    name: nat.name || nat.id,
    meta: gauge ? gauge.label : `${nat.connectivity} · ${plural(nat.addresses, 'address', 'addresses')} · no demand given`,
  };
}

export function natLines(text: NatText): TextLine[] {
  return [
    { text: text.name, style: TYPE.cellName, beside: 14 + 6 + BADGE_ROOM },
    { text: text.meta, style: TYPE.cellMeta },
  ];
}

/** A transit gateway, service network or external network: a name and two lines under it. */
export interface HubText {
  name: string;
  lines: [string, string];
  mono?: boolean;
}

export function transitGatewayText(tgw: TransitGateway): HubText {
  return {
    name: tgw.name || tgw.id,
    lines: [
      `Transit gateway · ${tgw.region}${tgw.asn !== undefined ? ` · ASN ${tgw.asn}` : ''}`,
      `${plural(tgw.attachments.length, 'attachment')} · ${plural(tgw.routeTables.length, 'route table')}`,
    ],
  };
}

export function serviceNetworkText(network: ServiceNetwork): HubText {
  return {
    name: network.name || network.id,
    lines: ['Lattice service network', `${plural(network.services.length, 'service')} · ${plural(network.vpcIds.length, 'VPC')}`],
  };
}

export const EXTERNAL_KIND_WORDS = { 'on-premises': 'On-premises', azure: 'Azure', gcp: 'Google Cloud', 'other-cloud': 'Other cloud' } as const;

export function externalNetworkText(network: ExternalNetwork): HubText {
  return {
    name: network.name || network.id,
    lines: [EXTERNAL_KIND_WORDS[network.kind], network.cidrs.length ? network.cidrs.join('  ') : 'no ranges'],
    mono: network.cidrs.length > 0,
  };
}

export function hubLines(text: HubText): TextLine[] {
  return [
    { text: text.name, style: TYPE.hubName, beside: 18 + ICON_GAP + BADGE_ROOM },
    { text: text.lines[0], style: TYPE.hubMeta },
    { text: text.lines[1], style: text.mono ? TYPE.hubCidrs : TYPE.hubMeta },
  ];
}
