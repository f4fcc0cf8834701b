/**
 * Compare with…: the open plan ("this plan") against another plan file ("the other file"),
 * said in plain words. Nothing here is "added" or "removed", which depends on which file one
 * thinks of as newer: each difference is "only in this plan", "only in the other file" or
 * "in both, but different", with the values of each side named. Fields are named in words
 * (fieldLabel), references by the name of what they point to, and each difference says which
 * objects of this plan's canvas show it, so the editor can mark them and step through them.
 */
import type { Finding } from '../checks';
import type { Plan } from '../plan/schema';
import { diffPlans, fieldLabel, KIND_WORDS, listItemText, type CidrChange, type FieldChange, type ObjectKind, type ObjectRef, planObjectsByKind } from './diff';

export type Where = 'only-here' | 'only-there' | 'different';

/** The two sides, as the user reads them. */
export const SIDES = { here: 'this plan', there: 'the other file' } as const;

export const WHERE_WORDS: Readonly<Record<Where, string>> = {
  'only-here': 'Only in this plan',
  'only-there': 'Only in the other file',
  different: 'In both, but different',
};

export interface Difference {
  /** `${kind}:${id}`, unique within a comparison. */
  key: string;
  kind: ObjectKind;
  id: string;
  name: string;
  where: Where;
  /** "Subnet legacy-erp-b", "VPC prod-app". */
  title: string;
  /**
   * One line each. Different: what differs, e.g. "IPv4 block: 10.0.0.0/24 in this plan, 10.0.0.0/23 in the other file (...)".
   * Only on one side: what it is and where, e.g. "IPv4 block: 10.0.0.0/24", "VPC: prod-app (vpc-prod)".
   */
  details: string[];
  /** The nodes of this plan's canvas that show it (for an object only in the other file: where it would be). */
  canvasIds: string[];
  /** It is itself a node of this canvas (the first of canvasIds); otherwise canvasIds hold or join it. */
  marksItself: boolean;
}

export interface PlanComparison {
  identical: boolean;
  differences: Difference[];
  /** The plan's own name, description and settings, in words. */
  planDetails: string[];
  findings: { onlyHere: Finding[]; onlyThere: Finding[] };
}

interface AnyObject {
  id: string;
  name: string;
  [field: string]: unknown;
}

/** The plan's objects by kind and id, for names and canvas places. */
function objectsOf(plan: Plan): Map<string, AnyObject> {
  const out = new Map<string, AnyObject>();
  for (const [kind, items] of planObjectsByKind(plan)) for (const item of items) out.set(`${kind}:${item.id}`, item as AnyObject);
  return out;
}

/** Ids of the objects the canvas draws as nodes (the rest are edges or live inside a VPC). */
function canvasNodes(plan: Plan): Set<string> {
  return new Set(
    [...plan.vpcs, ...plan.subnets, ...plan.natGateways, ...plan.transitGateways, ...plan.serviceNetworks, ...plan.externalNetworks].map((o) => o.id),
  );
}

/** Where an object shows on a canvas: itself if it is a node, else the nodes it belongs to or joins. */
function placesOf(kind: ObjectKind, object: AnyObject): string[] {
  const ids = (...values: unknown[]) => values.flat().filter((v): v is string => typeof v === 'string' && v !== '');
  switch (kind) {
    case 'subnet':
      return ids(object.id, object.vpcId);
    case 'nat-gateway':
      return ids(object.id, object.subnetId);
    case 'internet-gateway':
    case 'egress-only-gateway':
    case 'route-table':
      return ids(object.vpcId);
    case 'vpn-gateway':
      return ids(object.vpcId, object.externalNetworkIds);
    case 'peering':
      return ids(object.requesterVpcId, object.accepterVpcId);
    case 'tgw-route-table':
      return ids(object.transitGatewayId);
    case 'tgw-attachment':
      return ids(object.transitGatewayId, object.vpcId, object.externalNetworkId, object.peerTransitGatewayId);
    case 'service-network':
      return ids(object.id, object.vpcIds);
    default:
      return ids(object.id);
  }
}

const REFERENCE_KINDS: Readonly<Record<string, ObjectKind>> = {
  vpcId: 'vpc',
  requesterVpcId: 'vpc',
  accepterVpcId: 'vpc',
  vpcIds: 'vpc',
  subnetId: 'subnet',
  subnetIds: 'subnet',
  routeTableId: 'route-table',
  externalNetworkId: 'external-network',
  externalNetworkIds: 'external-network',
  peerTransitGatewayId: 'transit-gateway',
  transitGatewayId: 'transit-gateway',
  associatedRouteTableId: 'tgw-route-table',
  propagatedRouteTableIds: 'tgw-route-table',
  attachmentId: 'tgw-attachment',
};

