/**
 * The plan as a draw.io (diagrams.net) file: the diagram many architects keep. The format is
 * mxGraph XML (`<mxfile><diagram><mxGraphModel><root>`, cells 0 and 1 first, every other cell a
 * child of 1 or of a container). Each VPC is a container (`container=1`) and its subnets and NAT
 * gateways are its children, with coordinates relative to the VPC as mxGraph wants, so moving a
 * VPC in draw.io moves its subnets. Connections are edges (`edge="1"`, source and target cells).
 * Every box sits where shared/layout puts it on the canvas, so the file is the canvas as drawn.
 * Cell ids are the plan's ids (unique across the plan), so a file exported twice diffs cleanly.
 */
import {
  engineFigures,
  externalNetworkText,
  natText,
  planDiagram,
  serviceNetworkText,
  subnetText,
  transitGatewayText,
  vpcHeader,
  vpcMembers,
  type DiagramNode,
  type EdgeKind,
  type HubText,
} from '../layout';
import type { Plan, SubnetTier } from '../plan/schema';
import { escapeMarkup } from './markup';

const TIER_STROKES: Record<SubnetTier, string> = { public: '#1f8a4c', private: '#2d6cc0', isolated: '#6f5bb5' };

const EDGE_STYLES: Record<EdgeKind, string> = {
  peering: 'strokeColor=#5b7fc7;strokeWidth=2;',
  attachment: 'strokeColor=#c2410c;strokeWidth=2;',
  'tgw-peering': 'strokeColor=#c2410c;strokeWidth=2;dashed=1;',
  vpn: 'strokeColor=#4b5563;strokeWidth=2;dashed=1;',
  'vpn-gateway': 'strokeColor=#4b5563;strokeWidth=2;dashed=1;',
  association: 'strokeColor=#a21caf;strokeWidth=2;dashed=1;dashPattern=2 4;',
};

const HUB_STYLES = {
  tgw: 'rounded=1;arcSize=50;fillColor=#ffffff;strokeColor=#c2410c;strokeWidth=2;',
  serviceNetwork: 'rounded=1;fillColor=#ffffff;strokeColor=#a21caf;strokeWidth=2;',
  external: 'rounded=0;fillColor=#f0f2f6;strokeColor=#4b5563;strokeWidth=2;dashed=1;',
} as const;

/** Text cells: plain labels (html=0, so a name with < or & is shown as written), wrapped, top-left. */
const TEXT = 'whiteSpace=wrap;html=0;align=left;verticalAlign=top;spacingLeft=10;spacingTop=4;fontSize=12;';

function r(n: number): number {
  return Math.round(n * 10) / 10;
}

function geometry(x: number, y: number, width: number, height: number): string {
  return `<mxGeometry x="${r(x)}" y="${r(y)}" width="${r(width)}" height="${r(height)}" as="geometry"/>`;
}

/** A label as an attribute: line breaks as &#10;, since XML turns a literal one in an attribute into a space (XML 1.0, 3.3.3). */
function label(value: string): string {
  return escapeMarkup(value).replace(/\r?\n/g, '&#10;');
}

function vertex(id: string, parent: string, value: string, style: string, box: { x: number; y: number; width: number; height: number }): string {
  return `<mxCell id="${escapeMarkup(id)}" value="${label(value)}" style="${escapeMarkup(style)}" vertex="1" parent="${escapeMarkup(parent)}">${geometry(box.x, box.y, box.width, box.height)}</mxCell>`;
}

function hubValue(words: HubText): string {
  return [words.name, ...words.lines].filter((l) => l !== '').join('\n');
}

/** The plan as a .drawio file (uncompressed mxGraph XML, which draw.io opens and saves). */
export function planToDrawio(plan: Plan): string {
  const figures = engineFigures(plan);
  const diagram = planDiagram(plan, figures);
  const members = vpcMembers(plan);
  const vpcs = new Map(plan.vpcs.map((v) => [v.id, v]));
  const hubs = {
    tgw: new Map(plan.transitGateways.map((t) => [t.id, transitGatewayText(t)])),
    serviceNetwork: new Map(plan.serviceNetworks.map((n) => [n.id, serviceNetworkText(n)])),
    external: new Map(plan.externalNetworks.map((n) => [n.id, externalNetworkText(n)])),
  };
  const cells: string[] = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>'];
  for (const node of diagram.nodes) cells.push(...nodeCells(node));

  function nodeCells(node: DiagramNode): string[] {
    if (node.kind !== 'vpc') {
      const words = hubs[node.kind].get(node.id)!;
      return [vertex(node.id, '1', hubValue(words), `${HUB_STYLES[node.kind]}${TEXT}verticalAlign=middle;`, node)];
    }
    const vpc = vpcs.get(node.id)!;
    const subnets = members.subnets.get(vpc.id) ?? [];
    const header = vpcHeader(vpc, subnets.length, figures.vpcUsage(vpc, subnets));
    const value = [header.name, header.meta, header.blocks, header.usage ?? ''].filter((l) => l !== '').join('\n');
    // container=1 makes the VPC a group its subnets belong to; collapsible=0 keeps draw.io from folding it away.
    const out = [
      vertex(vpc.id, '1', value, `rounded=1;arcSize=3;container=1;collapsible=0;fillColor=#f1f6ff;strokeColor=#5b7fc7;strokeWidth=2;fontStyle=1;${TEXT}`, node),
    ];
    for (const subnet of subnets) {
      const words = subnetText(subnet, figures.usable(subnet));
      const cell = node.vpc!.cells.get(subnet.id)!;
      out.push(
        vertex(
          subnet.id,
          vpc.id,
          [words.name, ...words.cidrs, words.meta].join('\n'),
          `rounded=1;fillColor=#ffffff;strokeColor=${TIER_STROKES[subnet.tier]};strokeWidth=2;${TEXT}`,
          cell,
        ),
      );
    }
    for (const nat of members.nats.get(vpc.id) ?? []) {
      const words = natText(nat, figures.natGauge(nat));
      const cell = node.vpc!.cells.get(nat.id)!;
      out.push(vertex(nat.id, vpc.id, `NAT ${words.name}\n${words.meta}`, `rounded=1;fillColor=#ffffff;strokeColor=#0f766e;dashed=1;${TEXT}`, cell));
    }
    return out;
  }

  for (const edge of diagram.edges) {
    cells.push(
      `<mxCell id="${escapeMarkup(`edge:${edge.id}`)}" value="${escapeMarkup(edge.label)}" style="${escapeMarkup(`${EDGE_STYLES[edge.kind]}endArrow=none;html=0;curved=1;`)}" edge="1" parent="1" source="${escapeMarkup(edge.source)}" target="${escapeMarkup(edge.target)}"><mxGeometry relative="1" as="geometry"/></mxCell>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<mxfile host="vpcplan" type="device">',
    `<diagram id="plan" name="${escapeMarkup(plan.name)}">`,
    '<mxGraphModel grid="1" gridSize="10" page="0" math="0" shadow="0">',
    '<root>',
    ...cells,
    '</root>',
    '</mxGraphModel>',
    '</diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}
