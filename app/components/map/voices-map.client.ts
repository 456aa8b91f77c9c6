import L from 'leaflet';
import type { MapSettings } from '~/domain/map-settings';
import { createBaseMap, escapeHtml } from './base-map.client';
import { clusterByPixels } from './cluster';

// The inbox map (Leaflet, in its own chunk): one link per voice, or a numbered cluster where
// pins would overlap; pressing a cluster zooms in on it. Redrawn on every zoom.

export interface MapVoice { receiptNumber: string; title: string; lat: number; lng: number }


export function createVoicesMap(element: HTMLElement, options: {
  settings: MapSettings; voices: MapVoice[]; labels: { map: string; zoomIn: string; zoomOut: string; cluster: (count: number) => string };
}): { destroy(): void } {
  const { settings, voices, labels } = options;
  const map = createBaseMap(element, settings, labels, { center: settings.center, zoom: 14, scrollWheelZoom: true });
  if (voices.length > 0) map.fitBounds(L.latLngBounds(voices.map((v) => [v.lat, v.lng])), { padding: [30, 30], maxZoom: 16 });

  const layer = L.layerGroup().addTo(map);
  const draw = () => {
    layer.clearLayers();
    const zoom = map.getZoom();
    const clusters = clusterByPixels(voices.map((v) => {
      const p = map.project([v.lat, v.lng], zoom);
      return { x: p.x, y: p.y, item: v };
    }));
    for (const c of clusters) {
      const at = map.unproject([c.x, c.y], zoom);
      if (c.items.length === 1) {
        const v = c.items[0]!;
        L.marker(at, {
          keyboard: false,
          icon: L.divIcon({
            className: 'voices-map__voice', iconSize: [28, 36], iconAnchor: [14, 36],
            html: `<a href="/staff/voices/${encodeURIComponent(v.receiptNumber)}" class="pin-map__pin" aria-label="${escapeHtml(`${v.receiptNumber} ${v.title}`)}" title="${escapeHtml(v.title)}"><span aria-hidden="true"></span></a>`,
          }),
        }).addTo(layer);
      } else {
        const marker = L.marker(at, {
          keyboard: false,
          icon: L.divIcon({
            className: 'voices-map__cluster', iconSize: [40, 40], iconAnchor: [20, 20],
            html: `<button type="button" aria-label="${escapeHtml(labels.cluster(c.items.length))}">${c.items.length}</button>`,
          }),
        }).addTo(layer);
        const zoomIn = () => map.fitBounds(L.latLngBounds(c.items.map((v) => [v.lat, v.lng])), { padding: [40, 40], maxZoom: 18 });
        marker.on('click', zoomIn);
        marker.getElement()?.querySelector('button')?.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); zoomIn(); }
        });
      }
    }
  };
  map.on('zoomend', draw);
  draw();
  return { destroy: () => map.remove() };
}
