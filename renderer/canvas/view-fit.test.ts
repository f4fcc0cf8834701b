import { describe, expect, it } from 'vitest';
import { CORNER, cornerFreePadding, zoomInside } from './view-fit';

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
    for (const bounds of [{ width: 3000, height: 500 }, { width: 500, height: 3000 }, { width: 1200, height: 1000 }]) {
      const padding = cornerFreePadding(pane, bounds, 20);
      const zoom = zoomInside(pane, bounds, padding);
      const right = padding.left + bounds.width * zoom;
      const bottom = padding.top + bounds.height * zoom;
      expect(right <= pane.width - CORNER.width + 0.001 || bottom <= pane.height - CORNER.height + 0.001).toBe(true);
    }
  });
});
