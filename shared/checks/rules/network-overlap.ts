/**
 * Overlap between networks, judged by how they are connected: the same overlap is fatal
 * between peered VPCs, a future trap between unconnected ones, and harmless between VPCs
 * that only share a Lattice service network.
 *
 * Real plans repeat blocks: every default VPC is 172.31.0.0/16, and an acquisition brings
 * hundreds of identical 10.0.0.0/16 VPCs. So the work follows the size of the answer, not
 * the number of pairs:
 *  - equal blocks are grouped, and nested ones found through the forest of distinct blocks
 *    (shared/cidr/overlap-groups), never pair by pair;
 *  - within a group, VPCs with the same transit gateways, service networks and VPN reach
 *    relate alike to every other VPC, so connectivity is decided once per pair of such
 *    classes, and peerings (the one per-pair relation) are subtracted by count;
 *  - one finding per group and relation ("these 1,000 VPCs share 172.31.0.0/16", listing
 *    them), which for two networks is the classic one-finding-per-pair message;
 *  - replacement blocks all come from the check run's one allocation (../block-allocation:
 *    one free-space computation, shared with the fixes), each different; between connected
 *    VPCs (peered, same transit gateway) the finding carries the fix (../overlap-fixes)
 *    that moves the block its words name, with the VPC's subnets.
 */
import { blockForest, formatCidr, membersOf, type BlockForest, type Cidr } from '../../cidr';
import type { FixAction, SetCidrAction } from '../../plan/edits/fix-actions';
import type { ExternalNetwork, Plan, Vpc } from '../../plan/schema';
import { externalBlocks, vpcBlocksWithField } from '../../plan/plan-index';
import { blockAllocation } from '../block-allocation';
import { asFix, movesText, networkBlocks, overlapFix, overlapReplacement, overlapSteps, withOverlapFixes } from '../overlap-fixes';
import { formatCount, nameOf } from '../wording';
import { definePlanRule, type FindingDefinitions, type FindingOf, type PlanIndex } from '../types';

const PEERING = 'docs/network-rules.md#aws-vpc-peering; AWS VPC Peering Guide, "VPC peering limitations" (overlapping CIDR blocks)';
const TGW = 'docs/network-rules.md#aws-transit-gateway; AWS Transit Gateway Guide, "Transit gateway design best practices" (overlapping CIDRs)';
const LATTICE = 'docs/network-rules.md#aws-vpc-lattice-service-networks; Amazon VPC Lattice User Guide, "Service networks" (overlapping CIDRs)';

const definitions = {
  'overlap/peered-vpcs': { severity: 'error', title: 'Peered VPCs have overlapping blocks', source: PEERING },
  'overlap/same-transit-gateway': { severity: 'error', title: 'VPCs on the same transit gateway have overlapping blocks', source: TGW },
  'overlap/reachable-external': {
    severity: 'error',
    title: 'A VPC overlaps an on-premises or other-cloud network it reaches',
    source: `${TGW}; AWS Site-to-Site VPN User Guide (overlapping CIDRs with the VPC)`,
  },
  'overlap/unconnected-vpcs': {
    severity: 'warning',
    title: 'Unconnected VPCs overlap (they can never be peered or share a transit gateway)',
    source: `${PEERING}; ${TGW}`,
  },
  'overlap/lattice-only': { severity: 'info', title: 'VPCs joined only through a Lattice service network overlap (Lattice handles it)', source: LATTICE },
} satisfies FindingDefinitions;

type OverlapFinding = FindingOf<typeof definitions>;

/** Names shown in a group's message before "and N more"; every member is in `subjects`. */
const NAMES_SHOWN = 5;
/** Replacement blocks suggested for a group before "each of the other N". */
const REPLACEMENTS_SHOWN = 3;

/** A VPC or an external network, numbered: VPCs in plan order, then external networks. */
interface Networks {
  count: number;
  vpcCount: number;
  vpcs: readonly Vpc[];
  externals: readonly ExternalNetwork[];
  /** The inputs of network n are blocks[firstBlock[n]] .. blocks[firstBlock[n + 1] - 1]. */
  firstBlock: Int32Array;
  /** Input index -> network. */
  networkOf: Int32Array;
  blocks: Cidr[];
}

function gatherNetworks(index: PlanIndex): Networks {
  const { plan } = index;
  const vpcCount = plan.vpcs.length;
  const count = vpcCount + plan.externalNetworks.length;
  const firstBlock = new Int32Array(count + 1);
  const blocks: Cidr[] = [];
  const owners: number[] = [];
  for (let n = 0; n < vpcCount; n++) {
    firstBlock[n] = blocks.length;
    const vpc = plan.vpcs[n]!;
    for (const version of [4, 6] as const) {
      for (const { block } of vpcBlocksWithField(index, vpc, version)) {
        blocks.push(block);
        owners.push(n);
      }
    }
  }
  plan.externalNetworks.forEach((network, k) => {
    firstBlock[vpcCount + k] = blocks.length;
    for (const { block } of externalBlocks(index, network)) {
      blocks.push(block);
      owners.push(vpcCount + k);
    }
  });
  firstBlock[count] = blocks.length;
  return { count, vpcCount, vpcs: plan.vpcs, externals: plan.externalNetworks, firstBlock, networkOf: Int32Array.from(owners), blocks };
}

/** How each network is connected, as sorted lists of plan positions so that two networks compare cheaply. */
interface Links {
  /** Transit gateways (by position in plan.transitGateways) a VPC is attached to, or that reach an external network by VPN / Direct Connect. */
  tgws: number[][];
  /** Service networks (by position) a VPC is associated with. */
  serviceNetworks: number[][];
  /** External networks (by network number) a VPC's VPN gateways reach. */
  vpnReach: number[][];
  /** VPC -> its peers (network numbers) with the peering's name. */
  peers: Array<Map<number, string> | undefined>;
}

