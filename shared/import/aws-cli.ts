/**
 * Import of what the AWS CLI prints (`--output json`, the default) into a plan.
 *
 * Decisions, each said in the notes when it applies:
 * - AWS ids are the plan ids (they are unique across resource types).
 * - A document of a kind it does not read is reported and skipped (`skipped` in the result);
 *   the rest still imports. Broken JSON or a known output with a missing field is a problem:
 *   then nothing is imported, since a half-read file would give a half plan.
 * - Nothing dangles: an object that refers to something not in the import (a subnet of a
 *   VPC that was not described, a route to a NAT gateway that was not) is skipped with a
 *   note, never given a placeholder. The one exception is a gateway that a route names:
 *   a route to igw-/eigw-/vgw- in a VPC's table proves that gateway is attached to that VPC,
 *   so it is created from the route.
 * - Subnet tiers come from the route table that applies (its own, else the VPC main table):
 *   a route to an internet gateway = public, to a NAT gateway = private, else isolated.
 *   Without route tables, MapPublicIpOnLaunch decides (true = public, false = private).
 * - describe-vpcs prints no region: a VPC's region comes from its subnets' availability
 *   zones, else from the one region all imported ARNs share, else us-east-1.
 * - search-transit-gateway-routes and get-transit-gateway-route-table-associations do not
 *   print which route table they were run on: a tgw-rtb- id in the file name says so, else
 *   the only route table of the transit gateway they name, else the only one imported.
 */
import { formatPath } from '../plan/load';
import type { PlanInput } from '../plan/schema';
import { AWS_OUTPUTS, recognise, understoodCommands } from './aws-shapes';
import { checkCidrs, collect, Collected, readQueriedList } from './aws/collected';
import { buildGateways, buildNatGateways } from './aws/gateways';
import { buildServiceNetworks } from './aws/lattice';
import { buildPeerings } from './aws/peerings';
import { assignTiers, buildRouteTables } from './aws/route-tables';
import { buildTransitGateways } from './aws/transit-gateways';
import { buildSubnets, buildVpcs } from './aws/vpcs';
import { buildExternalNetworks, linkVpnGateways } from './aws/vpn';
import { splitJsonDocuments } from './json-documents';
import { finish } from './finish';
import type { ImportFile, ImportProblem, ImportResult } from './types';

export function importAwsCli(files: ReadonlyArray<ImportFile>): ImportResult {
  const problems: ImportProblem[] = [];
  /** Documents of a kind the importer does not read: reported and skipped, so one stray file does not cancel the batch. */
  const skipped: ImportProblem[] = [];
  let understood = 0;
  const collected = new Collected();
  if (files.length === 0) return { ok: false, problems: [{ file: '(none)', message: 'no files given; pass the JSON output of one or more aws commands' }] };
  for (const file of files) {
    const split = splitJsonDocuments(file.name, file.text);
    if (!split.ok) {
      problems.push(...split.problems);
      continue;
    }
    for (const response of split.documents) {
      const at = { file: response.file, line: response.line };
      const kind = recognise(response.value);
      if ('unknown' in kind) {
        skipped.push({
          ...at,
          path: '$',
          message: `${kind.unknown} is not an output VPC Planner can import, so it was skipped; it understands the JSON output of ${understoodCommands().join(', ')}`,
        });
        continue;
      }
      understood++;
      if ('list' in kind) {
        readQueriedList(kind.list, collected, file.name);
        continue;
      }
      const parsed = AWS_OUTPUTS[kind.kind].schema.safeParse(response.value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues.slice(0, 20)) {
          problems.push({ ...at, path: formatPath(issue.path), message: `${describeIssue(issue)} (reading the output of ${AWS_OUTPUTS[kind.kind].command})` });
        }
        continue;
      }
      problems.push(...checkCidrs(kind.kind, parsed.data, at));
      collect(kind.kind, parsed.data, collected, file.name);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  if (understood === 0) return { ok: false, problems: skipped };
  const result = buildFromCollected(collected, `Imported from AWS CLI (${files.map((f) => f.name.split(/[\\/]/).pop()).join(', ')})`);
  if (!result.ok || skipped.length === 0) return result;
  const where = (p: ImportProblem) => [p.file, p.line !== undefined ? `line ${p.line}` : undefined].filter(Boolean).join(', ');
  return { ...result, notes: [...skipped.map((p) => `Skipped ${where(p)}: ${p.message.replace(/, so it was skipped;.*$/, '')}.`), ...result.notes], skipped };
}

function describeIssue(issue: { code: string; message: string; expected?: unknown; input?: unknown }): string {
  if (issue.code === 'invalid_type')
    return issue.input === undefined
      ? `is missing (expected ${String(issue.expected)})`
      : `should be ${String(issue.expected)}, not ${issue.input === null ? 'null' : Array.isArray(issue.input) ? 'an array' : typeof issue.input}`;
  return issue.message;
}

/** The plan from everything collected, family by family; each family adds its notes in turn. Also used for Terraform state. */
export function buildFromCollected(c: Collected, planName: string): ImportResult {
  const notes = [...c.notes];
  const vpcs = buildVpcs(c, notes);
  const vpcIds = new Set(vpcs.map((v) => v.id));
  const subnets = buildSubnets(c, vpcIds, notes);
  const subnetIds = new Set(subnets.map((s) => s.id));
  const gateways = buildGateways(c, vpcIds, notes);
  const natGateways = buildNatGateways(c, subnetIds, notes);
  const peerings = buildPeerings(c, vpcIds, notes);
  const transitGateways = buildTransitGateways(c, vpcIds, subnetIds, notes);
  const externalNetworks = buildExternalNetworks(c, transitGateways, notes);
  const tables = buildRouteTables(
    c,
    {
      vpcIds,
      subnetIds,
      natIds: new Set(natGateways.map((n) => n.id)),
      peeringIds: new Set(peerings.map((p) => p.id)),
      tgwIds: new Set(transitGateways.map((t) => t.id)),
    },
    gateways,
    notes,
  );
  linkVpnGateways(c, gateways, new Set(externalNetworks.map((n) => n.id)), notes);
  assignTiers(c, subnets, tables, notes);
  const serviceNetworks = buildServiceNetworks(c, vpcIds, notes);

  const raw: PlanInput = {
    format: 'vpcplan',
    version: 1,
    name: planName.slice(0, 200),
    vpcs,
    subnets,
    ...gateways,
    natGateways,
    routeTables: tables.routeTables,
    peerings,
    transitGateways,
    serviceNetworks,
    externalNetworks,
  };
  return finish(raw, notes);
}
