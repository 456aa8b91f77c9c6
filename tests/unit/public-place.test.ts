import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../../app/domain/place/geometry';
import { publicPlace } from '../../app/domain/place/public-place';

// A published voice shows where it is only as the centre of its ~200 m cell: pins near one
// another give the same point, so the shown point cannot be walked back to a house.

describe('the place the public sees', () => {
  const pin = { lat: 35.658123, lng: 139.701765 };

  it('is the same point for every pin in the cell, and never the pin itself', () => {
    const shown = publicPlace(pin.lat, pin.lng)!;
    expect(shown).not.toEqual(pin);
    // Nudges of a few metres (the neighbour's house) show the very same point.
    for (const [dLat, dLng] of [[0.00002, 0], [0, 0.00003], [-0.00002, -0.00002]]) {
      const nearby = publicPlace(pin.lat + dLat!, pin.lng + dLng!);
      const sameCell = Math.abs(nearby!.lat - shown.lat) < 1e-9 && Math.abs(nearby!.lng - shown.lng) < 1e-9;
      // Either the same point, or (at a cell edge) the next cell's centre about 200 m away.
      if (!sameCell) expect(distanceMeters(nearby!, shown)).toBeGreaterThan(150);
    }
  });

  it('stays within the cell: no more than about 142 m (half the diagonal) from the pin', () => {
    for (let i = 0; i < 200; i += 1) {
      const p = { lat: 35.6 + i * 0.000731, lng: 139.65 + i * 0.000917 };
      const shown = publicPlace(p.lat, p.lng)!;
      expect(distanceMeters(p, shown)).toBeLessThanOrEqual(143);
    }
  });

  it('moves in steps of a cell (~200 m), never continuously with the pin', () => {
    const points = new Set<string>();
    // 400 pins along 1 km of one street: only a handful of distinct shown points.
    for (let i = 0; i < 400; i += 1) {
      const shown = publicPlace(35.658, 139.69 + (i * 0.011) / 400)!;
      points.add(`${shown.lat},${shown.lng}`);
    }
    expect(points.size).toBeGreaterThanOrEqual(5);
    expect(points.size).toBeLessThanOrEqual(7);
  });

  it('is nothing without a pin', () => {
    expect(publicPlace(null, 139.7)).toBeNull();
    expect(publicPlace(35.6, null)).toBeNull();
  });
});
