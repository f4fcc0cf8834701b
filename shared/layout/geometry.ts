/**
 * The size of every box of the diagram, and where subnets and NAT gateways sit inside
 * their VPC: a column per availability zone, a row per tier (public, private, isolated),
 * NAT gateways in a row at the bottom under the subnet they live in. This is how engineers
 * draw a VPC, and it is the one geometry the canvas and every exported picture use.
 *
 * Boxes grow with their words (labels.ts, measured by text-width.ts) so nothing is cut
 * short; the sizes below are the smallest a box gets.
 */
import type { NatGateway, Subnet, SubnetTier } from '../plan/schema';
import type { TextLine } from './labels';
import { textWidth } from './text-width';

export interface Point {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}
export interface Box extends Point, Size {}

export const TIERS: readonly SubnetTier[] = ['public', 'private', 'isolated'];

/** The smallest subnet cell (and NAT box) width. */
export const SUBNET_WIDTH = 212;
export const SUBNET_HEIGHT = 78;
export const NAT_HEIGHT = 70;
/** Between cells, and (twice) between tier rows. */
export const CELL_GAP = 12;
/** Inside a VPC's border, around its grid. */
export const VPC_PAD = 16;
/** The VPC's header (name, region, blocks, usage), above the AZ labels. */
export const VPC_HEADER = 96;
/** The row of AZ names above the first tier. */
export const AZ_LABEL = 22;
/** The column of tier names left of the first AZ. */
export const TIER_LABEL = 74;
/** A VPC with no subnets keeps room for its "no subnets yet" line. */
export const EMPTY_VPC_HEIGHT = 64;
export const MIN_VPC_WIDTH = 360;
/** The header's padding (14 px a side) and border (2 px a side). */
const VPC_HEADER_INSET = 2 * 14 + 2 * 2;
/** A cell's padding (10 px a side) and border (4 px coloured left edge, 1 px right). */
const CELL_INSET = 10 + 10 + 4 + 1;

export type HubKind = 'tgw' | 'serviceNetwork' | 'external';
/** The kinds of top-level box: a VPC or a hub. */
export type NodeKind = 'vpc' | HubKind;

/** The smallest transit gateway, service network and external network boxes. */
export const HUB_SIZES: Record<HubKind, Size> = {
  tgw: { width: 210, height: 86 },
  serviceNetwork: { width: 240, height: 86 },
  external: { width: 240, height: 90 },
};
/** Padding and border a hub's words sit inside; a transit gateway's round ends take more. */
const HUB_INSET: Record<HubKind, number> = { tgw: 22 + 22 + 4, serviceNetwork: 2 * 14 + 4, external: 2 * 14 + 4 };

/** The room the app reserves for a new, empty VPC: two AZs and two tiers, so its first subnets do not run into a neighbour. */
export const NEW_VPC_ROOM: Size = { width: 560, height: 330 };

/** The widest line, with what sits beside it. */
export function linesWidth(lines: readonly TextLine[]): number {
  let widest = 0;
  for (const line of lines) widest = Math.max(widest, textWidth(line.text, line.style) + (line.beside ?? 0));
  return widest;
}

export function hubSize(kind: HubKind, lines: readonly TextLine[]): Size {
  const min = HUB_SIZES[kind];
  return { width: Math.max(min.width, Math.ceil(linesWidth(lines) + HUB_INSET[kind])), height: min.height };
}

export interface VpcGrid {
  /** Where each AZ's column starts, left to right in name order. */
  columns: Array<{ az: string; x: number }>;
  /** Where each tier's row starts and how tall it is, in tier order. */
  rows: Array<{ tier: SubnetTier; y: number; height: number }>;
  /** The top of the AZ labels' row. */
  azLabelY: number;
  /** The width of every cell (subnet or NAT gateway) of this VPC. */
  cellWidth: number;
}