/** Network numbers by id: VPCs (the first of a repeated id) and external networks. */
interface Numbering {
  vpc: Map<string, number>;
  external: Map<string, number>;
}

function numberingOf(plan: Plan, networks: Networks): Numbering {
  const vpc = new Map<string, number>();
  plan.vpcs.forEach((v, n) => {
    if (!vpc.has(v.id)) vpc.set(v.id, n);
  });
  const external = new Map<string, number>();
  plan.externalNetworks.forEach((network, k) => {
    if (!external.has(network.id)) external.set(network.id, networks.vpcCount + k);
  });
  return { vpc, external };
}

/**
 * Each part of the links, kept while its section and the numbering are the same objects
 * (the numbering lives while the ids do, across new blocks): a peering edit
 * re-reads the peerings, not the transit gateways' hundreds of attachments.
 */
const linkParts = {
  numbering: undefined as { key: unknown; value: Numbering } | undefined,
  tgws: undefined as { key: unknown[]; value: number[][] } | undefined,
  serviceNetworks: undefined as { key: unknown[]; value: number[][] } | undefined,
  vpnReach: undefined as { key: unknown[]; value: number[][] } | undefined,
  peers: undefined as { key: unknown[]; value: Array<Map<number, string> | undefined> } | undefined,
};

function linkPart<V>(part: { key: unknown[]; value: V } | undefined, key: unknown[], make: () => V): { key: unknown[]; value: V } {
  if (part && part.key.length === key.length && part.key.every((k, i) => k === key[i])) return part;
  return { key, value: make() };
}

function linksOf(plan: Plan, networks: Networks): Links {
  const ids = blocksMemo!.numbering;
  if (linkParts.numbering?.key !== ids) linkParts.numbering = { key: ids, value: numberingOf(plan, networks) };
  const numbering = linkParts.numbering!.value;
  const { vpc: vpcNumber, external: externalNumber } = numbering;
  const empty = (): number[][] => Array.from({ length: networks.count }, () => []);
  const addOnce = (list: number[] | undefined, value: number) => {
    if (list && list[list.length - 1] !== value && !list.includes(value)) list.push(value);
  };
  linkParts.tgws = linkPart(linkParts.tgws, [numbering, plan.transitGateways], () => {
    const tgws = empty();
    plan.transitGateways.forEach((tgw, t) => {
      for (const a of tgw.attachments) {
        if (a.type === 'vpc' && a.vpcId !== undefined) addOnce(tgws[vpcNumber.get(a.vpcId) ?? -1], t);
        if ((a.type === 'vpn' || a.type === 'direct-connect') && a.externalNetworkId !== undefined)
          addOnce(tgws[externalNumber.get(a.externalNetworkId) ?? -1], t);
      }
    });
    return tgws;
  });
  linkParts.serviceNetworks = linkPart(linkParts.serviceNetworks, [numbering, plan.serviceNetworks], () => {
    const serviceNetworks = empty();
    plan.serviceNetworks.forEach((sn, s) => {
      for (const v of sn.vpcIds) addOnce(serviceNetworks[vpcNumber.get(v) ?? -1], s);
    });
    return serviceNetworks;
  });
  linkParts.vpnReach = linkPart(linkParts.vpnReach, [numbering, plan.vpnGateways], () => {
    const vpnReach = empty();
    for (const g of plan.vpnGateways) {
      const n = vpcNumber.get(g.vpcId);
      if (n === undefined) continue;
      for (const e of g.externalNetworkIds) {
        const k = externalNumber.get(e);
        if (k !== undefined) addOnce(vpnReach[n], k);
      }
    }
    for (const list of vpnReach) list.sort((x, y) => x - y);
    return vpnReach;
  });
  linkParts.peers = linkPart(linkParts.peers, [numbering, plan.peerings], () => {
    const peers: Array<Map<number, string> | undefined> = new Array(networks.count);
    for (const p of plan.peerings) {
      const a = vpcNumber.get(p.requesterVpcId);
      const b = vpcNumber.get(p.accepterVpcId);
      if (a === undefined || b === undefined || a === b) continue;
      if (!(peers[a] ??= new Map()).has(b)) peers[a]!.set(b, nameOf(p));
      if (!(peers[b] ??= new Map()).has(a)) peers[b]!.set(a, nameOf(p));
    }
    return peers;
  });
  return { tgws: linkParts.tgws.value, serviceNetworks: linkParts.serviceNetworks.value, vpnReach: linkParts.vpnReach.value, peers: linkParts.peers.value };
}

function firstShared(a: readonly number[], b: readonly number[]): number {
  let best = -1;
  for (const x of a) if ((best === -1 || x < best) && b.includes(x)) best = x;
  return best;
}

/**
 * How two networks relate, when they overlap: 'tgw:t', 'sn:s', 'unconnected' between VPCs
 * (peering is per pair and handled apart); 'ext-tgw:t:e' or 'ext-vpn:e' between a VPC and
 * the external network e it reaches; undefined when the overlap does not matter.
 */
