/**
 * Fixes as data: what a finding proposes to change, in a form the editor can apply with one
 * click (one undo step), the CLI can apply with `check --fix`, and a file can carry. Each
 * action names the value it expects to find (`from`), so a fix made for an older plan is
 * refused (the plan comes back unchanged) instead of overwriting something the user changed.
 */
import { contains, formatCidr, parseCidr, type Cidr } from '../../cidr';
import type { Plan, Route } from '../schema';
import { deleteObjects } from './delete';
import { setRoutes, updateObject } from './update';

/** A subnet's or a VPC block's CIDR text. VPC blocks are `ipv4Cidrs[i]` / `ipv6Cidrs[i]`. */
export interface SetCidrAction {
  kind: 'set-cidr';
  objectId: string;
  field: string;
  from: string;
  to: string;
  /**
   * For a VPC IPv4 block: the subnets inside the old block move into the new one, keeping
   * their order, sizes and offsets (renumberSubnets, worked out when the fix is applied), and,
   * when it is the VPC's only block, so do its subnets outside it.
   */
  withSubnets?: boolean;
}

export interface SubnetMove {
  subnetId: string;
  from: string;
  to: string;
}

/** Move several subnets of one VPC at once (a VPC that was re-addressed). */
export interface RenumberSubnetsAction {
  kind: 'renumber-subnets';
  vpcId: string;
  moves: SubnetMove[];
}

/** Give a NAT gateway more addresses (`from` → `to`, at most 8 on one gateway). */
export interface AddNatAddressAction {
  kind: 'add-nat-address';
  natId: string;
  from: number;
  to: number;
}

/** Delete a duplicate peering; routes through it are sent through `keepPeeringId`, which joins the same VPCs. */
export interface RemovePeeringAction {
  kind: 'remove-peering';
  peeringId: string;
  keepPeeringId: string;
}

/**
 * Add routes to a VPC route table (docs/network-rules.md#aws-route-tables-and-subnet-types:
 * a subnet follows the routes of its table, and AWS writes none but the local one for it).
 * Refused when the table is gone or already has a route for one of the destinations: the
 * user has routed it since, and a second route for one destination is not allowed.
 */
export interface AddRouteAction {
  kind: 'add-route';
  routeTableId: string;
  routes: Route[];
}

/** One change made of several (a VPC block moved with its subnets): all of them, in order, or none. */
export interface CombinedAction {
  kind: 'combined';
  steps: FixStep[];
}

/** One change a fix makes. */
export type FixStep = SetCidrAction | RenumberSubnetsAction | AddNatAddressAction | RemovePeeringAction | AddRouteAction;

export type FixAction = (FixStep | CombinedAction) & {
  /** What the Apply button and `check --fix` say, e.g. "Move app-b to 10.0.3.0/24". */
  label: string;
};

const VPC_BLOCK_FIELD = /^(ipv4Cidrs|ipv6Cidrs)\[(\d+)\]$/;

/**
 * The plan with `fix` applied; the very same plan when the fix no longer matches it (the
 * object is gone or its value is not `from` any more), so the editor records no undo step.
 */
export function applyFix(plan: Plan, fix: FixAction): Plan {
  if (fix.kind === 'combined') {
    let next = plan;
    for (const step of fix.steps) {
      const after = applyStep(next, step);
      if (after === next) return plan;
      next = after;
    }
    return next;
  }
  return applyStep(plan, fix);
}

function applyStep(plan: Plan, fix: FixStep): Plan {
  switch (fix.kind) {
    case 'set-cidr':
      return setCidr(plan, fix);
    case 'renumber-subnets': {
      const subnets = new Map(plan.subnets.map((s) => [s.id, s]));
      const stale = fix.moves.some((m) => subnets.get(m.subnetId)?.vpcId !== fix.vpcId || subnets.get(m.subnetId)?.ipv4Cidr !== m.from);
      if (stale) return plan;
      let next = plan;
      for (const m of fix.moves) next = updateObject(next, 'subnet', m.subnetId, { ipv4Cidr: m.to });
      return next;
    }
    case 'add-nat-address': {
      const nat = plan.natGateways.find((n) => n.id === fix.natId);
      if (!nat || nat.addresses !== fix.from) return plan;
      return updateObject(plan, 'natGateway', fix.natId, { addresses: fix.to });
    }
    case 'remove-peering': {
      if (!plan.peerings.some((p) => p.id === fix.peeringId) || !plan.peerings.some((p) => p.id === fix.keepPeeringId)) return plan;
      const routeTables = plan.routeTables.map((table) =>
        table.routes.some((r) => r.targetId === fix.peeringId)
          ? { ...table, routes: table.routes.map((r) => (r.targetId === fix.peeringId ? { ...r, targetId: fix.keepPeeringId } : r)) }
          : table,
      );
      return deleteObjects({ ...plan, routeTables }, [fix.peeringId]);
    }
    case 'add-route':
      return addRoutes(plan, fix);
  }
}

