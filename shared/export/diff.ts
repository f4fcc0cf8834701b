/**
 * What changed between two versions of a plan: objects added, removed and changed (by kind
 * and id, with the changed fields), CIDR changes in network terms (resized, moved, block
 * added or removed), and the findings that appear or go away (by code + subjects).
 * Canvas positions (`layout`) are not compared: moving a box changes no network.
 * Printed, fields and kinds are named in words ("IPv4 block", "NAT gateway"), never by
 * the file's field names.
 */
import { checkPlan, type Finding } from '../checks';
import { contains, parseCidr } from '../cidr';
import type { Plan } from '../plan/schema';

export type ObjectKind =
  | 'vpc'
  | 'subnet'
  | 'internet-gateway'
  | 'egress-only-gateway'
  | 'vpn-gateway'
  | 'nat-gateway'
  | 'route-table'
  | 'peering'
  | 'transit-gateway'
  | 'tgw-route-table'
  | 'tgw-attachment'
  | 'service-network'
  | 'external-network';

export interface ObjectRef {
  kind: ObjectKind;
  id: string;
  name: string;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** For list fields: the items that were added and removed, as text. */
  added?: string[];
  removed?: string[];
}

export type CidrChangeKind = 'resized' | 'moved' | 'added' | 'removed' | 'edited';

export interface CidrChange {
  field: string;
  /** resized: same addresses grown or shrunk (one block contains the other); moved: other addresses; edited: text that is not a valid CIDR on one side. */
  kind: CidrChangeKind;
  before?: string;
  after?: string;
}

export interface ObjectChange extends ObjectRef {
  fields: FieldChange[];
  cidrs: CidrChange[];
}

export interface PlanDiff {
  /** Plan-level fields: name, description, settings. */
  plan: FieldChange[];
  added: ObjectRef[];
  removed: ObjectRef[];
  changed: ObjectChange[];
  findings: { appeared: Finding[]; resolved: Finding[] };
  /** True when nothing but the layout differs. */
  identical: boolean;
}

interface Entry {
  kind: ObjectKind;
  id: string;
  name: string;
  value: Record<string, unknown>;
}

/** Single-CIDR and CIDR-list fields, per kind. */
const CIDR_FIELDS: Partial<Record<ObjectKind, readonly string[]>> = {
  vpc: ['ipv4Cidrs', 'ipv6Cidrs'],
  subnet: ['ipv4Cidr', 'ipv6Cidr'],
  'external-network': ['cidrs'],
};

/** Every object kind in words, as an engineer says it. */
export const KIND_WORDS: Readonly<Record<ObjectKind, string>> = {
  vpc: 'VPC',
  subnet: 'subnet',
  'internet-gateway': 'internet gateway',
  'egress-only-gateway': 'egress-only gateway',
  'vpn-gateway': 'VPN gateway',
  'nat-gateway': 'NAT gateway',
  'route-table': 'route table',
  peering: 'peering',
  'transit-gateway': 'transit gateway',
  'tgw-route-table': 'transit gateway route table',
  'tgw-attachment': 'transit gateway attachment',
  'service-network': 'Lattice service network',
  'external-network': 'external network',
};

/**
 * Every field of the plan format in words (the schema's names are for files, not people); a
 * test checks that each field of every object in the schema has one.
 */
