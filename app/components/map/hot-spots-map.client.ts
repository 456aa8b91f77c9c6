import L from 'leaflet';
import type { MapSettings } from '~/domain/map-settings';
import { createBaseMap } from './base-map.client';

// The "where" view's map (its own chunk): each cell a rectangle, darker with more voices.
// The table on the page says the same in text; the map adds nothing only it can say.

export interface MapCell { south: number; west: number; north: number; east: number; count: number }

export function createHotSpotsMap(element: HTMLElement, options: { settings: MapSettings; cells: MapCell[]; labels: { map: string; zoomIn: string; zoomOut: string } }) {
  const { settings, cells, labels } = options;
  const map = createBaseMap(element, settings, labels, { center: settings.center, zoom: 13, scrollWheelZoom: true });
  const max = Math.max(1, ...cells.map((c) => c.count));
  for (const c of cells) {
    L.rectangle([[c.south, c.west], [c.north, c.east]], { color: '#7c2d12', weight: 1, fillColor: '#c2410c', fillOpacity: 0.15 + 0.6 * (c.count / max), interactive: false })
      .addTo(map);
  }
  if (cells.length > 0) map.fitBounds(L.latLngBounds(cells.flatMap((c) => [[c.south, c.west], [c.north, c.east]] as [number, number][])), { padding: [20, 20] });
  return { destroy: () => map.remove() };
}
