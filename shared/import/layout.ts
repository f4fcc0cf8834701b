/**
 * A simple, deterministic first layout for an imported plan, so it opens readable: VPCs in
 * rows of three, the transit gateways and service networks on a band between the first two
 * rows (where their edges to the VPCs are short), external networks on a row at the bottom.
 * The app may re-run its own auto layout; this only has to be tidy and the same every time.
 */
import type { Layout, Plan } from '../plan/schema';

const VPCS_PER_ROW = 3;
const COLUMN_WIDTH = 900;
const BAND_HEIGHT = 300;
const HUB_SPACING = 420;

/** A VPC box grows with its subnets (the canvas stacks them in rows of about three). */
function vpcHeight(subnetCount: number): number {
  return 260 + 110 * Math.max(1, Math.ceil(subnetCount / 3));
}

export function layOutImportedPlan(plan: Plan): Layout {
  const nodes: Layout['nodes'] = {};
  const subnetCount = new Map<string, number>();
  for (const s of plan.subnets) subnetCount.set(s.vpcId, (subnetCount.get(s.vpcId) ?? 0) + 1);
  const hubs = [...plan.transitGateways.map((t) => t.id), ...plan.serviceNetworks.map((n) => n.id)];
  let y = 0;
  for (let row = 0; row * VPCS_PER_ROW < plan.vpcs.length; row++) {
    const vpcs = plan.vpcs.slice(row * VPCS_PER_ROW, (row + 1) * VPCS_PER_ROW);
    vpcs.forEach((vpc, column) => { nodes[vpc.id] = { x: column * COLUMN_WIDTH, y }; });
    y += Math.max(...vpcs.map((v) => vpcHeight(subnetCount.get(v.id) ?? 0)));
    if (row === 0 && hubs.length > 0) {
      const width = Math.min(plan.vpcs.length, VPCS_PER_ROW) * COLUMN_WIDTH;
      const start = Math.max(0, (width - hubs.length * HUB_SPACING) / 2);
      y += 80;
      hubs.forEach((id, i) => { nodes[id] = { x: start + i * HUB_SPACING, y }; });
      y += BAND_HEIGHT;
    } else {
      y += 120;
    }
  }
  if (plan.vpcs.length === 0) {
    hubs.forEach((id, i) => { nodes[id] = { x: i * HUB_SPACING, y: 0 }; });
    if (hubs.length > 0) y = BAND_HEIGHT;
  }
  plan.externalNetworks.forEach((network, i) => { nodes[network.id] = { x: i * HUB_SPACING, y }; });
  return { nodes };
}