/** A value in words, in the plan it comes from: a reference by the name of what it names, yes/no, a list joined. */
function valueText(field: string, value: unknown, objects: Map<string, AnyObject>): string {
  if (value === undefined || value === null) return 'not set';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') {
    const kind = REFERENCE_KINDS[field];
    const target = kind ? objects.get(`${kind}:${value}`) : undefined;
    if (target) return target.name && target.name !== value ? `${target.name} (${value})` : value;
    return value === '' ? 'empty' : value;
  }
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((item) => itemText(field, item, objects)).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${fieldLabel(k)} ${valueText(k, v, objects)}`)
      .join(', ');
  }
  return String(value);
}

function itemText(field: string, item: unknown, objects: Map<string, AnyObject>): string {
  if (item && typeof item === 'object' && 'destination' in item) {
    const route = item as { destination: string; target?: string; kind?: string; targetId?: string; attachmentId?: string };
    const via = route.targetId ?? route.attachmentId;
    const to = via ? valueText(route.attachmentId ? 'attachmentId' : 'targetId', via, objects) : '';
    return `${route.destination} → ${targetWords(route.target ?? route.kind ?? '')}${to ? ` ${to}` : ''}`;
  }
  if (item && typeof item === 'object' && 'name' in item) return String((item as { name: unknown }).name);
  return valueText(field, item, objects);
}

/** A route target or kind in words: "transit gateway", "NAT gateway", "blackhole". */
function targetWords(target: string): string {
  return target.replace(/-/g, ' ').replace(/^nat /, 'NAT ').replace(/^vpn /, 'VPN ');
}

/** References to an object may name it by id in one plan and be resolved in that plan. */
function sides(field: string, change: FieldChange, here: Map<string, AnyObject>, there: Map<string, AnyObject>): string {
  const label = fieldLabel(field);
  if (change.added !== undefined || change.removed !== undefined) {
    const onlyHere = change.added ?? [];
    const onlyThere = change.removed ?? [];
    const parts: string[] = [];
    // The diff lists items as text; each is found again in its own side's list (a route, say) and
    // put in words there, with the references it holds resolved on that side.
    const list = (items: string[], objects: Map<string, AnyObject>, raw: unknown) =>
      items
        .map((t) => {
          const item = Array.isArray(raw) ? raw.find((x) => typeof x === 'object' && x !== null && listItemText(x) === t) : undefined;
          return item !== undefined ? itemText(field, item, objects) : valueText(field, t, objects);
        })
        .join(', ');
    // diffPlans(other, this): "after" is this plan's list, "before" the other file's.
    if (onlyHere.length > 0) parts.push(`${list(onlyHere, here, change.after)} only in ${SIDES.here}`);
    if (onlyThere.length > 0) parts.push(`${list(onlyThere, there, change.before)} only in ${SIDES.there}`);
    return `${label}: ${parts.length > 0 ? parts.join('; ') : 'the same items in another order'}`;
  }
  return `${label}: ${valueText(field, change.after, here)} in ${SIDES.here}, ${valueText(field, change.before, there)} in ${SIDES.there}`;
}

const CIDR_RELATION: Readonly<Record<CidrChange['kind'], string>> = {
  resized: 'a different size, one inside the other',
  moved: 'other addresses',
  added: '',
  removed: '',
  edited: 'one of them is not a valid block',
};

function cidrSides(change: CidrChange): string {
  // diffPlans(other, this): "before" is the other file's block, "after" this plan's.
  const label = fieldLabel(change.field);
  if (change.kind === 'added') return `${label}: ${change.after} only in ${SIDES.here}`;
  if (change.kind === 'removed') return `${label}: ${change.before} only in ${SIDES.there}`;
  return `${label}: ${change.after} in ${SIDES.here}, ${change.before} in ${SIDES.there} (${CIDR_RELATION[change.kind]})`;
}

/** Settings are nested: name the leaves that differ ("settings › quotas › subnets per VPC"). */
function leafChanges(
  path: string[],
  here: unknown,
  there: unknown,
  out: string[],
  objects: { here: Map<string, AnyObject>; there: Map<string, AnyObject> },
): void {
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isRecord(here) && isRecord(there)) {
    for (const key of [...new Set([...Object.keys(here), ...Object.keys(there)])].sort()) leafChanges([...path, key], here[key], there[key], out, objects);
    return;
  }
  if (JSON.stringify(here) === JSON.stringify(there)) return;
  const field = path.at(-1)!;
  out.push(
    `${path.map(fieldLabel).join(' › ')}: ${valueText(field, here, objects.here)} in ${SIDES.here}, ${valueText(field, there, objects.there)} in ${SIDES.there}`,
  );
}

/** The fields that say what an object is and where, for one that only one side has: its blocks and what holds it. */
const IDENTIFYING_FIELDS = [
  'ipv4Cidrs',
  'ipv6Cidrs',
  'ipv4Cidr',
  'ipv6Cidr',
  'cidrs',
  'vpcId',
  'subnetId',
  'requesterVpcId',
  'accepterVpcId',
  'transitGatewayId',
];

function whatItIs(object: AnyObject | undefined, objects: Map<string, AnyObject>): string[] {
  if (!object) return [];
  return IDENTIFYING_FIELDS.filter((field) => {
    const value = object[field];
    return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  }).map((field) => `${fieldLabel(field)}: ${valueText(field, object[field], objects)}`);
}

/** `thisPlan` is the open plan; `otherPlan` the file picked to compare with. Neither is changed. */
export function comparePlans(thisPlan: Plan, otherPlan: Plan): PlanComparison {
  const diff = diffPlans(otherPlan, thisPlan);
  const here = objectsOf(thisPlan);
  const there = objectsOf(otherPlan);
  const nodes = canvasNodes(thisPlan);
  const onCanvas = (ids: string[]) => [...new Set(ids.filter((id) => nodes.has(id)))];
  const titleOf = (r: ObjectRef) => {
    const kind = KIND_WORDS[r.kind];
    return `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${r.name && r.name.trim() !== '' ? r.name : r.id}`;
  };

  const differences: Difference[] = [];
  const push = (r: ObjectRef, where: Where, details: string[], object: AnyObject | undefined) => {
    const canvasIds = object ? onCanvas(placesOf(r.kind, object)) : [];
    differences.push({
      key: `${r.kind}:${r.id}`,
      kind: r.kind,
      id: r.id,
      name: r.name,
      where,
      title: titleOf(r),
      details,
      canvasIds,
      marksItself: canvasIds[0] === r.id,
    });
  };
  // diff.added: in this plan, not the other file; diff.removed: the other way round.
  for (const r of diff.added) {
    const object = here.get(`${r.kind}:${r.id}`);
    push(r, 'only-here', whatItIs(object, here), object);
  }
  for (const r of diff.removed) {
    const object = there.get(`${r.kind}:${r.id}`);
    push(r, 'only-there', whatItIs(object, there), object);
  }
  for (const c of diff.changed) {
    const cidrFields = new Set(c.cidrs.map((x) => x.field));
    const details = [...c.cidrs.map(cidrSides), ...c.fields.filter((f) => !cidrFields.has(f.field)).map((f) => sides(f.field, f, here, there))];
    push(c, 'different', details, here.get(`${c.kind}:${c.id}`));
  }
  const order: Record<Where, number> = { 'only-here': 0, 'only-there': 1, different: 2 };
  differences.sort((a, b) => order[a.where] - order[b.where]);

  const planDetails: string[] = [];
  for (const f of diff.plan) {
    if (f.field === 'settings') leafChanges(['settings'], f.after, f.before, planDetails, { here, there });
    else
      planDetails.push(
        `Plan ${fieldLabel(f.field)}: ${valueText(f.field, f.after, here)} in ${SIDES.here}, ${valueText(f.field, f.before, there)} in ${SIDES.there}`,
      );
  }
  return {
    identical: diff.identical,
    differences,
    planDetails,
    findings: { onlyHere: diff.findings.appeared, onlyThere: diff.findings.resolved },
  };
}

/** The comparison as a counts line, e.g. "2 only in this plan, 1 only in the other file, 3 different". */
export function comparisonSummary(c: PlanComparison): string {
  const count = (where: Where) => c.differences.filter((d) => d.where === where).length;
  return `${count('only-here')} only in ${SIDES.here}, ${count('only-there')} only in ${SIDES.there}, ${count('different')} different; problems: ${c.findings.onlyHere.length} only in ${SIDES.here}, ${c.findings.onlyThere.length} only in ${SIDES.there}.`;
}

/** Escapes text for a Markdown list item. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|#&]/g, (ch) => `\\${ch}`).replace(/\r?\n/g, ' ');
}

/** The comparison for a review, in Markdown, naming both files. */
export function comparisonMarkdown(c: PlanComparison, names: { here: string; there: string }): string {
  const lines = [
    `# ${md(names.here)} compared with ${md(names.there)}`,
    '',
    `"This plan" is ${md(names.here)}; "the other file" is ${md(names.there)}. Canvas positions are not compared.`,
    '',
  ];
  if (c.identical) return `${lines.join('\n')}No differences.\n`;
  lines.push(comparisonSummary(c));
  if (c.planDetails.length > 0) lines.push('', '## The plan', '', ...c.planDetails.map((d) => `- ${md(d)}`));
  for (const where of ['only-here', 'only-there', 'different'] as const) {
    const list = c.differences.filter((d) => d.where === where);
    if (list.length === 0) continue;
    lines.push('', `## ${WHERE_WORDS[where]}`, '');
    for (const d of list) {
      lines.push(`- ${md(d.title)}${d.id !== d.name ? ` (${md(d.id)})` : ''}`);
      for (const detail of d.details) lines.push(`  - ${md(detail)}`);
    }
  }
  const findings = (title: string, list: readonly Finding[]) => {
    if (list.length === 0) return;
    lines.push('', `## ${title}`, '', ...list.map((f) => `- ${f.severity} ${md(f.code)}: ${md(f.message)}`));
  };
  findings(`Problems only in ${SIDES.here}`, c.findings.onlyHere);
  findings(`Problems only in ${SIDES.there}`, c.findings.onlyThere);
  return `${lines.join('\n')}\n`;
}
