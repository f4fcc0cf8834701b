/**
 * Node and edge components. They only draw what derive.ts put in their data (which came
 * from the plan and the engine); memo() keeps React from re-rendering a node whose data
 * object did not change.
 */
import { Fragment, memo, useEffect, useRef, type CSSProperties, type MouseEvent } from 'react';
import { ViewportPortal } from '@xyflow/react';
import { BaseEdge, EdgeLabelRenderer, Handle, Position, getBezierPath, type EdgeProps, type Node, type NodeProps } from '@xyflow/react';
import type { Badge, ExternalNodeData, NatNodeData, PlanEdgeData, ServiceNetworkNodeData, SubnetNodeData, TgwNodeData, VpcNodeData } from './derive';
import { roundedPath, routeMiddle } from './edge-routes';
import type { LabelledEdgeData } from './edge-labels';
import { curveBetween, EXTERNAL_KIND_WORDS, natText, pointOnCurve, serviceNetworkText, transitGatewayText, type Side } from '../../shared/layout';
import { NAT_WARNING_UTILISATION, RESERVED_ADDRESSES_PER_SUBNET } from '../../shared/aws-limits';
import { Icon } from './icons';
import { useOpenExplorer } from '../explorer/explorer-context';

/**
 * A CIDR on the canvas that opens the explorer on itself: double-click it, or focus it and
 * press Enter or Space. A single click is left to the node (it selects, and a drag that starts
 * here still drags the node), so the label never gets in the way of editing the diagram.
 */
function CidrButton({ cidr }: { cidr: string }) {
  const explore = useOpenExplorer();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = ref.current;
    if (!button || !explore) return;
    // Native, not React's: the canvas pane zooms on double-click through its own native listener,
    // which a React handler (delegated to the root) would run after.
    const onDoubleClick = (event: Event) => {
      event.stopPropagation();
      explore({ cidr });
    };
    button.addEventListener('dblclick', onDoubleClick);
    return () => button.removeEventListener('dblclick', onDoubleClick);
  }, [explore, cidr]);
  if (!explore) return <span className="cidr-text">{cidr}</span>;
  // detail 0: activated from the keyboard (or assistive technology), not by a mouse click.
  const onClick = (event: MouseEvent) => {
    if (event.detail === 0) explore({ cidr });
  };
  // "nokey": React Flow's node keyboard handling (Enter selects the node) leaves the button's keys alone.
  return (
    <button
      ref={ref}
      type="button"
      className="cidr-button nokey"
      aria-label={`Explore ${cidr}`}
      title={`Double-click to explore ${cidr}`}
      onClick={onClick}
      data-testid="cidr-button"
    >
      {cidr}
    </button>
  );
}

function CidrList({ cidrs }: { cidrs: readonly string[] }) {
  return (
    <>
      {cidrs.map((c, i) => (
        <Fragment key={`${i}-${c}`}>
          {i > 0 ? '  ' : null}
          <CidrButton cidr={c} />
        </Fragment>
      ))}
    </>
  );
}

function BadgeMark({ badge }: { badge?: Badge }) {
  if (!badge) return null;
  const title = `${badge.count} ${badge.severity === 'info' ? 'note' : badge.severity}${badge.count > 1 ? 's' : ''}:\n${badge.messages.join('\n')}`;
  return (
    <span className={`badge badge-${badge.severity}`} title={title} data-testid={`badge-${badge.severity}`} aria-label={title}>
      <Icon name={badge.severity} size={12} />
      {badge.count}
    </span>
  );
}

function SideHandles() {
  return (
    <>
      <Handle id="t" type="source" position={Position.Top} />
      <Handle id="r" type="source" position={Position.Right} />
      <Handle id="b" type="source" position={Position.Bottom} />
      <Handle id="l" type="source" position={Position.Left} />
    </>
  );
}

const TIER_WORDS = { public: 'Public', private: 'Private', isolated: 'Isolated' } as const;