function relation(links: Links, networks: Networks, a: number, b: number): string | undefined {
  const aIsVpc = a < networks.vpcCount;
  const bIsVpc = b < networks.vpcCount;
  if (aIsVpc && bIsVpc) {
    const t = firstShared(links.tgws[a]!, links.tgws[b]!);
    if (t >= 0) return `tgw:${t}`;
    const s = firstShared(links.serviceNetworks[a]!, links.serviceNetworks[b]!);
    if (s >= 0) return `sn:${s}`;
    return 'unconnected';
  }
  if (!aIsVpc && !bIsVpc) return undefined;
  const [vpc, external] = aIsVpc ? [a, b] : [b, a];
  const t = firstShared(links.tgws[vpc]!, links.tgws[external]!);
  if (t >= 0) return `ext-tgw:${t}:${external}`;
  return links.vpnReach[vpc]!.includes(external) ? `ext-vpn:${external}` : undefined;
}

/** Networks that relate alike to every other network: same gateways, service networks and VPN reach (an external network is its own class). */
function classKey(links: Links, networks: Networks, n: number): string {
  if (n >= networks.vpcCount) return `e${n}`;
  return `${links.tgws[n]!.join(',')}|${links.serviceNetworks[n]!.join(',')}|${links.vpnReach[n]!.join(',')}`;
}

/** One side of an overlap: networks with the blocks they bring, in classes that relate alike. */
interface Side {
  /** Network -> its blocks on this side (usually one). */
  blocksOf: Map<number, Cidr[]>;
  /** Network -> class number; classes[c] lists the networks of class c. */
  classOf: Map<number, number>;
  classes: number[][];
}

interface Entry {
  network: number;
  block: Cidr;
}

/** Two or more networks sharing one block (`inner` undefined), or networks holding one block and others with blocks inside it. */
interface Overlap {
  outer: Side;
  inner: Side | undefined;
}

/** One finding in the making: networks with one relation, over the overlaps they share. */
interface Draft {
  relation: string;
  /** Network numbers, ascending: VPCs in plan order, then external networks. */
  members: number[];
  overlaps: Overlap[];
}

export const networkOverlapRule = definePlanRule({
  scope: 'plan',
  name: 'network-overlap',
  findings: definitions,
  // settings: the fixes keep a VPC's own block rules satisfied (quotas among them).
  dependsOn: ['vpcs', 'peerings', 'transitGateways', 'vpnGateways', 'serviceNetworks', 'externalNetworks', 'settings'],
  check(index: PlanIndex): OverlapFinding[] {
    const structure = overlapStructure(index);
    if (!structure) return [];
    const key = reportKey(index, structure);
    if (reportMemo && sameReportKey(reportMemo.key, key)) return reportMemo.findings;
    const { networks, peered, drafts } = structure;
    const report = new Report(index, networks);
    const out: OverlapFinding[] = [];
    for (const pair of peered) out.push(report.peered(pair));
    for (const draft of drafts) {
      const finding = report.finding(draft);
      if (finding) out.push(finding);
    }
    // Fixes for the two-VPC findings between connected VPCs, from the same allocation as the words.
    reportMemo = { key, findings: withOverlapFixes(index, out) };
    return reportMemo.findings;
  },
});

interface Structure {
  networks: Networks;
  peered: PeeredPair[];
  drafts: Draft[];
  /** Each overlap's place in the list of overlaps the blocks give (Overlap objects are remade when the connections change). */
  overlapAt: ReadonlyMap<Overlap, number>;
}

/**
 * Everything the words and fixes read, to reuse them when an edit changed none of it (a
 * rename of a VPC no finding names, a peering between VPCs that overlap nothing). The
 * replacement blocks are handed out one after another from a ledger of the plan's blocks,
 * so the same blocks, settings and findings in the making ask in the same order and get
 * the same answers: those three, with the names printed, determine the findings.
 */
interface ReportKey {
  /** The blocks memo: the same object while every VPC's block lists and the external networks are. */
  blocks: unknown;
  /** The fixes keep a moved VPC's own block rules satisfied (quotas among them). */
  settings: unknown;
  /** The findings in the making: relations, members, overlaps, and the gateways, service networks and peerings named. */
  drafts: string;
  /** Each VPC a finding names, moves or reads, by its place and by its id (a repeated id reads another). */
  vpcs: Array<Vpc | undefined>;
}

let reportMemo: { key: ReportKey; findings: OverlapFinding[] } | undefined;

function reportKey(index: PlanIndex, { networks, peered, drafts, overlapAt }: Structure): ReportKey {
  const { plan } = index;
  const parts: string[] = [];
  const named = new Set<number>();
  for (const { a, b, peering, blocks } of peered) {
    named.add(a).add(b);
    parts.push(`p${a},${b},${peering},${blocks.map(([x, y]) => `${formatCidr(x)} ${formatCidr(y)}`).join(';')}`);
  }
  for (const draft of drafts) {
    for (const n of draft.members) named.add(n);
    parts.push(`d${draft.relation}|${draft.members.join(',')}|${draft.overlaps.map((o) => overlapAt.get(o)).join(',')}|${viaName(plan, draft.relation)}`);
  }
  const vpcs: Array<Vpc | undefined> = [];
  for (const n of [...named].sort((x, y) => x - y)) {
    if (n >= networks.vpcCount) continue;
    const vpc = networks.vpcs[n]!;
    vpcs.push(vpc, index.vpcById.get(vpc.id));
  }
  return { blocks: blocksMemo, settings: plan.settings, drafts: parts.join('\n'), vpcs };
}

/** The transit gateway or service network a relation names ('tgw:t', 'sn:s', 'ext-tgw:t:e'), by id and name. */
function viaName(plan: Plan, relation: string): string {
  const [kind, via] = relation.split(':');
  const object = kind === 'tgw' || kind === 'ext-tgw' ? plan.transitGateways[Number(via)] : kind === 'sn' ? plan.serviceNetworks[Number(via)] : undefined;
  return object ? `${object.id} ${nameOf(object)}` : '';
}

