/**
 * Every CIDR field in the plan must be a block of the field's version with no host bits
 * set. The message and the suggested correction come from the cidr module's parser.
 * Other rules skip a field that fails here, so each bad field gives exactly one finding.
 * The fields come read from the plan index; nothing here parses.
 */
import type { CidrError, IpVersion } from '../../cidr';
import type { Plan } from '../../plan/schema';
import { externalFieldErrors, routeDestinationErrors, subnetFieldError, subnetListBlocks, vpcFieldErrors } from '../../plan/plan-index';
import { nameOf } from '../wording';
import { Concatenation, ListMemo, MapMemo } from './plan-memo';
import { definePlanRule, type FindingDefinitions, type FindingOf, type PlanIndex } from '../types';

const SOURCE =
  'docs/network-rules.md#aws-vpc-ipv4-blocks and docs/network-rules.md#aws-subnets; AWS VPC User Guide, "VPC CIDR blocks" and "Subnet CIDR blocks"';

const FINDINGS = {
  'cidr/syntax': { severity: 'error', title: 'A CIDR field is not a valid CIDR block', source: SOURCE },
  'cidr/host-bits': { severity: 'error', title: 'A CIDR block has host bits set', source: `${SOURCE}; RFC 4632 section 3.1` },
  'cidr/version-mismatch': { severity: 'error', title: 'An IPv4 block in an IPv6 field, or the other way round', source: SOURCE },
} satisfies FindingDefinitions;

type SyntaxFinding = FindingOf<typeof FINDINGS>;

/**
 * One field. Most fields are valid, so the parse comes first and the wording (subjects,
 * field path, "VPC prod, IPv4 block 2") is built only for a field that fails.
 */
function report(error: CidrError, version: IpVersion | undefined, subjects: string[], field: string, where: string, out: SyntaxFinding[]): void {
  const code = error.code === 'host-bits-set' ? 'cidr/host-bits' : error.code === 'version-mismatch' ? 'cidr/version-mismatch' : 'cidr/syntax';
  const finding: SyntaxFinding = { code, severity: 'error', message: `${where}: ${error.message}.`.replace(/\?\.$/, '?'), subjects, field };
  if (error.suggestion !== undefined) {
    finding.fix = `Write ${error.suggestion}.`;
    finding.cidrs = [error.suggestion];
  } else if (code === 'cidr/version-mismatch') {
    finding.fix =
      version === 4
        ? 'Move this block to the IPv6 list (ipv6Cidrs / ipv6Cidr), or enter an IPv4 block here.'
        : 'Move this block to the IPv4 list (ipv4Cidrs / ipv4Cidr), or enter an IPv6 block here.';
  }
  out.push(finding);
}

/**
 * Each section item by item (plan-memo): a rename or a new block re-reads one VPC, not all;
 * the subnets by VPC list, which the index keeps for every VPC an edit did not touch.
 */
const memos = {
  vpcs: new ListMemo<Plan['vpcs'][number], SyntaxFinding>(),
  subnets: new MapMemo<string, readonly Plan['subnets'][number][], SyntaxFinding>(),
  routeTables: new ListMemo<Plan['routeTables'][number], SyntaxFinding>(),
  transitGateways: new ListMemo<Plan['transitGateways'][number], SyntaxFinding>(),
  externalNetworks: new ListMemo<Plan['externalNetworks'][number], SyntaxFinding>(),
};
const all = new Concatenation<SyntaxFinding>();

function checkVpc(index: PlanIndex, vpc: Plan['vpcs'][number], out: SyntaxFinding[]): void {
  for (const { index: i, error } of vpcFieldErrors(index, vpc, 4))
    report(error, 4, [vpc.id], `ipv4Cidrs[${i}]`, `VPC ${nameOf(vpc)}, IPv4 block ${i + 1}`, out);
  for (const { index: i, error } of vpcFieldErrors(index, vpc, 6))
    report(error, 6, [vpc.id], `ipv6Cidrs[${i}]`, `VPC ${nameOf(vpc)}, IPv6 block ${i + 1}`, out);
}

function checkSubnet(index: PlanIndex, subnet: Plan['subnets'][number], out: SyntaxFinding[]): void {
  // An empty optional field means "none" (the editor clears a field that way), not a typo: it has no error.
  const v4 = subnetFieldError(index, subnet, 4);
  if (v4 !== undefined) report(v4, 4, [subnet.id, subnet.vpcId], 'ipv4Cidr', `Subnet ${nameOf(subnet)}, IPv4 block`, out);
  const v6 = subnetFieldError(index, subnet, 6);
  if (v6 !== undefined) report(v6, 6, [subnet.id, subnet.vpcId], 'ipv6Cidr', `Subnet ${nameOf(subnet)}, IPv6 block`, out);
}

/** A VPC's subnets; a field the list's blocks hold as valid needs no second look. */
function subnetListFindings(index: PlanIndex, list: readonly Plan['subnets'][number][], out: SyntaxFinding[]): void {
  const { v4, v6 } = subnetListBlocks(index, list);
  for (let k = 0; k < list.length; k++) {
    if (v4[k] !== undefined && (v6[k] !== undefined || list[k]!.ipv6Cidr === undefined || list[k]!.ipv6Cidr === '')) continue;
    checkSubnet(index, list[k]!, out);
  }
}

function checkRouteTable(index: PlanIndex, table: Plan['routeTables'][number], out: SyntaxFinding[]): void {
  for (const { index: i, error } of routeDestinationErrors(index, table)) {
    report(error, undefined, [table.id], `routes[${i}].destination`, `Route table ${nameOf(table)}, route ${i + 1} destination`, out);
  }
}

function checkTransitGateway(index: PlanIndex, tgw: Plan['transitGateways'][number], out: SyntaxFinding[]): void {
  for (const table of tgw.routeTables) {
    for (const { index: i, error } of routeDestinationErrors(index, table)) {
      report(
        error,
        undefined,
        [table.id, tgw.id],
        `routes[${i}].destination`,
        `Transit gateway ${nameOf(tgw)}, route table ${nameOf(table)}, route ${i + 1} destination`,
        out,
      );
    }
  }
}

function checkExternalNetwork(index: PlanIndex, network: Plan['externalNetworks'][number], out: SyntaxFinding[]): void {
  for (const { index: i, error } of externalFieldErrors(index, network)) {
    report(
      error,
      undefined,
      [network.id],
      `cidrs[${i}]`,
      `${network.kind === 'on-premises' ? 'On-premises network' : 'External network'} ${nameOf(network)}, block ${i + 1}`,
      out,
    );
  }
}

export const cidrSyntaxRule = definePlanRule({
  scope: 'plan',
  name: 'cidr-syntax',
  findings: FINDINGS,
  dependsOn: ['vpcs', 'subnets', 'routeTables', 'transitGateways', 'externalNetworks'],
  check(index: PlanIndex): SyntaxFinding[] {
    const { plan, subnetsByVpc } = index;
    return all.of([
      memos.vpcs.findings(plan.vpcs, [], (vpc, out) => checkVpc(index, vpc, out)),
      memos.subnets.findings(subnetsByVpc, [], (_, list, out) => subnetListFindings(index, list, out)),
      memos.routeTables.findings(plan.routeTables, [], (table, out) => checkRouteTable(index, table, out)),
      memos.transitGateways.findings(plan.transitGateways, [], (tgw, out) => checkTransitGateway(index, tgw, out)),
      memos.externalNetworks.findings(plan.externalNetworks, [], (network, out) => checkExternalNetwork(index, network, out)),
    ]);
  },
});
