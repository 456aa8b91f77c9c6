import { describe, expect, it } from 'vitest';
import { clusterByPixels } from '../../app/components/map/cluster';

// The inbox map groups pins that would overlap on screen; pins apart stay single links.

describe('clustering pins by screen position', () => {
  it('groups pins in one square into one cluster at their mean position, and keeps distant pins apart', () => {
    const clusters = clusterByPixels([
      { x: 10, y: 10, item: 'a' }, { x: 30, y: 20, item: 'b' }, { x: 50, y: 50, item: 'c' },
      { x: 300, y: 300, item: 'd' },
    ], 56);
    expect(clusters).toHaveLength(2);
    const big = clusters.find((c) => c.items.length === 3)!;
    expect(big.items.sort()).toEqual(['a', 'b', 'c']);
    expect(big.x).toBeCloseTo(30);
    expect(big.y).toBeCloseTo(80 / 3);
    expect(clusters.find((c) => c.items.length === 1)).toEqual({ x: 300, y: 300, items: ['d'] });
  });

  it('splits the same pins when zoomed in (larger distances on screen), and gives nothing for no pins', () => {
    const pins = [{ x: 10, y: 10, item: 1 }, { x: 30, y: 20, item: 2 }];
    expect(clusterByPixels(pins, 56)).toHaveLength(1);
    expect(clusterByPixels(pins.map((p) => ({ ...p, x: p.x * 4, y: p.y * 4 })), 56)).toHaveLength(2);
    expect(clusterByPixels([], 56)).toEqual([]);
  });
});