export const VpcNode = memo(function VpcNode({ data }: NodeProps<Node<VpcNodeData>>) {
  const { vpc, usage, badge, grid, subnetCount, igwNames } = data;
  const blocks = [...vpc.ipv4Cidrs, ...vpc.ipv6Cidrs];
  return (
    <div className="vpc" data-testid={`vpc-${vpc.id}`}>
      <SideHandles />
      <header className="vpc-header">
        <div className="vpc-title">
          <Icon name="vpc" />
          <strong className="vpc-name">{vpc.name || vpc.id}</strong>
          <BadgeMark badge={badge} />
          {igwNames.length > 0 ? (
            <span className="chip chip-igw" title={`Internet gateway: ${igwNames.join(', ')}`}>
              <Icon name="igw" size={12} /> IGW
            </span>
          ) : null}
        </div>
        <div className="vpc-meta">
          {vpc.region}
          {vpc.accountId ? ` · ${vpc.accountId}` : ''} · {subnetCount} subnet{subnetCount === 1 ? '' : 's'}
        </div>
        <div className="vpc-blocks" data-testid="vpc-blocks">
          {blocks.length ? <CidrList cidrs={blocks} /> : 'no CIDR block'}
        </div>

        {usage ? (
          <div className="usage" title={usage.label}>
            <div
              className="usage-bar"
              role="meter"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(usage.usedFraction * 100)}
              aria-label="Addresses used by subnets"
            >
              <div className="usage-fill" style={{ width: `${Math.min(100, usage.usedFraction * 100).toFixed(1)}%` }} />
            </div>
            <span className="usage-label">{usage.label}</span>
          </div>
        ) : null}
      </header>
      {grid.columns.map((column) => (
        <div key={column.az} className="az-label" style={{ left: column.x, top: grid.azLabelY }}>
          {column.az || 'no AZ'}
        </div>
      ))}
      {grid.rows.map((row) => (
        <div key={row.tier} className={`tier-label tier-${row.tier}`} style={{ top: row.y, height: row.height }}>
          {TIER_WORDS[row.tier]}
        </div>
      ))}
      {subnetCount === 0 ? <div className="vpc-empty">No subnets yet: press S or use “Subnet” to add one.</div> : null}
    </div>
  );
});

export const SubnetNode = memo(function SubnetNode({ data }: NodeProps<Node<SubnetNodeData>>) {
  const { subnet, usable, badge } = data;
  return (
    <div className={`subnet tier-${subnet.tier}`} data-testid={`subnet-${subnet.id}`}>
      <div className="subnet-title">
        <span className="subnet-name">{subnet.name || subnet.id}</span>
        <BadgeMark badge={badge} />
      </div>
      <div className="subnet-cidr">{subnet.ipv4Cidr || subnet.ipv6Cidr ? <CidrButton cidr={(subnet.ipv4Cidr || subnet.ipv6Cidr)!} /> : 'no CIDR'}</div>
      <div className="subnet-meta">
        {usable !== undefined ? <span title={`Usable addresses after AWS reserves ${RESERVED_ADDRESSES_PER_SUBNET}`}>{usable} usable</span> : <span>—</span>}
        {subnet.hostsNeeded !== undefined ? <span title="Hosts needed"> · needs {subnet.hostsNeeded.toLocaleString('en-US')}</span> : null}
      </div>
    </div>
  );
});

export const NatNode = memo(function NatNode({ data }: NodeProps<Node<NatNodeData>>) {
  const { nat, capacity, badge } = data;
  const level = capacity ? (capacity.utilisation >= 1 ? 'over' : capacity.utilisation >= NAT_WARNING_UTILISATION ? 'high' : 'ok') : 'none';
  return (
    <div className="nat" data-testid={`nat-${nat.id}`}>
      <div className="nat-title">
        <Icon name="nat" size={14} />
        <span className="nat-name">{nat.name || nat.id}</span>
        <BadgeMark badge={badge} />
      </div>
      {capacity ? (
        <div className={`gauge gauge-${level}`} title={capacity.detail}>
          <div
            className="gauge-bar"
            role="meter"
            aria-label="NAT port use at peak"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(capacity.utilisation * 100)}
          >
            <div className="gauge-fill" style={{ width: `${Math.min(100, capacity.utilisation * 100).toFixed(1)}%` }} />
          </div>
          <span className="gauge-label">{capacity.label}</span>
        </div>
      ) : (
        <div className="nat-meta">{natText(nat, undefined).meta}</div>
      )}
    </div>
  );
});

export const TgwNode = memo(function TgwNode({ data }: NodeProps<Node<TgwNodeData>>) {
  const { tgw, badge } = data;
  const text = transitGatewayText(tgw);
  return (
    <div className="hub tgw" data-testid={`tgw-${tgw.id}`}>
      <SideHandles />
      <div className="hub-title">
        <Icon name="tgw" size={18} />
        <strong>{tgw.name || tgw.id}</strong>
        <BadgeMark badge={badge} />
      </div>
      <div className="hub-meta">{text.lines[0]}</div>
      <div className="hub-meta">{text.lines[1]}</div>
    </div>
  );
});