export interface VpcGeometry {
  width: number;
  height: number;
  grid: VpcGrid;
  /** Subnets' and NAT gateways' boxes, relative to the VPC's top-left corner. */
  cells: Map<string, Box>;
}

export interface VpcContent {
  subnets: readonly Subnet[];
  nats: readonly NatGateway[];
  /** The header's lines (labels.vpcHeaderLines). */
  header: readonly TextLine[];
  /** The lines of each subnet's and NAT gateway's cell, by id. */
  cellLines(id: string): readonly TextLine[];
}

/** Per-VPC layout: columns by AZ, rows by tier, NAT gateways in a row at the bottom. */
export function vpcGeometry(content: VpcContent): VpcGeometry {
  const { subnets, nats } = content;
  const azs = [...new Set(subnets.map((s) => s.availabilityZone))].sort();
  if (azs.length === 0) azs.push('');
  const tiers = TIERS.filter((tier) => subnets.some((s) => s.tier === tier));
  const byCell = new Map<string, Subnet[]>();
  for (const subnet of subnets) {
    const key = `${subnet.tier}|${subnet.availabilityZone}`;
    const cell = byCell.get(key);
    if (cell) cell.push(subnet);
    else byCell.set(key, [subnet]);
  }

  let cellWidth = SUBNET_WIDTH;
  for (const item of [...subnets, ...nats]) cellWidth = Math.max(cellWidth, Math.ceil(linesWidth(content.cellLines(item.id)) + CELL_INSET));
  for (const az of azs) cellWidth = Math.max(cellWidth, textWidth(az || 'no AZ', { size: 11, bold: true, letterSpacing: 0.03 }));

  const columns = azs.map((az, i) => ({ az, x: VPC_PAD + TIER_LABEL + i * (cellWidth + CELL_GAP) }));
  const cells = new Map<string, Box>();
  const rows: VpcGrid['rows'] = [];
  let y = VPC_HEADER + AZ_LABEL;
  for (const tier of tiers) {
    let deepest = 1;
    for (const column of columns) {
      const cell = byCell.get(`${tier}|${column.az}`) ?? [];
      cell.forEach((subnet, i) => {
        cells.set(subnet.id, { x: column.x, y: y + i * (SUBNET_HEIGHT + CELL_GAP), width: cellWidth, height: SUBNET_HEIGHT });
      });
      deepest = Math.max(deepest, cell.length);
    }
    const height = deepest * (SUBNET_HEIGHT + CELL_GAP) - CELL_GAP;
    rows.push({ tier, y, height });
    y += height + CELL_GAP * 2;
  }
  if (tiers.length === 0) y += EMPTY_VPC_HEIGHT;

  const subnetAz = new Map(subnets.map((s) => [s.id, s.availabilityZone]));
  const natRowY = y;
  let natDepth = 0;
  const natsPerColumn = new Map<string, number>();
  for (const nat of nats) {
    const az = subnetAz.get(nat.subnetId) ?? '';
    const column = columns.find((c) => c.az === az) ?? columns[0]!;
    const index = natsPerColumn.get(column.az) ?? 0;
    natsPerColumn.set(column.az, index + 1);
    cells.set(nat.id, { x: column.x, y: natRowY + index * (NAT_HEIGHT + CELL_GAP), width: cellWidth, height: NAT_HEIGHT });
    natDepth = Math.max(natDepth, index + 1);
  }
  if (natDepth > 0) y += natDepth * (NAT_HEIGHT + CELL_GAP);

  const gridWidth = VPC_PAD + TIER_LABEL + columns.length * (cellWidth + CELL_GAP) - CELL_GAP + VPC_PAD;
  const headerWidth = Math.ceil(linesWidth(content.header) + VPC_HEADER_INSET);
  return {
    width: Math.max(gridWidth, headerWidth, MIN_VPC_WIDTH),
    height: y + VPC_PAD - CELL_GAP,
    grid: { columns, rows, azLabelY: VPC_HEADER, cellWidth },
    cells,
  };
}
