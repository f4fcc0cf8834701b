/**
 * The canvas as a PNG or SVG image, the way React Flow documents it ("Download image"):
 * html-to-image renders `.react-flow__viewport` with a transform from getNodesBounds +
 * getViewportForBounds, so the picture holds every node of the scope at full size, not
 * just what is on screen. A legend of the kinds in the picture is drawn below it.
 *
 * The picture is of what the canvas shows; the canvas is derived from the plan, so this is
 * the plan as drawn (colours follow the light or dark theme the app is in).
 */
import { getViewportForBounds, type Edge, type Node, type ReactFlowInstance, type Rect } from '@xyflow/react';
import { toCanvas, toSvg } from 'html-to-image';
import { escapeMarkup } from '../../shared/export/markup';

/** The longest side of the diagram, in CSS pixels; a larger plan is scaled down to fit. */
const MAX_SIDE = 4000;
const PADDING = 40;
const LEGEND_ROW = 26;
const LEGEND_GAP = 18;
const LEGEND_FONT = '13px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';

export interface ExportScope {
  /** React Flow node ids in the picture (a VPC brings its subnets and NAT gateways). */
  nodeIds: Set<string>;
  /** React Flow edge ids in the picture: both ends in it. */
  edgeIds: Set<string>;
}

/** Everything, or the selection: selected nodes, their children, and edges between what is kept or that are selected themselves. */
export function exportScope(nodes: readonly Node[], edges: readonly Edge[], selection: readonly string[] | undefined): ExportScope {
  if (!selection) return { nodeIds: new Set(nodes.map((n) => n.id)), edgeIds: new Set(edges.map((e) => e.id)) };
  const chosen = new Set(selection);
  const nodeIds = new Set<string>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const within = (node: Node): boolean => {
    for (let at: Node | undefined = node; at; at = at.parentId ? byId.get(at.parentId) : undefined) if (chosen.has(at.id)) return true;
    return false;
  };
  for (const node of nodes) if (within(node)) nodeIds.add(node.id);
  const edgeIds = new Set<string>();
  for (const edge of edges) {
    const objectId = (edge.data as { objectId?: string } | undefined)?.objectId;
    // A selected connection brings its two ends.
    if (objectId !== undefined && chosen.has(objectId)) {
      edgeIds.add(edge.id);
      for (const n of nodes) if (n.id === edge.source || n.id === edge.target || isChildOf(n, edge.source, byId) || isChildOf(n, edge.target, byId)) nodeIds.add(n.id);
    }
  }
  for (const edge of edges) if (nodeIds.has(edge.source) && nodeIds.has(edge.target)) edgeIds.add(edge.id);
  return { nodeIds, edgeIds };
}

function isChildOf(node: Node, ancestor: string, byId: Map<string, Node>): boolean {
  for (let at = node.parentId ? byId.get(node.parentId) : undefined; at; at = at.parentId ? byId.get(at.parentId) : undefined) if (at.id === ancestor) return true;
  return false;
}

export interface LegendItem {
  label: string;
  mark: 'box' | 'line';
  /** A CSS custom property of the app's theme, e.g. "--tgw". */
  colorVar: string;
  dash?: string;
}

const NODE_LEGEND: Record<string, LegendItem> = {
  vpc: { label: 'VPC', mark: 'box', colorVar: '--vpc-border' },
  'subnet-public': { label: 'Public subnet', mark: 'box', colorVar: '--public' },
  'subnet-private': { label: 'Private subnet', mark: 'box', colorVar: '--private' },
  'subnet-isolated': { label: 'Isolated subnet', mark: 'box', colorVar: '--isolated' },
  nat: { label: 'NAT gateway', mark: 'box', colorVar: '--nat' },
  tgw: { label: 'Transit gateway', mark: 'box', colorVar: '--tgw' },
  serviceNetwork: { label: 'Lattice service network', mark: 'box', colorVar: '--lattice' },
  external: { label: 'On-premises / other cloud', mark: 'box', colorVar: '--external' },
};