export const FIELD_WORDS: Readonly<Record<string, string>> = {
  id: 'id',
  name: 'name',
  description: 'description',
  notes: 'notes',
  region: 'region',
  accountId: 'AWS account',
  ipv4Cidrs: 'IPv4 blocks',
  ipv6Cidrs: 'IPv6 blocks',
  ipv6Source: 'IPv6 source',
  growth: 'room to grow',
  vpcId: 'VPC',
  availabilityZone: 'availability zone',
  tier: 'tier',
  ipv4Cidr: 'IPv4 block',
  ipv6Cidr: 'IPv6 block',
  hostsNeeded: 'hosts needed',
  growthPercent: 'growth headroom (%)',
  byoip: 'BYOIP range',
  bastion: 'bastion host',
  routeTableId: 'route table',
  externalNetworkIds: 'VPN connections to',
  subnetId: 'subnet',
  connectivity: 'connectivity',
  addresses: 'IPv4 addresses',
  demand: 'connection demand',
  instances: 'instances',
  peakConnectionsPerInstance: 'peak connections per instance',
  destinations: 'destinations',
  share: 'share (%)',
  main: 'main route table',
  routes: 'routes',
  destination: 'destination',
  target: 'target',
  targetId: 'target',
  requesterVpcId: 'requester VPC',
  accepterVpcId: 'accepter VPC',
  status: 'status',
  asn: 'ASN',
  routeTables: 'route tables',
  attachments: 'attachments',
  transitGatewayId: 'transit gateway',
  type: 'attachment type',
  subnetIds: 'subnets',
  externalNetworkId: 'network on the far side',
  peerTransitGatewayId: 'peer transit gateway',
  associatedRouteTableId: 'associated route table',
  propagatedRouteTableIds: 'propagates to',
  attachmentId: 'attachment',
  vpcIds: 'associated VPCs',
  services: 'services',
  kind: 'kind',
  cidrs: 'address blocks',
  customerGatewayIp: 'customer gateway address',
  bgpAsn: 'customer gateway BGP ASN',
  settings: 'settings',
  deriveRoutes: 'derive routes',
  showRouteLines: 'route lines on the canvas',
  quotas: 'quotas',
  ipv4BlocksPerVpc: 'IPv4 blocks per VPC',
  ipv6BlocksPerVpc: 'IPv6 blocks per VPC',
  subnetsPerVpc: 'subnets per VPC',
  peeringsPerVpc: 'peerings per VPC',
  serviceNetworkVpcAssociations: 'VPC associations per service network',
  subnets: 'subnets',
  prefix: 'prefix length',
};

/** A field in words; a field the table lacks is split at its capitals rather than shown raw. */
export function fieldLabel(field: string): string {
  return FIELD_WORDS[field] ?? field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Every object of a plan, kind by kind: the one listing the diff and the comparison share. A
 * transit gateway's route tables and attachments come as objects of their own, each carrying
 * its gateway's id.
 */
export function planObjectsByKind(plan: Plan): Array<[ObjectKind, ReadonlyArray<{ id: string; name: string }>]> {
  return [
    ['vpc', plan.vpcs],
    ['subnet', plan.subnets],
    ['internet-gateway', plan.internetGateways],
    ['egress-only-gateway', plan.egressOnlyGateways],
    ['vpn-gateway', plan.vpnGateways],
    ['nat-gateway', plan.natGateways],
    ['route-table', plan.routeTables],
    ['peering', plan.peerings],
    ['transit-gateway', plan.transitGateways],
    ['tgw-route-table', plan.transitGateways.flatMap((tgw) => tgw.routeTables.map((t) => ({ ...t, transitGatewayId: tgw.id })))],
    ['tgw-attachment', plan.transitGateways.flatMap((tgw) => tgw.attachments.map((a) => ({ ...a, transitGatewayId: tgw.id })))],
    ['service-network', plan.serviceNetworks],
    ['external-network', plan.externalNetworks],
  ];
}

/** Fields compared on their own objects, not as part of their parent's value. */
const NESTED_OBJECTS: Partial<Record<ObjectKind, readonly string[]>> = { 'transit-gateway': ['routeTables', 'attachments'] };

function entries(plan: Plan): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const [kind, items] of planObjectsByKind(plan)) {
    for (const item of items) {
      const value: Record<string, unknown> = { ...item };
      for (const key of NESTED_OBJECTS[kind] ?? []) delete value[key];
      out.set(`${kind}\u0000${item.id}`, { kind, id: item.id, name: item.name, value });
    }
  }
  return out;
}

