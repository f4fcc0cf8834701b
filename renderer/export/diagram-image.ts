/**
 * The diagram as an SVG or PNG file. Both come from the one diagram renderer
 * (shared/export/svg.ts), which draws the plan from the canvas's own geometry
 * (shared/layout), so the app's picture is the CLI's picture of the same plan. The PNG is
 * that SVG drawn into a canvas by the browser, at two device pixels per CSS pixel like
 * `vpcplan export --format png`.
 */
import { diagramDate, planToSvg } from '../../shared/export';
import type { Plan } from '../../shared/plan/schema';

/** The PNG's scale (the CLI's too), unless that would pass the largest side browsers draw reliably. */
const PNG_SCALE = 2;
const MAX_PNG_SIDE = 8000;

export interface DiagramPicture {
  /** The SVG text, or the PNG bytes. */
  data: string | Uint8Array;
  /** In image pixels. */
  width: number;
  height: number;
}

/** The whole plan, or the selected objects (a VPC is drawn whole), with the title block and (if asked) the legend. */
export function diagramSvg(plan: Plan, selection: readonly string[] | undefined, withLegend: boolean): string {
  return planToSvg(plan, { ...(selection ? { selection } : {}), legend: withLegend, date: diagramDate(new Date()) });
}

/** The numbers of the root <svg>'s width and height attributes. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('the diagram has no size');
  return { width, height };
}

export async function svgToPng(svg: string): Promise<DiagramPicture> {
  const size = svgSize(svg);
  const scale = Math.min(PNG_SCALE, MAX_PNG_SIDE / Math.max(size.width, size.height));
  const image = new Image();
  // A data: URL (allowed by the CSP's img-src) of a self-contained SVG: nothing is fetched, and the canvas stays readable.
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(size.width * scale);
  canvas.height = Math.round(size.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw on a canvas');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG (the diagram may be too large)');
  return { data: new Uint8Array(await blob.arrayBuffer()), width: canvas.width, height: canvas.height };
}
