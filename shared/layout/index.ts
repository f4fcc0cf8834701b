/**
 * The diagram's geometry, in one place: how big every box is (sized to its words), where
 * subnets and NAT gateways sit inside their VPC, where boxes with no saved position go,
 * and where new ones are put. The canvas (renderer/canvas/derive.ts), every exported
 * picture (shared/export/svg.ts) and the importers take their coordinates from here.
 */
export { textWidth, type TextStyle } from './text-width';
export * from './labels';
export * from './geometry';
export * from './diagram';
export { positionUnplaced, COLUMN_GAP, ROW_GAP, type SizedNode } from './unplaced';
export {
  placeNewNode,
  placeAddedNodes,
  layOutPlan,
  newNodeSize,
  boxesOverlap,
  segmentCrossesBox,
  NODE_MARGIN,
  NEW_NODE_MARGIN,
  EDGE_MARGIN,
  type DrawnRoutes,
  type Segment,
} from './placement';
export { placeEdgeLabels, type EdgeLabel } from './edge-labels';