function sameReportKey(a: ReportKey, b: ReportKey): boolean {
  return (
    a.blocks === b.blocks && a.settings === b.settings && a.drafts === b.drafts && a.vpcs.length === b.vpcs.length && a.vpcs.every((v, i) => v === b.vpcs[i])
  );
}

/**
 * What overlaps and how it is connected, remembered across checks: the editor re-runs this
 * rule on every change to the VPCs, and most such changes (a rename, a growth target) touch
 * neither a block nor a connection. The blocks part is kept while every VPC keeps its id and
 * its block lists (an edit replaces the VPC object but keeps the lists it did not change) and
 * the external networks are the same; the connections part while the peerings, gateways and
 * service networks are too.
 */
interface BlocksMemo {
  ids: string[];
  v4: unknown[];
  v6: unknown[];
  externals: unknown;
  /** The same object while the VPC and external network ids are: the links' numbering is kept by it. */
  numbering: object;
  /** The last VPC list found to match: the next check of the same list needs no walk. */
  vpcs: readonly Vpc[];
  networks: Networks;
  forest: BlockForest;
  raw: RawOverlap[];
}
let blocksMemo: BlocksMemo | undefined;

function sameBlocks(blocks: BlocksMemo, vpcs: readonly Vpc[], externals: unknown): boolean {
  if (blocks.externals !== externals) return false;
  if (blocks.vpcs === vpcs) return true;
  if (blocks.ids.length !== vpcs.length) return false;
  for (let i = 0; i < vpcs.length; i++) {
    const v = vpcs[i]!;
    if (v.id !== blocks.ids[i] || v.ipv4Cidrs !== blocks.v4[i] || v.ipv6Cidrs !== blocks.v6[i]) return false;
  }
  blocks.vpcs = vpcs;
  return true;
}
let linksMemo: { raw: RawOverlap[]; sections: unknown[]; peered: PeeredPair[]; drafts: Draft[]; overlapAt: Map<Overlap, number> } | undefined;

/** The blocks memo of this plan; `previous` lends its numbering when the ids are the same (a new block keeps every id). */
function blocksOf(index: PlanIndex, previous: BlocksMemo | undefined): BlocksMemo {
  const { vpcs, externalNetworks } = index.plan;
  const ids = new Array<string>(vpcs.length);
  const v4 = new Array<unknown>(vpcs.length);
  const v6 = new Array<unknown>(vpcs.length);
  let sameIds = previous !== undefined && previous.externals === externalNetworks && previous.ids.length === vpcs.length;
  for (let i = 0; i < vpcs.length; i++) {
    const vpc = vpcs[i]!;
    ids[i] = vpc.id;
    v4[i] = vpc.ipv4Cidrs;
    v6[i] = vpc.ipv6Cidrs;
    if (sameIds && previous!.ids[i] !== vpc.id) sameIds = false;
  }
  const networks = (sameIds && patchedNetworks(index, previous!)) || gatherNetworks(index);
  const forest = blockForest(networks.blocks);
  return {
    ids,
    v4,
    v6,
    externals: externalNetworks,
    numbering: sameIds ? previous!.numbering : {},
    vpcs,
    networks,
    forest,
    raw: networks.blocks.length < 2 ? [] : overlapsIn(forest, networks),
  };
}

/**
 * The previous networks with the blocks of the VPCs whose lists changed put in, when each
 * still has as many valid blocks (a block changed, not added): the numbering of blocks
 * stays, and only those VPCs are read. Undefined when the blocks must be gathered anew.
 */
function patchedNetworks(index: PlanIndex, previous: BlocksMemo): Networks | undefined {
  const { vpcs } = index.plan;
  const { networks } = previous;
  let blocks: Cidr[] | undefined;
  for (let n = 0; n < vpcs.length; n++) {
    const vpc = vpcs[n]!;
    if (vpc.ipv4Cidrs === previous.v4[n] && vpc.ipv6Cidrs === previous.v6[n]) continue;
    const first = networks.firstBlock[n] as number;
    const own = [...vpcBlocksWithField(index, vpc, 4), ...vpcBlocksWithField(index, vpc, 6)];
    if (own.length !== (networks.firstBlock[n + 1] as number) - first) return undefined;
    blocks ??= networks.blocks.slice();
    own.forEach(({ block }, k) => {
      blocks![first + k] = block;
    });
  }
  return { ...networks, vpcs, blocks: blocks ?? networks.blocks };
}

function overlapStructure(index: PlanIndex): Structure | undefined {
  const { plan } = index;
  const { vpcs } = plan;
  let blocks = blocksMemo;
  if (!blocks || !sameBlocks(blocks, vpcs, plan.externalNetworks)) {
    blocks = blocksOf(index, blocks);
    blocksMemo = blocks;
  }
  if (blocks!.raw.length === 0) return undefined;
  // The same ids and blocks, but this plan's objects (for names).
  const networks: Networks = { ...blocks!.networks, vpcs, externals: plan.externalNetworks };
  const sections = [plan.peerings, plan.transitGateways, plan.vpnGateways, plan.serviceNetworks];
  let connected = linksMemo;
  if (!connected || connected.raw !== blocks!.raw || connected.sections.some((section, i) => section !== sections[i])) {
    const links = linksOf(plan, networks);
    const classKeys = new Map<number, string>();
    const overlaps = blocks!.raw.map(
      ({ outer, inner }): Overlap => ({
        outer: sideOf(outer, links, networks, classKeys),
        inner: inner && sideOf(inner, links, networks, classKeys),
      }),
    );
    connected = {
      raw: blocks!.raw,
      sections,
      peered: peeredOverlaps(blocks!.forest, networks, links),
      drafts: draftsOf(overlaps, networks, links, classKeys),
      overlapAt: new Map(overlaps.map((o, k) => [o, k])),
    };
    linksMemo = connected;
  }
  return { networks, peered: connected.peered, drafts: connected.drafts, overlapAt: connected.overlapAt };
}

