import { describe, expect, it } from 'vitest';
import { readingOrder, type Placed } from './reading-order';

const box = (id: string, x: number, y: number, parentId?: string, size = { width: 100, height: 80 }): Placed => ({
  id,
  x,
  y,
  ...size,
  ...(parentId ? { parentId } : {}),
});

describe('reading order', () => {
  it('reads row by row, left to right, though a row is a few pixels uneven', () => {
    expect(readingOrder([box('c', 0, 200), box('b', 300, 4), box('a', 0, 0), box('d', 300, 190)])).toEqual(['a', 'b', 'c', 'd']);
  });

  it("puts a VPC's subnets right after the VPC, in their grid order, before the next VPC", () => {
    const big = { width: 500, height: 300 };
    const items = [
      box('vpc-right', 600, 0, undefined, big),
      box('vpc-left', 0, 0, undefined, big),
      box('sn-left-private-a', 80, 190, 'vpc-left'),
      box('sn-left-public-b', 300, 100, 'vpc-left'),
      box('sn-left-public-a', 80, 100, 'vpc-left'),
      box('sn-right-a', 80, 100, 'vpc-right'),
      box('tgw', 400, 500),
    ];
    expect(readingOrder(items)).toEqual(['vpc-left', 'sn-left-public-a', 'sn-left-public-b', 'sn-left-private-a', 'vpc-right', 'sn-right-a', 'tgw']);
  });

  it('reads a child whose parent is not shown at the top level, and loses nothing', () => {
    const items = [box('sn', 10, 10, 'vpc-offscreen'), box('tgw', 0, 300)];
    expect(readingOrder(items)).toEqual(['sn', 'tgw']);
  });

  it('starts a new row below a tall box only past its middle', () => {
    // b starts above a's middle: same row, so b comes right after a; c starts below it.
    const items = [box('a', 0, 0, undefined, { width: 100, height: 400 }), box('b', 200, 150), box('c', 0, 450)];
    expect(readingOrder(items)).toEqual(['a', 'b', 'c']);
  });
});
