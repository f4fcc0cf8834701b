/**
 * Edits of the plan document, as pure functions Plan -> Plan. Each replaces only the objects
 * it changes and the arrays on their path; everything else keeps its identity, which the
 * incremental checker and the memoized canvas rely on. An edit never changes the plan it is
 * given (undo is keeping the old plan), and an edit that changes nothing returns the very
 * same plan, so the editor records no undo step for it.
 *
 * The editor (renderer/) only chooses which edit to run and keeps the history.
 */
export {
  allIds,
  associationId,
  describeKind,
  findObject,
  fitName,
  nameOf,
  parseAssociationId,
  type FoundObject,
  type ListKind,
  type ObjectKind,
} from '../objects';
export { idMaker, newId, type NewId, type RandomSource } from './ids';
export { moveNodes, PASTE_OFFSET, withPositions, type Point } from './positions';
export {
  addRouteTableFor,
  addTgwRouteTable,
  removeTgwRouteTable,
  setRoutes,
  setTgwRoutes,
  updateAttachment,
  updateObject,
  updateTransitGateway,
} from './update';
export {
  addExternalNetwork,
  addNatGateway,
  addServiceNetwork,
  addSubnet,
  addTransitGateway,
  addVpc,
  newExternalNetwork,
  newInternetGateway,
  newNatGateway,
  newServiceNetwork,
  newSubnet,
  newTransitGateway,
  newVpc,
  vpcForNewSubnet,
  vpcHasInternetGateway,
  vpcOfSelection,
  type AddResult,
  type NewSubnetFields,
} from './add';
export { canConnect, connect, describeConnection, type ConnectionCheck, type ConnectionKind, type ConnectResult } from './connect';
export { deleteObjects } from './delete';
export { describeRemoval, type Removal } from './removal';
export { updateSettings } from './settings';
export { extractFragment, isEmptyFragment, pasteFragment, type Fragment, type PasteResult } from './fragments';
export {
  applyFix,
  describeFixChanges,
  renumberSubnets,
  type AddNatAddressAction,
  type AddRouteAction,
  type CombinedAction,
  type FixAction,
  type FixStep,
  type RemovePeeringAction,
  type RenumberSubnetsAction,
  type SetCidrAction,
  type SubnetMove,
} from './fix-actions';
