/** Routing, reachability and internet exposure over a plan. */
export { effectiveRouteTable, type EffectiveRoute, type EffectiveRouteTable, type RouteTableSource } from './route-table';
export { lookupRoute } from './route-lookup';
export { routeLines, routeLineSubnets, subnetRouteLines, type RouteLine, type RouteLineEnd, type RouteLineEndKind } from './route-lines';
export { tgwRouteTableRoutes, type TgwEffectiveRoute } from './transit-gateway';
export { reach, reachabilityMatrix, type Hop, type HopKind, type MatrixCell, type ReachabilityMatrix, type ReachFailure, type ReachResult } from './reach';
export { internetExposure, type ExposureKind, type FamilyExposure, type InternetExposure } from './exposure';
