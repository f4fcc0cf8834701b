/**
 * Subnets and their addresses as CSV, for spreadsheets and for CSV import.
 *
 * Format (RFC 4180): UTF-8, CRLF line ends (also after the last record), one header row
 * with exactly these column names, in this order:
 *   vpc, vpc_id, account, region, vpc_ipv4_cidrs, vpc_ipv6_cidrs, subnet, subnet_id,
 *   availability_zone, tier, ipv4_cidr, ipv4_first, ipv4_last, ipv4_size, ipv4_usable,
 *   ipv6_cidr, hosts_needed, utilisation_percent
 * vpc_ipv4_cidrs and vpc_ipv6_cidrs are the VPC's blocks, space-separated (a space is neither a
 * delimiter a spreadsheet uses nor part of a CIDR), so an import rebuilds the VPCs as planned
 * rather than guessing a block around their subnets.
 * A field is wrapped in double quotes when it holds a comma, a double quote, CR or LF;
 * a double quote inside is doubled. An empty field means "not set".
 *
 * Formula injection (OWASP "CSV Injection"): a text cell that starts with = + - @ (or a tab
 * or CR) gets a leading apostrophe, so a spreadsheet shows it as text instead of running it.
 * An importer strips one leading ' when the next character is one of = + - @ \t \r.
 * Only names, ids, account, region and zone can start so: CIDRs and numbers never do.
 *
 * Values: ipv4_cidr and ipv6_cidr are the plan's text exactly (the round trip must give the
 * same addresses, and an invalid CIDR stays visible as typed); ipv4_first/last/size/usable
 * are computed (empty when the CIDR is not valid); ipv4_usable follows AWS (5 reserved,
 * none for BYOIP); utilisation_percent = hosts_needed / ipv4_usable x 100, one decimal.
 */
import { addressCount, firstAddress, formatAddress, lastAddress, parseCidr, usableAddresses } from '../cidr';
import type { Plan } from '../plan/schema';

export const SUBNET_CSV_COLUMNS = [
  'vpc',
  'vpc_id',
  'account',
  'region',
  'vpc_ipv4_cidrs',
  'vpc_ipv6_cidrs',
  'subnet',
  'subnet_id',
  'availability_zone',
  'tier',
  'ipv4_cidr',
  'ipv4_first',
  'ipv4_last',
  'ipv4_size',
  'ipv4_usable',
  'ipv6_cidr',
  'hosts_needed',
  'utilisation_percent',
] as const;

export type SubnetCsvColumn = (typeof SUBNET_CSV_COLUMNS)[number];

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell, defused against spreadsheet formulas. */
export function csvText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180 quoting of one field. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function subnetsToCsv(plan: Plan): string {
  const vpcs = new Map(plan.vpcs.map((v) => [v.id, v]));
  const rows: string[][] = [[...SUBNET_CSV_COLUMNS]];
  for (const subnet of plan.subnets) {
    const vpc = vpcs.get(subnet.vpcId);
    const v4 = subnet.ipv4Cidr ? parseCidr(subnet.ipv4Cidr, { version: 4 }) : undefined;
    const block = v4?.ok ? v4.cidr : undefined;
    const usable = block ? usableAddresses(block, 'aws', { byoip: subnet.byoip === true }) : undefined;
    const utilisation =
      usable !== undefined && subnet.hostsNeeded !== undefined ? (usable === 0n ? '' : ((subnet.hostsNeeded / Number(usable)) * 100).toFixed(1)) : '';
    const row: Record<SubnetCsvColumn, string> = {
      vpc: csvText(vpc?.name ?? ''),
      vpc_id: csvText(subnet.vpcId),
      account: csvText(vpc?.accountId ?? ''),
      region: csvText(vpc?.region ?? ''),
      vpc_ipv4_cidrs: csvText((vpc?.ipv4Cidrs ?? []).join(' ')),
      vpc_ipv6_cidrs: csvText((vpc?.ipv6Cidrs ?? []).join(' ')),
      subnet: csvText(subnet.name),
      subnet_id: csvText(subnet.id),
      availability_zone: csvText(subnet.availabilityZone),
      tier: subnet.tier,
      ipv4_cidr: csvText(subnet.ipv4Cidr ?? ''),
      ipv4_first: block ? formatAddress(4, firstAddress(block)) : '',
      ipv4_last: block ? formatAddress(4, lastAddress(block)) : '',
      ipv4_size: block ? addressCount(block).toString() : '',
      ipv4_usable: usable !== undefined ? usable.toString() : '',
      ipv6_cidr: csvText(subnet.ipv6Cidr ?? ''),
      hosts_needed: subnet.hostsNeeded !== undefined ? String(subnet.hostsNeeded) : '',
      utilisation_percent: utilisation,
    };
    rows.push(SUBNET_CSV_COLUMNS.map((c) => row[c]));
  }
  return rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}