/** JSON with sorted keys, so equal values compare equal whatever the key order. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      }
      return v;
    }) ?? 'undefined'
  );
}

/**
 * Structural equality whatever the key order, without building text: most objects of two
 * versions of a plan are unchanged, and at 10,000 VPCs writing each one out to compare it
 * costs seconds and hundreds of megabytes.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const list = b as unknown[];
    if (a.length !== list.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], list[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    if (x[key] === undefined) continue;
    keys++;
    if (!sameValue(x[key], y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) keys--;
  return keys === 0;
}

/** A list item as the diff compares it (a route as "10.1.0.0/16 -> peering pcx-1"). */
export function listItemText(item: unknown): string {
  if (typeof item === 'string') return item;
  if (item && typeof item === 'object' && 'destination' in item) {
    const r = item as { destination: string; target?: string; kind?: string; targetId?: string; attachmentId?: string };
    const to = r.target ?? r.kind ?? '';
    const id = r.targetId ?? r.attachmentId;
    return `${r.destination} -> ${to}${id ? ` ${id}` : ''}`;
  }
  return canonical(item);
}

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: FieldChange[] = [];
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    if (sameValue(a, b)) continue;
    const change: FieldChange = { field: key, before: a, after: b };
    if (Array.isArray(a) || Array.isArray(b)) {
      const beforeItems = (Array.isArray(a) ? a : []).map(listItemText);
      const afterItems = (Array.isArray(b) ? b : []).map(listItemText);
      // Sets, not includes(): a service network may list thousands of VPCs.
      const beforeSet = new Set(beforeItems);
      const afterSet = new Set(afterItems);
      change.added = afterItems.filter((t) => !beforeSet.has(t));
      change.removed = beforeItems.filter((t) => !afterSet.has(t));
    }
    out.push(change);
  }
  return out;
}

/** How one CIDR turned into another. */
export function classifyCidrChange(field: string, before: string | undefined, after: string | undefined): CidrChange {
  const change: CidrChange = { field, kind: 'edited' };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  if (before === undefined || before === '') return { ...change, kind: 'added' };
  if (after === undefined || after === '') return { ...change, kind: 'removed' };
  const a = parseCidr(before);
  const b = parseCidr(after);
  if (!a.ok || !b.ok) return change;
  const nested = contains(a.cidr, b.cidr) || contains(b.cidr, a.cidr);
  change.kind = nested && a.cidr.prefix !== b.cidr.prefix ? 'resized' : 'moved';
  return change;
}

function cidrChanges(kind: ObjectKind, before: Record<string, unknown>, after: Record<string, unknown>): CidrChange[] {
  const out: CidrChange[] = [];
  for (const field of CIDR_FIELDS[kind] ?? []) {
    const a = before[field];
    const b = after[field];
    if (sameValue(a, b)) continue;
    if (!Array.isArray(a) && !Array.isArray(b)) {
      out.push(classifyCidrChange(field, a as string | undefined, b as string | undefined));
      continue;
    }
    const beforeList = (Array.isArray(a) ? a : []) as string[];
    const afterList = (Array.isArray(b) ? b : []) as string[];
    const removed = beforeList.filter((c) => !afterList.includes(c));
    const added = afterList.filter((c) => !beforeList.includes(c));
    // Pair a removed block with an added one that overlaps it (resized), then the rest in order (moved).
    for (const r of [...removed]) {
      const rp = parseCidr(r);
      const match = added.find((x) => {
        const xp = parseCidr(x);
        return rp.ok && xp.ok && (contains(rp.cidr, xp.cidr) || contains(xp.cidr, rp.cidr));
      });
      if (match !== undefined) {
        out.push(classifyCidrChange(field, r, match));
        removed.splice(removed.indexOf(r), 1);
        added.splice(added.indexOf(match), 1);
      }
    }
    while (removed.length > 0 && added.length > 0) out.push(classifyCidrChange(field, removed.shift(), added.shift()));
    for (const r of removed) out.push({ field, kind: 'removed', before: r });
    for (const x of added) out.push({ field, kind: 'added', after: x });
  }
  return out;
}

function findingKey(f: Finding): string {
  return `${f.code}\u0000${f.subjects.join('\u0000')}`;
}

export function diffPlans(before: Plan, after: Plan): PlanDiff {
  const a = entries(before);
  const b = entries(after);
  const added: ObjectRef[] = [];
  const removed: ObjectRef[] = [];
  const changed: ObjectChange[] = [];
  for (const [key, entry] of a) {
    const other = b.get(key);
    if (!other) {
      removed.push({ kind: entry.kind, id: entry.id, name: entry.name });
      continue;
    }
    if (sameValue(entry.value, other.value)) continue;
    const fields = fieldChanges(entry.value, other.value);
    if (fields.length > 0) {
      changed.push({ kind: entry.kind, id: entry.id, name: other.name, fields, cidrs: cidrChanges(entry.kind, entry.value, other.value) });
    }
  }
  for (const [key, entry] of b) if (!a.has(key)) added.push({ kind: entry.kind, id: entry.id, name: entry.name });
  const planFields = fieldChanges(
    { name: before.name, description: before.description, settings: before.settings },
    { name: after.name, description: after.description, settings: after.settings },
  );
  const identical = planFields.length === 0 && added.length === 0 && removed.length === 0 && changed.length === 0;
  let appeared: Finding[] = [];
  let resolved: Finding[] = [];
  if (!identical) {
    const beforeFindings = checkPlan(before);
    const afterFindings = checkPlan(after);
    const beforeKeys = new Set(beforeFindings.map(findingKey));
    const afterKeys = new Set(afterFindings.map(findingKey));
    appeared = afterFindings.filter((f) => !beforeKeys.has(findingKey(f)));
    resolved = beforeFindings.filter((f) => !afterKeys.has(findingKey(f)));
  }
  return { plan: planFields, added, removed, changed, findings: { appeared, resolved }, identical };
}