// The same strokes as app.css gives each edge kind.
const EDGE_LEGEND: Record<string, LegendItem> = {
  peering: { label: 'VPC peering', mark: 'line', colorVar: '--vpc-border' },
  attachment: { label: 'Transit gateway attachment', mark: 'line', colorVar: '--tgw' },
  'tgw-peering': { label: 'Transit gateway peering', mark: 'line', colorVar: '--tgw', dash: '8 4' },
  vpn: { label: 'VPN', mark: 'line', colorVar: '--external', dash: '6 4' },
  'vpn-gateway': { label: 'VPN gateway', mark: 'line', colorVar: '--external', dash: '6 4' },
  association: { label: 'Lattice association', mark: 'line', colorVar: '--lattice', dash: '2 4' },
};

/** The legend rows for what is in the picture, nodes first, in a fixed order. */
export function legendItems(nodes: readonly Node[], edges: readonly Edge[], scope: ExportScope): LegendItem[] {
  const keys = new Set<string>();
  for (const node of nodes) {
    if (!scope.nodeIds.has(node.id)) continue;
    if (node.type === 'subnet') keys.add(`subnet-${(node.data as { subnet: { tier: string } }).subnet.tier}`);
    else if (node.type) keys.add(node.type);
  }
  for (const edge of edges) {
    if (!scope.edgeIds.has(edge.id)) continue;
    const kind = (edge.data as { kind?: string } | undefined)?.kind;
    if (kind) keys.add(`edge:${kind}`);
  }
  return [
    ...Object.entries(NODE_LEGEND).filter(([k]) => keys.has(k)).map(([, v]) => v),
    ...Object.entries(EDGE_LEGEND).filter(([k]) => keys.has(`edge:${k}`)).map(([, v]) => v),
  ];
}

export interface CanvasPicture {
  png?: Uint8Array;
  svg?: string;
  /** In image pixels (a PNG is drawn at up to twice the CSS size). */
  width: number;
  height: number;
  /** In CSS pixels. */
  cssWidth: number;
  cssHeight: number;
}

interface Prepared {
  viewport: HTMLElement;
  pane: HTMLElement;
  width: number;
  height: number;
  options: Parameters<typeof toSvg>[1] & object;
  legend: LegendItem[];
  colors: { background: string; text: string; resolve(name: string): string };
}