type RawOverlap = { outer: Entry[]; inner: Entry[] | undefined };

/**
 * Every group of equal blocks held by two or more networks (not all external), and every
 * block whose subtree holds another network's block: the overlaps, as entries. The work is
 * one pass over the groups plus, per block, the blocks inside it (at most 33 levels deep
 * for IPv4, 129 for IPv6).
 */
function overlapsIn(forest: BlockForest, networks: Networks): RawOverlap[] {
  const out: RawOverlap[] = [];
  const isExternal = (n: number) => n >= networks.vpcCount;
  const entriesOf = (group: number, into: Entry[]): void => {
    const block = forest.blocks[group]!;
    for (const input of membersOf(forest, group)) into.push({ network: networks.networkOf[input] as number, block });
  };
  for (let g = 0; g < forest.blocks.length; g++) {
    const outer: Entry[] = [];
    entriesOf(g, outer);
    // Inputs are numbered network by network, so a group's networks come in order.
    let networksHere = 0;
    let vpcsHere = 0;
    for (let k = 0; k < outer.length; k++) {
      const n = outer[k]!.network;
      if (k === 0 || n !== outer[k - 1]!.network) {
        networksHere++;
        if (!isExternal(n)) vpcsHere++;
      }
    }
    if (networksHere >= 2 && vpcsHere >= 1) out.push({ outer, inner: undefined });
    const end = forest.subtreeEnd[g] as number;
    if (end === g + 1) continue;
    const inner: Entry[] = [];
    for (let d = g + 1; d < end; d++) entriesOf(d, inner);
    // Worth reporting when some pair across the sides is two networks, not both external.
    const only = networksHere === 1 ? outer[0]!.network : -1;
    if (inner.some((e) => e.network !== only && (vpcsHere > 0 || !isExternal(e.network)))) out.push({ outer, inner });
  }
  return out;
}

function sideOf(entries: readonly Entry[], links: Links, networks: Networks, keys: Map<number, string>): Side {
  const side: Side = { blocksOf: new Map(), classOf: new Map(), classes: [] };
  const classByKey = new Map<string, number>();
  for (const { network, block } of entries) {
    const held = side.blocksOf.get(network);
    if (held) {
      if (!held.includes(block)) held.push(block);
      continue;
    }
    side.blocksOf.set(network, [block]);
    let key = keys.get(network);
    if (key === undefined) keys.set(network, (key = classKey(links, networks, network)));
    let c = classByKey.get(key);
    if (c === undefined) {
      c = side.classes.length;
      classByKey.set(key, c);
      side.classes.push([]);
    }
    side.classes[c]!.push(network);
    side.classOf.set(network, c);
  }
  return side;
}

/**
 * The drafts: for each overlap and relation, the networks with at least one partner across
 * the overlap that relates to them that way and is not peered with them (a peered pair is
 * its own finding). Partners are counted per class: a class holds |class| candidates, less
 * the network itself, less its peers in that class.
 */
function draftsOf(overlaps: readonly Overlap[], networks: Networks, links: Links, classKeys: Map<number, string>): Draft[] {
  const relations = new Map<string, string | undefined>();
  const relate = (a: number, b: number): string | undefined => {
    const key = `${classKeys.get(a)}\u0000${classKeys.get(b)}`;
    if (relations.has(key)) return relations.get(key);
    const found = relation(links, networks, a, b);
    relations.set(key, found);
    return found;
  };
  const drafts = new Map<string, Draft>();
  for (const overlap of overlaps) {
    const byRelation = new Map<string, Set<number>>();
    const visit = (from: Side, to: Side) => {
      for (const [n] of from.blocksOf) {
        const peers = links.peers[n];
        for (let c = 0; c < to.classes.length; c++) {
          const members = to.classes[c]!;
          const found = relate(n, members[0]!);
          if (found === undefined) continue;
          let partners = members.length - (to.classOf.get(n) === c ? 1 : 0);
          if (peers) for (const peer of peers.keys()) if (to.classOf.get(peer) === c) partners--;
          if (partners <= 0) continue;
          let set = byRelation.get(found);
          if (!set) byRelation.set(found, (set = new Set()));
          set.add(n);
        }
      }
    };
    if (overlap.inner) {
      visit(overlap.outer, overlap.inner);
      visit(overlap.inner, overlap.outer);
    } else {
      visit(overlap.outer, overlap.outer);
    }
    for (const [found, set] of byRelation) {
      const members = [...set].sort((x, y) => x - y);
      // Between a VPC and an external network, the finding is about the VPCs and that one network.
      if (found.startsWith('ext-')) {
        const external = Number(found.slice(found.lastIndexOf(':') + 1));
        if (!set.has(external)) continue;
      }
      const key = `${found}\u0000${members.join(',')}`;
      const draft = drafts.get(key);
      if (draft) draft.overlaps.push(overlap);
      else drafts.set(key, { relation: found, members, overlaps: [overlap] });
    }
  }
  return [...drafts.values()];
}

interface PeeredPair {
  a: number;
  b: number;
  peering: string;
  /** [a's block, b's block] for each overlapping pair of their blocks. */
  blocks: Array<[Cidr, Cidr]>;
}

