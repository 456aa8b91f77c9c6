import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './pin-map.css';
import type { MapSettings } from '~/domain/map-settings';

// The "where" view's map (its own chunk): each cell a rectangle, darker with more voices.
// The table on the page says the same in text; the map adds nothing only it can say.

export interface MapCell { south: number; west: number; north: number; east: number; count: number }

export function createHotSpotsMap(element: HTMLElement, options: { settings: MapSettings; cells: MapCell[]; labels: { map: string; zoomIn: string; zoomOut: string } }) {
  const { settings, cells, labels } = options;
  const map = L.map(element, { center: settings.center, zoom: 13, zoomControl: false, scrollWheelZoom: true });
  L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(map);
  map.attributionControl.setPrefix(false);
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  L.tileLayer(settings.tileUrl, {
    maxZoom: 18, minZoom: 5,
    attribution: `<a href="${escape(settings.attributionUrl)}" target="_blank" rel="noopener">${escape(settings.attribution)}</a>`,
  }).addTo(map);
  element.setAttribute('role', 'region');
  element.setAttribute('aria-label', labels.map);
  const max = Math.max(1, ...cells.map((c) => c.count));
  for (const c of cells) {
    L.rectangle([[c.south, c.west], [c.north, c.east]], { color: '#7c2d12', weight: 1, fillColor: '#c2410c', fillOpacity: 0.15 + 0.6 * (c.count / max), interactive: false })
      .addTo(map);
  }
  if (cells.length > 0) map.fitBounds(L.latLngBounds(cells.flatMap((c) => [[c.south, c.west], [c.north, c.east]] as [number, number][])), { padding: [20, 20] });
  return { destroy: () => map.remove() };
}
