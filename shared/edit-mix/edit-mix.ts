/**
 * The edits a person makes in the editor, made with the editor's own edit functions
 * (shared/plan/edits), so the incremental checker sees exactly the object identity
 * the app gives it: rename a VPC, change a VPC block, add and remove a peering, attach a VPC
 * to a transit gateway, delete a subnet, move a node, change a subnet's hosts and CIDR.
 *
 * Each kind is applied in rounds over different objects of a generated plan, and every
 * round that can be undone is (the peering added is removed, a changed block goes back), so
 * a long run keeps the plan the same shape.
 */
import type { Plan } from '../plan/schema';
import { connect, deleteObjects, moveNodes, updateObject } from '../plan/edits';

export const EDIT_KINDS = [
  'rename a VPC',
  'change a VPC block',
  'add a peering',
  'remove a peering',
  'attach a VPC to a TGW',
  'delete a subnet',
  'move a node',
  'change hosts needed',
  'change a subnet CIDR',
] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** The r-th VPC to touch: spread over the plan by a prime stride. */
function pickIndex(length: number, round: number, salt: number): number {
  return (round * 7919 + salt * 104_729) % length;
}

/**
 * Applies one edit of `kind` to `plan`, the round-th of its kind. `state` carries what a
 * later round undoes (the peering added). Returns the edited plan, never the same object.
 */
export function applyEdit(plan: Plan, kind: EditKind, round: number, state: EditState): Plan {
  switch (kind) {
    case 'rename a VPC': {
      const vpc = plan.vpcs[pickIndex(plan.vpcs.length, round, 1)]!;
      return updateObject(plan, 'vpc', vpc.id, { name: `${vpc.name.replace(/-renamed\d+$/, '')}-renamed${round}` });
    }
    case 'change a VPC block': {
      // Grow the VPC's first block to the /15 that holds it (its subnets stay inside), or back.
      const vpc = plan.vpcs[pickIndex(plan.vpcs.length, round >> 1, 2)]!;
      const was = state.grownBlocks.get(vpc.id);
      if (was !== undefined) {
        state.grownBlocks.delete(vpc.id);
        return updateObject(plan, 'vpc', vpc.id, { ipv4Cidrs: [was, ...vpc.ipv4Cidrs.slice(1)] });
      }
      const first = vpc.ipv4Cidrs[0] ?? '10.0.0.0/16';
      const [address = '10.0.0.0', prefix = '16'] = first.split('/');
      const octets = address.split('.').map(Number);
      const wider = `${octets[0]}.${(octets[1]! >> 1) << 1}.0.0/${Number(prefix) - 1}`;
      state.grownBlocks.set(vpc.id, first);
      return updateObject(plan, 'vpc', vpc.id, { ipv4Cidrs: [wider, ...vpc.ipv4Cidrs.slice(1)] });
    }
    case 'add a peering': {
      // Two VPCs not yet peered, spread over the plan.
      const n = plan.vpcs.length;
      for (let k = 0; k < n * n; k++) {
        const a = plan.vpcs[pickIndex(n, round + k, 3)]!;
        const b = plan.vpcs[pickIndex(n, round + k, 4)]!;
        if (a.id === b.id) continue;
        const result = connect(plan, a.id, b.id);
        if (!result.ok) continue;
        state.addedPeerings.push(result.created);
        return result.plan;
      }
      throw new Error('add a peering: every pair of VPCs is peered already');
    }
    case 'remove a peering': {
      const id = state.addedPeerings.shift() ?? plan.peerings[pickIndex(plan.peerings.length, round, 5)]?.id;
      // No peering left to remove: add one, so that the edit still changes the peerings.
      return id === undefined ? applyEdit(plan, 'add a peering', round, state) : deleteObjects(plan, [id]);
    }
    case 'attach a VPC to a TGW': {
      // A VPC not yet on a gateway (generatePlan leaves every fifth VPC off the gateways).
      for (let g = 0; g < plan.transitGateways.length; g++) {
        const tgw = plan.transitGateways[(round + g) % plan.transitGateways.length]!;
        const attached = new Set(tgw.attachments.map((a) => a.vpcId));
        for (let k = 0; k < plan.vpcs.length; k++) {
          const vpc = plan.vpcs[pickIndex(plan.vpcs.length, round + k, 6)]!;
          if (attached.has(vpc.id)) continue;
          const result = connect(plan, vpc.id, tgw.id);
          if (!result.ok) throw new Error(`attach a VPC to a TGW: ${result.reason}`);
          return result.plan;
        }
      }
      // Every VPC is on every gateway: detach one instead, the same kind of change.
      const tgw = plan.transitGateways[round % plan.transitGateways.length];
      const attachment = tgw?.attachments.find((a) => a.type === 'vpc');
      if (!attachment) throw new Error('attach a VPC to a TGW: the plan has no transit gateway');
      return deleteObjects(plan, [attachment.id]);
    }
    case 'delete a subnet': {
      const subnet = plan.subnets[pickIndex(plan.subnets.length, round, 7)];
      if (!subnet) return applyEdit(plan, 'rename a VPC', round, state);
      return deleteObjects(plan, [subnet.id]);
    }
    case 'move a node': {
      const vpc = plan.vpcs[pickIndex(plan.vpcs.length, round, 8)]!;
      const at = plan.layout.nodes[vpc.id] ?? { x: 0, y: 0 };
      return moveNodes(plan, { [vpc.id]: { x: at.x + 37, y: at.y + (round % 2 === 0 ? 11 : -11) } });
    }
    case 'change hosts needed': {
      const subnet = plan.subnets[pickIndex(plan.subnets.length, round, 9)];
      if (!subnet) return applyEdit(plan, 'rename a VPC', round, state);
      return updateObject(plan, 'subnet', subnet.id, { hostsNeeded: (subnet.hostsNeeded ?? 10) + (round % 2 === 0 ? 1 : -1) });
    }
    case 'change a subnet CIDR': {
      // A CIDR commit: the subnet moves to the next block of its size (maybe clashing with a neighbour), then back.
      const subnet = plan.subnets[pickIndex(plan.subnets.length, round >> 1, 10)];
      if (!subnet) return applyEdit(plan, 'rename a VPC', round, state);
      const was = state.movedSubnets.get(subnet.id);
      if (was !== undefined) {
        state.movedSubnets.delete(subnet.id);
        return updateObject(plan, 'subnet', subnet.id, { ipv4Cidr: was });
      }
      const text = subnet.ipv4Cidr ?? '10.0.0.0/24';
      const [address = '10.0.0.0', prefix = '24'] = text.split('/');
      const value = address.split('.').reduce((n, o) => n * 256 + Number(o), 0) + 2 ** (32 - Number(prefix));
      const next = `${Math.floor(value / 16777216)}.${Math.floor(value / 65536) % 256}.${Math.floor(value / 256) % 256}.${value % 256}/${prefix}`;
      state.movedSubnets.set(subnet.id, text);
      return updateObject(plan, 'subnet', subnet.id, { ipv4Cidr: next });
    }
  }
}

export interface EditState {
  addedPeerings: string[];
  grownBlocks: Map<string, string>;
  movedSubnets: Map<string, string>;
}

export function newEditState(): EditState {
  return { addedPeerings: [], grownBlocks: new Map(), movedSubnets: new Map() };
}