/** Peered VPCs whose blocks overlap: per peering, a look at the two VPCs' few blocks in the forest. */
function peeredOverlaps(forest: BlockForest, networks: Networks, links: Links): PeeredPair[] {
  const { groupOf, subtreeEnd, blocks } = forest;
  const within = (outer: number, inner: number) => outer === inner || (outer < inner && inner < (subtreeEnd[outer] as number));
  const out: PeeredPair[] = [];
  for (let a = 0; a < networks.vpcCount; a++) {
    const peers = links.peers[a];
    if (!peers) continue;
    for (const [b, peering] of [...peers].sort((x, y) => x[0] - y[0])) {
      if (b < a) continue;
      const pairs: Array<[Cidr, Cidr]> = [];
      for (let i = networks.firstBlock[a] as number; i < (networks.firstBlock[a + 1] as number); i++) {
        for (let j = networks.firstBlock[b] as number; j < (networks.firstBlock[b + 1] as number); j++) {
          const gi = groupOf[i] as number;
          const gj = groupOf[j] as number;
          if (within(gi, gj) || within(gj, gi)) pairs.push([blocks[gi]!, blocks[gj]!]);
        }
      }
      if (pairs.length > 0) out.push({ a, b, peering, blocks: pairs });
    }
  }
  return out;
}

/** Words and fixes for the drafts; replacement blocks come from the check run's one allocation (../block-allocation). */
class Report {
  private readonly plan: Plan;

  constructor(
    private readonly index: PlanIndex,
    private readonly networks: Networks,
  ) {
    this.plan = index.plan;
  }

  private idOf(n: number): string {
    return n < this.networks.vpcCount ? this.networks.vpcs[n]!.id : this.networks.externals[n - this.networks.vpcCount]!.id;
  }

  private nameOf(n: number): string {
    return n < this.networks.vpcCount ? nameOf(this.networks.vpcs[n]) : nameOf(this.networks.externals[n - this.networks.vpcCount]);
  }

  /** "VPCs a, b and c", "VPC a and on-premises network dc", "VPCs a, b, c, d, e and 995 more". */
  private names(list: readonly number[], label: (n: number) => string = (n) => this.nameOf(n)): string {
    const allVpcs = list.every((n) => n < this.networks.vpcCount);
    const word = (n: number) => (allVpcs ? '' : n < this.networks.vpcCount ? 'VPC ' : `${this.externalKind(n)} `);
    const shown = list.slice(0, list.length > NAMES_SHOWN + 1 ? NAMES_SHOWN : list.length).map((n) => `${word(n)}${label(n)}`);
    const rest = list.length - shown.length;
    const joined =
      rest > 0
        ? `${shown.join(', ')} and ${formatCount(rest)} more`
        : shown.length > 1
          ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
          : (shown[0] ?? '');
    return allVpcs ? `${list.length === 1 ? 'VPC' : 'VPCs'} ${joined}` : joined;
  }

  private externalKind(n: number): string {
    return this.networks.externals[n - this.networks.vpcCount]!.kind === 'on-premises' ? 'on-premises network' : 'external network';
  }

  /**
   * A free block the size of `block` for network n, in the private ranges, that no network
   * uses and no other suggestion took; the same block the fix moving n's `block` applies.
   */
  private take(n: number, block: Cidr, scope: object, homeFirst: boolean): Cidr | undefined {
    if (block.version !== 4 || n >= this.networks.vpcCount) return undefined;
    return overlapReplacement(this.index, this.idOf(n), block, scope, homeFirst);
  }

  /** For a pair: the block for b, in b's own private range first, as the pair's fix moves it. */
  private replacement(n: number, block: Cidr, scope: object): string {
    const free = this.take(n, block, scope, true);
    return free ? `${formatCidr(free)} instead of ${formatCidr(block)} (free across the plan)` : 'a block that no other VPC uses';
  }

  peered({ a, b, peering, blocks }: PeeredPair): OverlapFinding {
    const names = `VPCs ${this.nameOf(a)} and ${this.nameOf(b)}`;
    // The words and the fix ask in one scope: the block named is the block the fix applies.
    const scope = {};
    const fix = `Renumber one of the VPCs (e.g. give ${this.nameOf(b)} ${this.replacement(b, blocks[0]![1], scope)}), or connect them through a Lattice service network, which tolerates overlap.`;
    const move = overlapFix(this.index, this.idOf(b), [this.idOf(a)], scope);
    return {
      code: 'overlap/peered-vpcs',
      severity: 'error',
      subjects: [this.idOf(a), this.idOf(b)],
      cidrs: pairCidrs(blocks),
      message: `${names} are peered (${peering}) but their blocks overlap (${pairDetail(blocks)}); AWS refuses a peering between VPCs with overlapping blocks, even if only other blocks would be routed.`,
      fix,
      ...(move ? { fixes: [move] } : {}),
    };
  }

  finding(draft: Draft): OverlapFinding | undefined {
    const { relation: found, members } = draft;
    const [kind, first, second] = found.split(':');
    if (kind === 'ext-tgw' || kind === 'ext-vpn') {
      const external = Number(kind === 'ext-tgw' ? second : first);
      const vpcs = members.filter((n) => n !== external);
      const path =
        kind === 'ext-tgw'
          ? `transit gateway ${nameOf(this.plan.transitGateways[Number(first)])}`
          : vpcs.length === 1
            ? 'its VPN gateway'
            : 'their VPN gateways';
      return this.external(draft, vpcs, external, path);
    }
    if (members.length === 2) return this.pair(draft, kind!, Number(first));
    return this.group(draft, kind!, Number(first));
  }

