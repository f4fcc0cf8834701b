/** `vpcplan check` and `vpcplan reach`: the engine's verdict on a plan file. */
import { checkPlan } from '../shared/checks';
import { applyAllFixes } from '../shared/checks/apply-fixes';
import { serializePlan } from '../shared/plan/load';
import { writeOutputFile } from './file-output';
import type { FileSystem } from '../node/atomic-write';
import type { Finding, Severity } from '../shared/checks/types';
import { parsePlanText } from '../shared/plan/load';
import type { Plan, Subnet } from '../shared/plan/schema';
import { reach } from '../shared/routing';
import { UsageError, type CommandOutput } from './output';

export function loadPlanOrFail(text: string, sourceName: string): Plan {
  const result = parsePlanText(text, sourceName);
  if (result.ok) return result.plan;
  const details = result.problems.map((p) => `  ${p.line !== undefined ? `line ${p.line}, column ${p.column}` : p.path}: ${p.message}`);
  throw new UsageError([result.summary, ...details].join('\n'));
}

const ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * `check --fix`: applies every finding's fix that is a single action, writes the fixed plan
 * (atomically; to the input file unless `-o` names another), prints each change, then the
 * findings that remain, and exits on those.
 */
export async function checkFixCommand(plan: Plan, sourceName: string, output: string, json: boolean, fs?: FileSystem): Promise<CommandOutput> {
  const { plan: fixed, changes } = applyAllFixes(plan);
  const changeText = changes.length > 0 ? changes.map((c) => `${c}\n`).join('') : 'nothing to fix automatically\n';
  let written = output;
  if (changes.length > 0) written = await writeOutputFile(output, serializePlan(fixed), fs);
  const wrote = changes.length > 0 ? `wrote ${written} (${changes.length} change${changes.length === 1 ? '' : 's'})\n` : '';
  const remaining = checkCommand(fixed, sourceName, json);
  return { stdout: remaining.stdout, stderr: changeText + wrote, code: remaining.code };
}

export function checkCommand(plan: Plan, sourceName: string, json: boolean): CommandOutput {
  const findings = checkPlan(plan);
  const code = findings.some((f) => f.severity === 'error') ? 1 : 0;
  if (json) return { stdout: `${JSON.stringify(findings, null, 2)}\n`, code };
  const counts = ORDER.map((severity) => {
    const n = findings.filter((f) => f.severity === severity).length;
    return `${n} ${severity === 'info' || n === 1 ? severity : `${severity}s`}`;
  });
  const names = nameIndex(plan);
  const lines = findings.map((f) => formatFinding(f, names));
  return { stdout: `${sourceName}: ${counts.join(', ')}\n${lines.length > 0 ? `\n${lines.join('\n\n')}\n` : ''}`, code };
}

function formatFinding(finding: Finding, names: Map<string, string>): string {
  const subjects = finding.subjects.map((id) => names.get(id) ?? id).join(', ');
  const head = `${finding.severity.toUpperCase().padEnd(7)} ${finding.code}${subjects ? `  [${subjects}]` : ''}`;
  return [head, `        ${finding.message}`, ...(finding.fix ? [`        fix: ${finding.fix}`] : [])].join('\n');
}

function nameIndex(plan: Plan): Map<string, string> {
  const names = new Map<string, string>();
  const add = (items: ReadonlyArray<{ id: string; name: string }>) =>
    items.forEach((item) => {
      names.set(item.id, item.name || item.id);
    });
  add(plan.vpcs);
  add(plan.subnets);
  add(plan.internetGateways);
  add(plan.egressOnlyGateways);
  add(plan.vpnGateways);
  add(plan.natGateways);
  add(plan.routeTables);
  add(plan.peerings);
  add(plan.serviceNetworks);
  add(plan.externalNetworks);
  for (const tgw of plan.transitGateways) {
    names.set(tgw.id, tgw.name);
    add(tgw.routeTables);
    add(tgw.attachments);
  }
  return names;
}

/** A subnet by id, or by name when the name is unique. */
export function findSubnet(plan: Plan, ref: string): Subnet {
  const byId = plan.subnets.find((s) => s.id === ref);
  if (byId) return byId;
  const byName = plan.subnets.filter((s) => s.name === ref);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new UsageError(`${byName.length} subnets are named "${ref}"; use the id instead (${byName.map((s) => s.id).join(', ')})`);
  const close = plan.subnets
    .filter((s) => s.id.includes(ref) || s.name.includes(ref))
    .slice(0, 5)
    .map((s) => s.name || s.id);
  throw new UsageError(`no subnet "${ref}" in the plan${close.length > 0 ? `; did you mean ${close.join(', ')}?` : ' (give a subnet id or name)'}`);
}

export function reachCommand(plan: Plan, fromRef: string, toRef: string, json: boolean): CommandOutput {
  const from = findSubnet(plan, fromRef);
  const to = findSubnet(plan, toRef);
  const result = reach(plan, from.id, to.id);
  const code = result.reachable ? 0 : 1;
  if (json) return { stdout: `${JSON.stringify(result, null, 2)}\n`, code };
  const hops = result.path.map((hop) => `  ${hop.kind.padEnd(16)} ${hop.label}${hop.note ? `  (${hop.note})` : ''}`);
  const head = result.reachable ? `${from.name} can reach ${to.name}:` : `${from.name} cannot reach ${to.name}: ${result.reason}`;
  const returnPath =
    result.reachable && result.returnPath && result.returnPath.length > 0
      ? ['return path:', ...result.returnPath.map((hop) => `  ${hop.kind.padEnd(16)} ${hop.label}${hop.note ? `  (${hop.note})` : ''}`)]
      : [];
  return { stdout: `${[head, ...hops, ...returnPath].join('\n')}\n`, code };
}