function prepare(flow: ReactFlowInstance, selection: readonly string[] | undefined, withLegend: boolean): Prepared {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  const pane = document.querySelector<HTMLElement>('.react-flow');
  if (!viewport || !pane) throw new Error('the canvas is not on screen');
  const nodes = flow.getNodes();
  const edges = flow.getEdges();
  const scope = exportScope(nodes, edges, selection);
  if (scope.nodeIds.size === 0) throw new Error(selection ? 'nothing selected is on the canvas: select a VPC, a gateway or a network first' : 'the plan has nothing to draw yet');
  const topLevel = nodes.filter((n) => scope.nodeIds.has(n.id) && (!n.parentId || !scope.nodeIds.has(n.parentId)));
  const bounds: Rect = flow.getNodesBounds(topLevel);
  const scale = Math.min(1, MAX_SIDE / Math.max(bounds.width, bounds.height, 1));
  const width = Math.ceil(bounds.width * scale + 2 * PADDING);
  const height = Math.ceil(bounds.height * scale + 2 * PADDING);
  const view = getViewportForBounds(bounds, width, height, 0.01, 2, `${PADDING}px`);

  const style = getComputedStyle(pane);
  const resolve = (name: string) => style.getPropertyValue(name).trim() || '#888888';
  const background = resolve('--bg');
  const edgeObjects = new Map(edges.map((e) => [(e.data as { objectId?: string } | undefined)?.objectId ?? e.id, e.id]));
  const filter = (domNode: HTMLElement): boolean => {
    if (!(domNode instanceof Element)) return true;
    const classes = domNode.classList;
    if (classes.contains('react-flow__node')) return scope.nodeIds.has(domNode.getAttribute('data-id') ?? '');
    // html-to-image clones an <svg> whole, so an edge is kept or dropped at its own <svg>.
    if (domNode.parentElement?.classList.contains('react-flow__edges') && domNode.tagName.toLowerCase() === 'svg') {
      const edgeId = domNode.querySelector('.react-flow__edge')?.getAttribute('data-id');
      return edgeId === null || edgeId === undefined || scope.edgeIds.has(edgeId);
    }
    if (classes.contains('react-flow__handle') || classes.contains('react-flow__nodesselection')) return false;
    const label = domNode.getAttribute('data-testid');
    if (label?.startsWith('edge-label-')) {
      const edgeId = edgeObjects.get(label.slice('edge-label-'.length));
      return edgeId !== undefined && scope.edgeIds.has(edgeId);
    }
    return true;
  };
  return {
    viewport,
    pane,
    width,
    height,
    legend: withLegend ? legendItems(nodes, edges, scope) : [],
    colors: { background, text: resolve('--text'), resolve },
    options: {
      width,
      height,
      backgroundColor: background,
      // The app uses system fonts only; nothing to embed, and nothing may be fetched.
      skipFonts: true,
      filter,
      style: { width: `${width}px`, height: `${height}px`, transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})` },
    },
  };
}

/**
 * Runs a capture with the canvas as it looks close up, whatever the current zoom (the far
 * zoom level hides labels), and with each edge's stroke written into a <style> inside the
 * viewport: html-to-image copies an <svg> without the computed styles of what is inside it,
 * and app.css, which draws the edges, does not travel into the picture.
 */
async function capturing<T>(p: Prepared, capture: () => Promise<T>): Promise<T> {
  const far = p.pane.classList.contains('zoom-far');
  if (far) p.pane.classList.replace('zoom-far', 'zoom-near');
  const rules: string[] = [];
  for (const group of p.viewport.querySelectorAll<SVGGElement>('.react-flow__edge')) {
    const id = group.getAttribute('data-id');
    const path = group.querySelector<SVGPathElement>('.react-flow__edge-path');
    if (!id || !path) continue;
    const style = getComputedStyle(path);
    rules.push(`.react-flow__edge[data-id="${CSS.escape(id)}"] .react-flow__edge-path { fill: none; stroke: ${style.stroke}; stroke-width: ${style.strokeWidth}; stroke-dasharray: ${style.strokeDasharray}; opacity: ${getComputedStyle(group).opacity}; }`);
  }
  const sheet = document.createElement('style');
  sheet.textContent = rules.join('\n');
  p.viewport.prepend(sheet);
  try {
    return await capture();
  } finally {
    sheet.remove();
    if (far) p.pane.classList.replace('zoom-near', 'zoom-far');
  }
}

/** Rows of legend entries that fit the picture's width. */
function legendLayout(items: readonly LegendItem[], width: number, measure: (text: string) => number): Array<{ item: LegendItem; x: number; y: number }> {
  const placed: Array<{ item: LegendItem; x: number; y: number }> = [];
  let x = PADDING;
  let y = 0;
  for (const item of items) {
    const w = 34 + measure(item.label);
    if (x + w > width - PADDING && x > PADDING) { x = PADDING; y += LEGEND_ROW; }
    placed.push({ item, x, y });
    x += w + LEGEND_GAP;
  }
  return placed;
}

function legendHeight(placed: ReadonlyArray<{ y: number }>): number {
  return placed.length === 0 ? 0 : placed[placed.length - 1]!.y + LEGEND_ROW + PADDING / 2 + 20;
}

function measurer(): (text: string) => number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return (text) => text.length * 7;
  context.font = LEGEND_FONT;
  return (text) => Math.ceil(context.measureText(text).width);
}

export async function canvasToPng(flow: ReactFlowInstance, selection: readonly string[] | undefined, withLegend: boolean): Promise<CanvasPicture> {
  const p = prepare(flow, selection, withLegend);
  const pixelRatio = Math.min(2, 8000 / Math.max(p.width, p.height));
  const diagram = await capturing(p, () => toCanvas(p.viewport, { ...p.options, pixelRatio }));
  const placed = legendLayout(p.legend, p.width, measurer());
  const extra = legendHeight(placed);
  const out = document.createElement('canvas');
  out.width = Math.round(p.width * pixelRatio);
  out.height = Math.round((p.height + extra) * pixelRatio);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  ctx.fillStyle = p.colors.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(diagram, 0, 0, out.width, Math.round(p.height * pixelRatio));
  if (placed.length > 0) {
    ctx.save();
    ctx.scale(pixelRatio, pixelRatio);
    const top = p.height + 10;
    ctx.font = `600 ${LEGEND_FONT}`;
    ctx.fillStyle = p.colors.text;
    ctx.textBaseline = 'middle';
    ctx.fillText('Legend', PADDING, top);
    ctx.font = LEGEND_FONT;
    for (const { item, x, y } of placed) {
      const cy = top + 22 + y;
      const color = p.colors.resolve(item.colorVar);
      ctx.strokeStyle = color;
      ctx.lineWidth = 2.5;
      if (item.mark === 'box') {
        ctx.setLineDash([]);
        ctx.strokeRect(x + 2, cy - 8, 22, 16);
      } else {
        ctx.setLineDash(item.dash ? item.dash.split(' ').map(Number) : []);
        ctx.beginPath();
        ctx.moveTo(x, cy);
        ctx.lineTo(x + 26, cy);
        ctx.stroke();
      }
      ctx.fillStyle = p.colors.text;
      ctx.fillText(item.label, x + 34, cy);
    }
    ctx.restore();
  }
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG (the diagram may be too large)');
  return { png: new Uint8Array(await blob.arrayBuffer()), width: out.width, height: out.height, cssWidth: p.width, cssHeight: p.height + extra };
}

export async function canvasToSvg(flow: ReactFlowInstance, selection: readonly string[] | undefined, withLegend: boolean): Promise<CanvasPicture> {
  const p = prepare(flow, selection, withLegend);
  const dataUrl = await capturing(p, () => toSvg(p.viewport, p.options));
  const prefix = 'data:image/svg+xml;charset=utf-8,';
  if (!dataUrl.startsWith(prefix)) throw new Error('html-to-image returned an unexpected SVG');
  const diagram = decodeURIComponent(dataUrl.slice(prefix.length));
  const placed = legendLayout(p.legend, p.width, measurer());
  const extra = legendHeight(placed);
  const total = p.height + extra;
  const top = p.height + 10;
  const legend = placed.length === 0 ? '' : [
    `<g font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="13" fill="${escapeMarkup(p.colors.text)}">`,
    `<text x="${PADDING}" y="${top}" dominant-baseline="middle" font-weight="600">Legend</text>`,
    ...placed.map(({ item, x, y }) => {
      const cy = top + 22 + y;
      const color = escapeMarkup(p.colors.resolve(item.colorVar));
      const mark = item.mark === 'box'
        ? `<rect x="${x + 2}" y="${cy - 8}" width="22" height="16" fill="none" stroke="${color}" stroke-width="2.5"/>`
        : `<line x1="${x}" y1="${cy}" x2="${x + 26}" y2="${cy}" stroke="${color}" stroke-width="2.5"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`;
      return `${mark}<text x="${x + 34}" y="${cy}" dominant-baseline="middle">${escapeMarkup(item.label)}</text>`;
    }),
    '</g>',
  ].join('');
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${p.width}" height="${total}" viewBox="0 0 ${p.width} ${total}">`,
    `<rect width="100%" height="100%" fill="${escapeMarkup(p.colors.background)}"/>`,
    // The canvas itself (an SVG whose foreignObject holds the nodes as HTML), then the legend.
    diagram.replace(/^<svg /, `<svg x="0" y="0" `),
    legend,
    '</svg>',
  ].join('');
  return { svg, width: p.width, height: total, cssWidth: p.width, cssHeight: total };
}

/** A PNG as an SVG document, for the review report's diagram (which takes SVG text). */
export function pngAsSvg(picture: CanvasPicture): string {
  if (!picture.png) throw new Error('no PNG to wrap');
  const png = picture.png;
  let binary = '';
  for (let i = 0; i < png.length; i += 0x8000) binary += String.fromCharCode(...png.subarray(i, i + 0x8000));
  const { width, height } = picture;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${picture.cssWidth}" height="${picture.cssHeight}" viewBox="0 0 ${width} ${height}"><image href="data:image/png;base64,${btoa(binary)}" width="${width}" height="${height}"/></svg>`;
}