  private pair(draft: Draft, kind: string, via: number): OverlapFinding {
    const [a, b] = draft.members as [number, number];
    const blocks = pairBlocks(draft.overlaps, a, b);
    const cidrs = pairCidrs(blocks);
    const detail = pairDetail(blocks);
    const ids = [this.idOf(a), this.idOf(b)];
    const names = `VPCs ${this.nameOf(a)} and ${this.nameOf(b)}`;
    const moved = blocks[0]![1];
    const scope = {};
    if (kind === 'tgw') {
      const tgw = this.plan.transitGateways[via]!;
      const fix = `Renumber one of the VPCs (e.g. give ${this.nameOf(b)} ${this.replacement(b, moved, scope)}), or keep them in separate transit gateway route tables that never learn each other's routes.`;
      const move = overlapFix(this.index, this.idOf(b), [this.idOf(a)], scope);
      return {
        code: 'overlap/same-transit-gateway',
        severity: 'error',
        subjects: [...ids, tgw.id],
        cidrs,
        message: `${names} are both attached to transit gateway ${nameOf(tgw)} and their blocks overlap (${detail}); traffic to the overlapping addresses cannot be routed to both.`,
        fix,
        ...(move ? { fixes: [move] } : {}),
      };
    }
    if (kind === 'sn') {
      const sn = this.plan.serviceNetworks[via]!;
      return {
        code: 'overlap/lattice-only',
        severity: 'info',
        subjects: [...ids, sn.id],
        cidrs,
        message: `${names} overlap (${detail}) but are joined only through the Lattice service network ${nameOf(sn)}; Lattice handles overlapping VPC blocks, so this works as drawn.`,
        fix: 'Nothing to do, unless you later want to peer them or attach both to a transit gateway: then renumber one.',
      };
    }
    return {
      code: 'overlap/unconnected-vpcs',
      severity: 'warning',
      subjects: ids,
      cidrs,
      message: `${names} overlap (${detail}); they are not connected now, but they can never be peered or routed through a shared transit gateway.`,
      fix: `Give ${this.nameOf(b)} ${this.replacement(b, moved, scope)}, unless the two are meant to stay apart for good.`,
    };
  }

  private group(draft: Draft, kind: string, via: number): OverlapFinding {
    const { members } = draft;
    const ids = members.map((n) => this.idOf(n));
    const cidrs = groupCidrs(draft.overlaps, new Set(members));
    const detail = draft.overlaps.map((o) => this.describe(o, new Set(members))).join('; ');
    const count = formatCount(members.length);
    const shownMovers: number[] = [];
    const scope = {};
    const renumber = this.renumbering(draft, scope, shownMovers);
    if (kind === 'tgw') {
      const tgw = this.plan.transitGateways[via]!;
      const fixes = this.groupFixes(draft, scope, shownMovers);
      return {
        code: 'overlap/same-transit-gateway',
        severity: 'error',
        subjects: [...ids, tgw.id],
        cidrs,
        message: `${count} VPCs attached to transit gateway ${nameOf(tgw)} overlap: ${detail}. Traffic to the overlapping addresses cannot be routed to more than one of them.`,
        fix: `${renumber}, or keep them in separate transit gateway route tables that never learn each other's routes.`,
        ...(fixes.length > 0 ? { fixes } : {}),
      };
    }
    if (kind === 'sn') {
      const sn = this.plan.serviceNetworks[via]!;
      return {
        code: 'overlap/lattice-only',
        severity: 'info',
        subjects: [...ids, sn.id],
        cidrs,
        message: `${count} VPCs overlap (${detail}), joined only through the Lattice service network ${nameOf(sn)}; Lattice handles overlapping VPC blocks, so this works as drawn.`,
        fix: 'Nothing to do, unless you later want to peer some of them or attach them to a transit gateway: then renumber those.',
      };
    }
    return {
      code: 'overlap/unconnected-vpcs',
      severity: 'warning',
      subjects: ids,
      cidrs,
      message: `${count} VPCs overlap: ${detail}. Those with no peering, transit gateway or service network in common are not connected now, but they can never be peered or routed through a shared transit gateway.`,
      fix: `${renumber}, unless they are meant to stay apart for good.`,
    };
  }

  private external(draft: Draft, vpcs: readonly number[], external: number, path: string): OverlapFinding {
    const network = this.networks.externals[external - this.networks.vpcCount]!;
    const kindWord = network.kind === 'on-premises' ? 'on-premises' : 'external';
    const subjects = [...vpcs.map((n) => this.idOf(n)), network.id];
    if (vpcs.length === 1) {
      const blocks = pairBlocks(draft.overlaps, vpcs[0]!, external);
      return {
        code: 'overlap/reachable-external',
        severity: 'error',
        subjects,
        cidrs: pairCidrs(blocks),
        message: `VPC ${this.nameOf(vpcs[0]!)} overlaps ${kindWord} network ${nameOf(network)} (${pairDetail(blocks)}), which it reaches through ${path}; traffic to the overlapping addresses stays in the VPC (the local route wins) and never reaches ${nameOf(network)}.`,
        fix: `Renumber the VPC or the ${kindWord} range so that they do not overlap, or put NAT between them.`,
      };
    }
    const members = new Set(draft.members);
    return {
      code: 'overlap/reachable-external',
      severity: 'error',
      subjects,
      cidrs: groupCidrs(draft.overlaps, members),
      message: `${formatCount(vpcs.length)} VPCs overlap ${kindWord} network ${nameOf(network)}, which they reach through ${path}: ${draft.overlaps.map((o) => this.describe(o, members)).join('; ')}. Traffic to the overlapping addresses stays in each VPC (the local route wins) and never reaches ${nameOf(network)}.`,
      fix: `Renumber the VPCs or the ${kindWord} range so that they do not overlap, or put NAT between them.`,
    };
  }

