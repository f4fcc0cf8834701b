import { describe, expect, it } from 'vitest';
import { CORNER, cornerFreePadding, viewShowing, zoomInside } from './view-fit';

describe('fitting clear of the minimap corner', () => {
  const pane = { width: 1000, height: 800 };

  it('a wide plan keeps the bottom strip free (the right strip would shrink it more)', () => {
    const padding = cornerFreePadding(pane, { width: 4000, height: 800 }, 20);
    expect(padding).toEqual({ top: 20, left: 20, right: 20, bottom: CORNER.height });
  });

  it('a tall plan keeps the right strip free', () => {
    const padding = cornerFreePadding(pane, { width: 800, height: 4000 }, 20);
    expect(padding).toEqual({ top: 20, left: 20, bottom: 20, right: CORNER.width });
  });

  it('either way, the fitted plan ends before the corner on one axis', () => {
    for (const bounds of [
      { width: 3000, height: 500 },
      { width: 500, height: 3000 },
      { width: 1200, height: 1000 },
    ]) {
      const padding = cornerFreePadding(pane, bounds, 20);
      const zoom = zoomInside(pane, bounds, padding);
      const right = padding.left + bounds.width * zoom;
      const bottom = padding.top + bounds.height * zoom;
      expect(right <= pane.width - CORNER.width + 0.001 || bottom <= pane.height - CORNER.height + 0.001).toBe(true);
    }
  });
});

describe('the view follows something new', () => {
  const pane = { width: 1000, height: 800 };
  const view = { x: 0, y: 0, zoom: 0.5 };

  it('stays put when it is already in sight', () => {
    expect(viewShowing(view, pane, { x: 200, y: 200, width: 400, height: 200 }, 20)).toBe(view);
  });

  it('centres it at the same zoom when it is off screen or under the minimap', () => {
    const offScreen = viewShowing(view, pane, { x: 4000, y: 100, width: 400, height: 200 }, 20)!;
    expect(offScreen.zoom).toBe(0.5);
    expect(offScreen.x + 4200 * 0.5).toBeCloseTo(500);
    expect(offScreen.y + 200 * 0.5).toBeCloseTo(400);
    // Its bottom-right in the minimap's corner.
    expect(viewShowing(view, pane, { x: 1700, y: 1300, width: 200, height: 200 }, 20)).not.toBe(view);
  });

  it('gives up (the caller zooms out) when it is too big for the screen at this zoom', () => {
    expect(viewShowing(view, pane, { x: 0, y: 0, width: 3000, height: 200 }, 20)).toBeUndefined();
  });
});