/** The destination as the engine writes it ("10.1.0.0/16"), so "10.01.0.0/16"-style spellings compare equal; the text when invalid. */
function destinationKey(text: string): string {
  const result = parseCidr(text);
  return result.ok ? formatCidr(result.cidr) : text.trim();
}

function addRoutes(plan: Plan, fix: AddRouteAction): Plan {
  const table = plan.routeTables.find((t) => t.id === fix.routeTableId);
  if (!table || fix.routes.length === 0) return plan;
  const named = new Set(table.routes.map((r) => destinationKey(r.destination)));
  if (fix.routes.some((r) => named.has(destinationKey(r.destination)))) return plan;
  return setRoutes(plan, table.id, [...table.routes, ...fix.routes.map((r) => ({ ...r }))]);
}

function setCidr(plan: Plan, fix: SetCidrAction): Plan {
  const vpcField = VPC_BLOCK_FIELD.exec(fix.field);
  if (vpcField) {
    const vpc = plan.vpcs.find((v) => v.id === fix.objectId);
    const list = vpcField[1] as 'ipv4Cidrs' | 'ipv6Cidrs';
    const index = Number(vpcField[2]);
    if (!vpc || vpc[list][index] !== fix.from) return plan;
    const blocks = [...vpc[list]];
    blocks[index] = fix.to;
    const moved = updateObject(plan, 'vpc', vpc.id, { [list]: blocks });
    const carried = fix.withSubnets && list === 'ipv4Cidrs' ? subnetsCarried(plan, vpc.id, fix.from, fix.to) : undefined;
    return carried ? applyStep(moved, carried) : moved;
  }
  if (fix.field !== 'ipv4Cidr' && fix.field !== 'ipv6Cidr') return plan;
  const subnet = plan.subnets.find((s) => s.id === fix.objectId);
  if (!subnet || subnet[fix.field] !== fix.from) return plan;
  return updateObject(plan, 'subnet', subnet.id, { [fix.field]: fix.to });
}

/**
 * Where `vpcId`'s subnets go when its IPv4 block `from` becomes `to` (same size): those inside
 * `from` keep their offsets; when `from` is the VPC's only IPv4 block, its subnets outside it
 * (left behind by an earlier re-addressing) come along too, packed after them in address
 * order. Undefined when no subnet moves.
 */
function subnetsCarried(plan: Plan, vpcId: string, from: string, to: string): RenumberSubnetsAction | undefined {
  const old = parseV4(from);
  const vpc = plan.vpcs.find((v) => v.id === vpcId);
  if (!old || !vpc) return undefined;
  const own = plan.subnets.filter((s) => s.vpcId === vpcId && parseV4(s.ipv4Cidr ?? '') !== undefined);
  const inside = own.filter((s) => contains(old, parseV4(s.ipv4Cidr!)!));
  const moves = renumberSubnets(vpcId, inside, from, to)?.moves ?? [];
  const onlyBlock = vpc.ipv4Cidrs.filter((t) => parseV4(t) !== undefined).length === 1;
  if (onlyBlock) {
    // The moved ones as they will be, so the others are packed around them.
    const target = new Map(moves.map((m) => [m.subnetId, m.to]));
    const after = own.map((s) => (target.has(s.id) ? { ...s, ipv4Cidr: target.get(s.id)! } : s));
    const outside = renumberSubnets(vpcId, after, from, to);
    if (outside) moves.push(...outside.moves);
  }
  return moves.length > 0 ? { kind: 'renumber-subnets', vpcId, moves } : undefined;
}

/** A one-line description of what a fix changes, for `check --fix` ("changed app-b ipv4Cidr: 10.0.1.0/24 → 10.0.3.0/24"). */
export function describeFixChanges(plan: Plan, fix: FixAction): string[] {
  if (fix.kind === 'combined') return fix.steps.flatMap((step) => describeStep(plan, step));
  return describeStep(plan, fix);
}