  /** "VPCs a, b and c share 10.0.0.0/16", or "10.0.0.0/8 of VPC big holds VPCs a (10.0.1.0/24) and b (10.0.2.0/24)": the members of one overlap. */
  private describe(overlap: Overlap, members: ReadonlySet<number>): string {
    const outer = [...overlap.outer.blocksOf.keys()].filter((n) => members.has(n));
    const outerBlock = formatCidr(overlap.outer.blocksOf.values().next().value![0]!);
    if (!overlap.inner) return `${this.names(outer)} share ${outerBlock}`;
    const inner = [...overlap.inner.blocksOf.keys()].filter((n) => members.has(n));
    const innerBlocks = (n: number) => `${this.nameOf(n)} (${overlap.inner!.blocksOf.get(n)!.map(formatCidr).join(', ')})`;
    return `${outerBlock} of ${this.names(outer)} holds ${this.names(inner, innerBlocks)}`;
  }

  /**
   * The fix of a group between connected VPCs: one Apply that moves each VPC its words give a
   * block (at most REPLACEMENTS_SHOWN, so a group of thousands costs a few moves, each one
   * look at the group's blocks) off the other members' blocks, with its subnets, to the block
   * the words name. Once applied, the group shrinks and the next check offers the next ones.
   */
  private groupFixes(draft: Draft, scope: object, movers: readonly number[]): FixAction[] {
    if (movers.length === 0) return [];
    const steps: SetCidrAction[] = [];
    const names: string[] = [];
    for (const n of movers) {
      const others = networkBlocks(
        this.index,
        draft.members.filter((m) => m !== n).map((m) => this.idOf(m)),
      );
      const moved = overlapSteps(this.index, this.idOf(n), others, scope, false);
      if (!moved) return [];
      steps.push(...moved);
      names.push(`${this.nameOf(n)} ${movesText(moved)}`);
    }
    if (steps.length === 0) return [];
    return [asFix(steps, `Move ${names.join('; ')}, with ${movers.length === 1 ? 'its' : 'their'} subnets`)];
  }

  /** "Give b 10.1.0.0/16, c 10.2.0.0/16 and d 10.3.0.0/16 instead, and each of the other 996 a free /16 of its own (...)". */
  private renumbering(draft: Draft, scope: object, shownMovers: number[] = []): string {
    const members = new Set(draft.members);
    const overlap = draft.overlaps[0]!;
    // Equal blocks: all but the first keep moving; nested: the inner ones move.
    const movers = overlap.inner
      ? [...overlap.inner.blocksOf].filter(([n]) => members.has(n) && n < this.networks.vpcCount)
      : [...overlap.outer.blocksOf].filter(([n]) => members.has(n) && n < this.networks.vpcCount).slice(1);
    const shown: string[] = [];
    for (const [n, blocks] of movers.slice(0, REPLACEMENTS_SHOWN)) {
      const free = this.take(n, blocks[0]!, scope, false);
      if (!free) break;
      shown.push(`${this.nameOf(n)} ${formatCidr(free)}`);
      shownMovers.push(n);
    }
    const block = movers[0]?.[1][0];
    if (!block) return 'Renumber all but one of them';
    if (shown.length === 0)
      return block.version === 4
        ? `Renumber all but one of them; no /${block.prefix} is free in the private ranges, so use smaller blocks`
        : 'Renumber all but one of them, each into a block that no other VPC uses';
    const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0]!;
    const others = movers.length - shown.length;
    if (others <= 0) return `Give ${list} instead (free across the plan)`;
    const left = blockAllocation(this.index).networks().count(block.prefix);
    const supply =
      left >= others
        ? `${formatCount(left)} are free in the private ranges`
        : `only ${formatCount(left)} more are free in the private ranges, so some need smaller blocks`;
    return `Give ${list} instead (free across the plan), and each of the other ${formatCount(others)} a /${block.prefix} of its own (${supply})`;
  }
}

/** For a pair finding: [a's block, b's block] for each pair of their blocks that overlap, over the overlaps they share. */
function pairBlocks(overlaps: readonly Overlap[], a: number, b: number): Array<[Cidr, Cidr]> {
  const out: Array<[Cidr, Cidr]> = [];
  for (const { outer, inner } of overlaps) {
    if (!inner) {
      const block = outer.blocksOf.get(a)![0]!;
      out.push([block, block]);
    } else if (outer.blocksOf.has(a) && inner.blocksOf.has(b)) {
      for (const y of inner.blocksOf.get(b)!) out.push([outer.blocksOf.get(a)![0]!, y]);
    } else {
      for (const x of inner.blocksOf.get(a)!) out.push([x, outer.blocksOf.get(b)![0]!]);
    }
  }
  return out;
}

function pairDetail(blocks: ReadonlyArray<[Cidr, Cidr]>): string {
  return blocks.map(([x, y]) => (x === y ? formatCidr(x) : `${formatCidr(x)} and ${formatCidr(y)}`)).join('; ');
}

function pairCidrs(blocks: ReadonlyArray<[Cidr, Cidr]>): string[] {
  const texts = new Set<string>();
  for (const [x, y] of blocks) {
    texts.add(formatCidr(x));
    texts.add(formatCidr(y));
  }
  return [...texts];
}

function groupCidrs(overlaps: readonly Overlap[], members: ReadonlySet<number>): string[] {
  const texts = new Set<string>();
  for (const { outer, inner } of overlaps) {
    for (const side of inner ? [outer, inner] : [outer]) {
      for (const [n, blocks] of side.blocksOf) if (members.has(n)) for (const block of blocks) texts.add(formatCidr(block));
    }
  }
  return [...texts];
}
