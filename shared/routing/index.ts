/** Routing, reachability and internet exposure over a plan. */
export { effectiveRouteTable, type EffectiveRoute, type EffectiveRouteTable, type RouteTableSource } from './route-table';
export { lookupRoute } from './route-lookup';
export { routeLines, routeLineSubnets, subnetRouteLines, type RouteLine, type RouteLineEnd, type RouteLineEndKind } from './route-lines';
export { tgwRouteTableRoutes, type TgwEffectiveRoute } from './transit-gateway';
export { reach, type Hop, type HopKind, type ReachFailure, type ReachResult } from './reach';
export {
  reachabilityClasses,
  reachabilityMatrix,
  type MatrixCell,
  type ReachabilityClass,
  type ReachabilityClasses,
  type ReachabilityMatrix,
} from './reach-matrix';
export { internetExposure, type ExposureKind, type FamilyExposure, type InternetExposure } from './exposure';