function describeStep(plan: Plan, fix: FixStep): string[] {
  const name = (id: string) => {
    const found = [...plan.vpcs, ...plan.subnets, ...plan.natGateways, ...plan.peerings, ...plan.routeTables, ...plan.transitGateways].find((o) => o.id === id);
    return found ? found.name || id : id;
  };
  switch (fix.kind) {
    case 'set-cidr': {
      const carried = fix.withSubnets ? subnetsCarried(plan, fix.objectId, fix.from, fix.to) : undefined;
      return [`changed ${name(fix.objectId)} ${fix.field}: ${fix.from} → ${fix.to}`, ...(carried ? describeStep(plan, carried) : [])];
    }
    case 'renumber-subnets':
      return fix.moves.map((m) => `changed ${name(m.subnetId)} ipv4Cidr: ${m.from} → ${m.to}`);
    case 'add-nat-address':
      return [`changed ${name(fix.natId)} addresses: ${fix.from} → ${fix.to}`];
    case 'remove-peering':
      return [`removed peering ${name(fix.peeringId)}`];
    case 'add-route':
      return fix.routes.map(
        (r) =>
          `added route ${r.destination} → ${[r.target.replace(/-/g, ' '), ...(r.targetId === undefined ? [] : [name(r.targetId)])].join(' ')} to route table ${name(fix.routeTableId)}`,
      );
  }
}

/**
 * Where a VPC's IPv4 subnets go when its block changes from `oldBlock` to `newBlock`,
 * keeping their order and sizes: each keeps its offset in the block when all of them fit
 * that way (the layout is unchanged, only shifted); otherwise they are packed in their
 * address order, each at the next aligned address. Undefined when they do not fit.
 * Only subnets outside `newBlock` move; `subnets` are the VPC's subnets.
 */
export function renumberSubnets(
  vpcId: string,
  subnets: ReadonlyArray<{ id: string; vpcId: string; ipv4Cidr?: string | undefined }>,
  oldBlockText: string,
  newBlockText: string,
): Omit<RenumberSubnetsAction, 'label'> | undefined {
  const oldBlock = parseV4(oldBlockText);
  const newBlock = parseV4(newBlockText);
  if (!oldBlock || !newBlock) return undefined;
  const placed = subnets
    .filter((s) => s.vpcId === vpcId)
    .map((s) => ({ id: s.id, text: s.ipv4Cidr ?? '', block: parseV4(s.ipv4Cidr ?? '') }))
    .filter((s): s is { id: string; text: string; block: Cidr } => s.block !== undefined && !contains(newBlock, s.block))
    .sort((a, b) => (a.block.network < b.block.network ? -1 : a.block.network > b.block.network ? 1 : 0));
  if (placed.length === 0) return undefined;
  const end = newBlock.network + (1n << BigInt(32 - newBlock.prefix));
  const fitsAt = (block: Cidr, network: bigint) =>
    block.prefix >= newBlock.prefix && network >= newBlock.network && network + (1n << BigInt(32 - block.prefix)) <= end;
  let targets: bigint[] | undefined;
  if (placed.every((s) => contains(oldBlock, s.block) && fitsAt(s.block, newBlock.network + (s.block.network - oldBlock.network)))) {
    targets = placed.map((s) => newBlock.network + (s.block.network - oldBlock.network));
  } else {
    // Subnets already inside the new block stay; packing must go around them.
    const staying = subnets
      .filter((s) => s.vpcId === vpcId)
      .map((s) => parseV4(s.ipv4Cidr ?? ''))
      .filter((b): b is Cidr => b !== undefined && contains(newBlock, b));
    targets = [];
    let cursor = newBlock.network;
    for (const s of placed) {
      const size = 1n << BigInt(32 - s.block.prefix);
      let at = ((cursor + size - 1n) / size) * size;
      while (staying.some((b) => at < b.network + (1n << BigInt(32 - b.prefix)) && b.network < at + size)) at += size;
      if (!fitsAt(s.block, at)) return undefined;
      targets.push(at);
      cursor = at + size;
    }
  }
  return {
    kind: 'renumber-subnets',
    vpcId,
    moves: placed.map((s, i) => ({ subnetId: s.id, from: s.text, to: formatCidr({ version: 4, network: targets![i]!, prefix: s.block.prefix }) })),
  };
}

function parseV4(text: string): Cidr | undefined {
  const result = parseCidr(text);
  return result.ok && result.cidr.version === 4 ? result.cidr : undefined;
}