export const ServiceNetworkNode = memo(function ServiceNetworkNode({ data }: NodeProps<Node<ServiceNetworkNodeData>>) {
  const { network, badge } = data;
  const text = serviceNetworkText(network);
  return (
    <div className="hub lattice" data-testid={`service-network-${network.id}`}>
      <SideHandles />
      <div className="hub-title">
        <Icon name="serviceNetwork" size={18} />
        <strong>{network.name || network.id}</strong>
        <BadgeMark badge={badge} />
      </div>
      <div className="hub-meta">{text.lines[0]}</div>
      <div className="hub-meta">{text.lines[1]}</div>
    </div>
  );
});

export const ExternalNode = memo(function ExternalNode({ data }: NodeProps<Node<ExternalNodeData>>) {
  const { network, badge } = data;
  return (
    <div className={`hub external external-${network.kind}`} data-testid={`external-${network.id}`}>
      <SideHandles />
      <div className="hub-title">
        <Icon name="external" size={18} />
        <strong>{network.name || network.id}</strong>
        <BadgeMark badge={badge} />
      </div>
      <div className="hub-meta">{EXTERNAL_KIND_WORDS[network.kind]}</div>
      <div className="hub-meta hub-cidrs">{network.cidrs.length ? <CidrList cidrs={network.cidrs} /> : 'no ranges'}</div>
    </div>
  );
});

const SIDES: Record<Position, Side> = { [Position.Top]: 't', [Position.Right]: 'r', [Position.Bottom]: 'b', [Position.Left]: 'l' };

/** React Flow's curve between the handles, with its label at `labelT` along it (derive.ts keeps labels off each other), else in the middle. */
function curveWithLabel(
  { sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition }: EdgeProps,
  labelT: number | undefined,
): [string, number, number] {
  const [path, middleX, middleY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  if (labelT === undefined) return [path, middleX, middleY];
  const at = pointOnCurve(curveBetween({ x: sourceX, y: sourceY }, SIDES[sourcePosition], { x: targetX, y: targetY }, SIDES[targetPosition]), labelT);
  return [path, at.x, at.y];
}

export const PlanEdge = memo(function PlanEdge(props: EdgeProps) {
  const { id, markerEnd, style, selected } = props;
  const data = props.data as LabelledEdgeData | undefined;
  // The route of the last automatic layout while it fits; else the curve between the facing sides.
  const route = data?.route;
  const labelAt = route ? (route.label ?? routeMiddle(route.points)) : undefined;
  const [path, labelX, labelY] = route && labelAt ? [roundedPath(route.points), labelAt.x, labelAt.y] : curveWithLabel(props, data?.labelT);
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={16} />
      {data ? (
        <EdgeLabelRenderer>
          <div
            className={`edge-label edge-label-${data.kind}${selected ? ' selected' : ''}`}
            data-routed={route ? 'true' : undefined}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${data.objectId}`}
          >
            {data.label}
            <BadgeMark badge={data.badge} />
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

export const nodeTypes = { vpc: VpcNode, subnet: SubnetNode, nat: NatNode, tgw: TgwNode, serviceNetwork: ServiceNetworkNode, external: ExternalNode };
export const edgeTypes = { plan: PlanEdge };

/**
 * Far out (semantic zoom), each VPC's name and blocks as a plate over its top, in type that
 * stays 12 to 16 px on screen and is fitted to the VPC's width (app.css). A layer over the
 * nodes, not part of the VPC node: the subnets are drawn over their VPC, and the name must
 * be over them. It lets clicks and drags through to the boxes under it.
 */
export const VpcPlates = memo(function VpcPlates({ nodes }: { nodes: readonly Node[] }) {
  return (
    <ViewportPortal>
      {nodes
        .filter((n) => n.type === 'vpc')
        .map((node) => {
          const { vpc, badge } = node.data as VpcNodeData;
          const blocks = [...vpc.ipv4Cidrs, ...vpc.ipv6Cidrs];
          const name = vpc.name || vpc.id;
          return (
            <div
              key={node.id}
              className="vpc-plate"
              data-testid={`vpc-plate-${vpc.id}`}
              style={
                {
                  transform: `translate(${node.position.x}px, ${node.position.y}px)`,
                  width: node.width,
                  // Their lengths let CSS fit the type to the width.
                  '--name-chars': name.length,
                  '--blocks-chars': blocks.join('  ').length || 12,
                } as CSSProperties
              }
            >
              <div className="vpc-plate-title">
                <strong className="vpc-plate-name">{name}</strong>
                <BadgeMark badge={badge} />
              </div>
              <div className="vpc-plate-blocks">{blocks.length ? blocks.join('  ') : 'no CIDR block'}</div>
            </div>
          );
        })}
    </ViewportPortal>
  );
});
