/**
 * Every CIDR field in the plan must be a block of the field's version with no host bits
 * set. The message and the suggested correction come from the cidr module's parser.
 * Other rules skip a field that fails here, so each bad field gives exactly one finding.
 */
import type { IpVersion } from '../../cidr';
import type { Plan } from '../../plan/schema';
import { nameOf, parseCidrCached } from '../plan-index';
import type { Finding, PlanIndex, PlanRule } from '../types';

const SOURCE = 'NETWORK-RULES.md "AWS VPC, IPv4" and "AWS subnets"; AWS VPC User Guide, "VPC CIDR blocks" and "Subnet CIDR blocks"';

interface Field {
  subjects: string[];
  field: string;
  /** What the field is, for the message: "VPC prod, ipv4Cidrs[1]". */
  where: string;
  text: string;
  version?: IpVersion;
}

function checkField(f: Field, out: Finding[]): void {
  const result = parseCidrCached(f.text, f.version);
  if (result.ok) return;
  const { error } = result;
  const code = error.code === 'host-bits-set' ? 'cidr/host-bits' : error.code === 'version-mismatch' ? 'cidr/version-mismatch' : 'cidr/syntax';
  const finding: Finding = { code, severity: 'error', message: `${f.where}: ${error.message}.`.replace(/\?\.$/, '?'), subjects: f.subjects, field: f.field };
  if (error.suggestion !== undefined) {
    finding.fix = `Write ${error.suggestion}.`;
    finding.cidrs = [error.suggestion];
  } else if (code === 'cidr/version-mismatch') {
    finding.fix = f.version === 4 ? 'Move this block to the IPv6 list (ipv6Cidrs / ipv6Cidr), or enter an IPv4 block here.' : 'Move this block to the IPv4 list (ipv4Cidrs / ipv4Cidr), or enter an IPv6 block here.';
  }
  out.push(finding);
}

/**
 * Results per plan object, by identity: after one edit only the edited object is parsed
 * and described again. The cache holds no state of its own beyond what the object
 * determines, so the rule stays a pure function of the plan.
 */
const byObject = new WeakMap<object, Finding[]>();

function memo(object: object, compute: (out: Finding[]) => void): Finding[] {
  let found = byObject.get(object);
  if (found === undefined) {
    found = [];
    compute(found);
    byObject.set(object, found);
  }
  return found;
}

function vpcFindings(vpc: Plan['vpcs'][number]): Finding[] {
  return memo(vpc, (out) => {
    const name = nameOf(vpc);
    vpc.ipv4Cidrs.forEach((text, i) => checkField({ subjects: [vpc.id], field: `ipv4Cidrs[${i}]`, where: `VPC ${name}, IPv4 block ${i + 1}`, text, version: 4 }, out));
    vpc.ipv6Cidrs.forEach((text, i) => checkField({ subjects: [vpc.id], field: `ipv6Cidrs[${i}]`, where: `VPC ${name}, IPv6 block ${i + 1}`, text, version: 6 }, out));
  });
}

function subnetFindings(subnet: Plan['subnets'][number]): Finding[] {
  return memo(subnet, (out) => {
    const name = nameOf(subnet);
    // An empty optional field means "none" (the editor clears a field that way), not a typo.
    if (subnet.ipv4Cidr !== undefined && subnet.ipv4Cidr !== '') {
      checkField({ subjects: [subnet.id, subnet.vpcId], field: 'ipv4Cidr', where: `Subnet ${name}, IPv4 block`, text: subnet.ipv4Cidr, version: 4 }, out);
    }
    if (subnet.ipv6Cidr !== undefined && subnet.ipv6Cidr !== '') {
      checkField({ subjects: [subnet.id, subnet.vpcId], field: 'ipv6Cidr', where: `Subnet ${name}, IPv6 block`, text: subnet.ipv6Cidr, version: 6 }, out);
    }
  });
}

const byList = new WeakMap<readonly Plan['subnets'][number][], Finding[]>();
function listFindings(list: readonly Plan['subnets'][number][]): Finding[] {
  let found = byList.get(list);
  if (found === undefined) {
    found = [];
    for (const subnet of list) for (const f of subnetFindings(subnet)) found.push(f);
    byList.set(list, found);
  }
  return found;
}

function routeTableFindings(table: Plan['routeTables'][number]): Finding[] {
  return memo(table, (out) => {
    const name = nameOf(table);
    table.routes.forEach((route, i) =>
      checkField({ subjects: [table.id], field: `routes[${i}].destination`, where: `Route table ${name}, route ${i + 1} destination`, text: route.destination }, out),
    );
  });
}

function transitGatewayFindings(tgw: Plan['transitGateways'][number]): Finding[] {
  return memo(tgw, (out) => {
    for (const table of tgw.routeTables) {
      const name = nameOf(table);
      table.routes.forEach((route, i) =>
        checkField({ subjects: [table.id, tgw.id], field: `routes[${i}].destination`, where: `Transit gateway ${nameOf(tgw)}, route table ${name}, route ${i + 1} destination`, text: route.destination }, out),
      );
    }
  });
}

function externalNetworkFindings(network: Plan['externalNetworks'][number]): Finding[] {
  return memo(network, (out) => {
    network.cidrs.forEach((text, i) =>
      checkField({ subjects: [network.id], field: `cidrs[${i}]`, where: `${network.kind === 'on-premises' ? 'On-premises network' : 'External network'} ${nameOf(network)}, block ${i + 1}`, text }, out),
    );
  });
}

export const cidrSyntaxRule: PlanRule = {
  scope: 'plan',
  name: 'cidr-syntax',
  findings: {
    'cidr/syntax': { severity: 'error', title: 'A CIDR field is not a valid CIDR block', source: SOURCE },
    'cidr/host-bits': { severity: 'error', title: 'A CIDR block has host bits set', source: `${SOURCE}; RFC 4632 section 3.1` },
    'cidr/version-mismatch': { severity: 'error', title: 'An IPv4 block in an IPv6 field, or the other way round', source: SOURCE },
  },
  dependsOn: ['vpcs', 'subnets', 'routeTables', 'transitGateways', 'externalNetworks'],
  check({ plan, subnetsByVpc }: PlanIndex): Finding[] {
    const out: Finding[] = [];
    const add = (found: Finding[]) => {
      for (const f of found) out.push(f);
    };
    for (const vpc of plan.vpcs) add(vpcFindings(vpc));
    // By VPC list: the index keeps the lists of unedited VPCs, so after a subnet edit only one list is walked.
    for (const list of subnetsByVpc.values()) add(listFindings(list));
    for (const table of plan.routeTables) add(routeTableFindings(table));
    for (const tgw of plan.transitGateways) add(transitGatewayFindings(tgw));
    for (const network of plan.externalNetworks) add(externalNetworkFindings(network));
    return out;
  },
};