function show(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return canonical(value);
}

function refText(r: ObjectRef): string {
  return r.name && r.name !== r.id ? `${KIND_WORDS[r.kind]} ${r.name} (${r.id})` : `${KIND_WORDS[r.kind]} ${r.id}`;
}

const CIDR_VERBS: Record<CidrChangeKind, string> = { resized: 'resized', moved: 'moved', added: 'block added', removed: 'block removed', edited: 'edited' };

function cidrText(c: CidrChange): string {
  const range = c.before !== undefined && c.after !== undefined ? `${c.before} -> ${c.after}` : (c.after ?? c.before ?? '');
  return `${fieldLabel(c.field)}: ${CIDR_VERBS[c.kind]} ${range}`;
}

function fieldText(f: FieldChange): string {
  if (f.added !== undefined || f.removed !== undefined) {
    const parts = [...(f.added ?? []).map((x) => `+ ${x}`), ...(f.removed ?? []).map((x) => `- ${x}`)];
    return `${fieldLabel(f.field)}: ${parts.length > 0 ? parts.join('; ') : 'reordered'}`;
  }
  return `${fieldLabel(f.field)}: ${show(f.before)} -> ${show(f.after)}`;
}

/** Escapes text for a Markdown list or table cell. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|#&]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function formatPlanDiff(diff: PlanDiff, format: 'text' | 'markdown'): string {
  const lines: string[] = [];
  const esc = format === 'markdown' ? md : (t: string) => t;
  const heading = (t: string) => lines.push(format === 'markdown' ? `\n## ${t}\n` : `\n${t}:`);
  const item = (t: string, depth = 0) => lines.push(`${'  '.repeat(depth)}${format === 'markdown' ? '- ' : depth === 0 ? '  ' : '  - '}${esc(t)}`);
  if (diff.identical)
    return format === 'markdown'
      ? '# Plan changes\n\nNo differences (canvas positions are not compared).\n'
      : 'No differences (canvas positions are not compared).\n';
  lines.push(format === 'markdown' ? '# Plan changes' : 'Plan changes');
  lines.push(
    `${format === 'markdown' ? '\n' : ''}${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed; findings: ${diff.findings.appeared.length} new, ${diff.findings.resolved.length} resolved.`,
  );
  if (diff.plan.length > 0) {
    heading('Plan');
    for (const f of diff.plan) item(fieldText(f));
  }
  if (diff.added.length > 0) {
    heading('Added');
    for (const r of diff.added) item(refText(r));
  }
  if (diff.removed.length > 0) {
    heading('Removed');
    for (const r of diff.removed) item(refText(r));
  }
  if (diff.changed.length > 0) {
    heading('Changed');
    for (const c of diff.changed) {
      item(refText(c));
      const cidrFields = new Set(c.cidrs.map((x) => x.field));
      for (const x of c.cidrs) item(cidrText(x), 1);
      for (const f of c.fields) if (!cidrFields.has(f.field)) item(fieldText(f), 1);
    }
  }
  if (diff.findings.appeared.length > 0) {
    heading('New findings');
    for (const f of diff.findings.appeared) item(`${f.severity} ${f.code} [${f.subjects.join(', ')}]: ${f.message}`);
  }
  if (diff.findings.resolved.length > 0) {
    heading('Resolved findings');
    for (const f of diff.findings.resolved) item(`${f.severity} ${f.code} [${f.subjects.join(', ')}]: ${f.message}`);
  }
  return `${lines.join('\n')}\n`;
}
