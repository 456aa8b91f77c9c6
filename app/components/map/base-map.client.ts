import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './pin-map.css';
import type { MapSettings } from '~/domain/map-settings';

// What every Meyasu map shares: the city's tiles with their attribution, zoom buttons with
// translated titles, and a named region for screen readers.

export interface BaseMapLabels { map: string; zoomIn: string; zoomOut: string }

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function createBaseMap(element: HTMLElement, settings: MapSettings, labels: BaseMapLabels, options: L.MapOptions): L.Map {
  const map = L.map(element, { ...options, zoomControl: false });
  L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(map);
  map.attributionControl.setPrefix(false);
  L.tileLayer(settings.tileUrl, {
    maxZoom: 18, minZoom: 5,
    attribution: `<a href="${escapeHtml(settings.attributionUrl)}" target="_blank" rel="noopener">${escapeHtml(settings.attribution)}</a>`,
  }).addTo(map);
  element.setAttribute('role', 'region');
  element.setAttribute('aria-label', labels.map);
  return map;
}
