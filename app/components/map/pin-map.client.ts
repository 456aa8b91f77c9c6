import L from 'leaflet';
import type { MapSettings } from '~/domain/map-settings';
import { createBaseMap } from './base-map.client';

// The Leaflet part of the map, in its own chunk: loaded only when a resident presses
// "地図で場所を選ぶ" (or a staff page shows a place), so the send page's first load carries none
// of it. The pin is a focusable button: arrow keys move it (Shift for larger steps).

export interface LatLng { lat: number; lng: number }

export interface PinMapOptions {
  settings: MapSettings;
  pin: LatLng | null;
  /** False for a map that only shows a place. */
  interactive: boolean;
  labels: { map: string; pin: string; zoomIn: string; zoomOut: string };
  /** The pin was put or moved: by 'click', 'drag', 'key' or 'place' (a button). */
  onMove?: (pin: LatLng, how: 'click' | 'drag' | 'key' | 'place') => void;
}

export interface PinMap {
  setPin(pin: LatLng, how: 'place'): void;
  center(): LatLng;
  focusPin(): void;
  clearPin(): void;
  destroy(): void;
}


export function createPinMap(element: HTMLElement, options: PinMapOptions): PinMap {
  const { settings, interactive, labels } = options;
  const start = options.pin ?? { lat: settings.center[0], lng: settings.center[1] };
  const map = createBaseMap(element, settings, labels, {
    center: [start.lat, start.lng], zoom: options.pin ? 17 : 15,
    dragging: true, scrollWheelZoom: interactive, keyboard: true,
  });

  const icon = L.divIcon({ className: 'pin-map__pin', iconSize: [28, 36], iconAnchor: [14, 36], html: '<span aria-hidden="true"></span>' });
  let marker: L.Marker | null = null;

  const moved = (how: 'click' | 'drag' | 'key' | 'place') => {
    if (marker) options.onMove?.({ lat: marker.getLatLng().lat, lng: marker.getLatLng().lng }, how);
  };

  const put = (at: LatLng) => {
    if (marker) {
      marker.setLatLng([at.lat, at.lng]);
      return;
    }
    marker = L.marker([at.lat, at.lng], { icon, draggable: interactive, keyboard: interactive, title: labels.pin, autoPanOnFocus: true }).addTo(map);
    const el = marker.getElement();
    if (el) {
      el.setAttribute('aria-label', labels.pin);
      if (interactive) el.setAttribute('role', 'button');
      else el.setAttribute('role', 'img');
    }
    if (!interactive) return;
    marker.on('dragend', () => moved('drag'));
    if (el) {
      L.DomEvent.on(el, 'keydown', (event) => {
        const e = event as KeyboardEvent;
        const step = e.shiftKey ? 50 : 10;
        const delta = { ArrowUp: [0, -step], ArrowDown: [0, step], ArrowLeft: [-step, 0], ArrowRight: [step, 0] }[e.key];
        if (!delta || !marker) return;
        L.DomEvent.stop(e);
        const point = map.latLngToContainerPoint(marker.getLatLng()).add(L.point(delta[0]!, delta[1]!));
        const next = map.containerPointToLatLng(point);
        marker.setLatLng(next);
        map.panInside(next, { padding: [40, 40] });
        moved('key');
      });
    }
  };

  if (options.pin) put(options.pin);
  if (interactive) {
    map.on('click', (e: L.LeafletMouseEvent) => {
      put({ lat: e.latlng.lat, lng: e.latlng.lng });
      moved('click');
    });
  }

  return {
    setPin(pin) {
      put(pin);
      map.setView([pin.lat, pin.lng], Math.max(map.getZoom(), 16));
      moved('place');
    },
    center() {
      const c = map.getCenter();
      return { lat: c.lat, lng: c.lng };
    },
    focusPin() {
      marker?.getElement()?.focus();
    },
    clearPin() {
      marker?.remove();
      marker = null;
    },
    destroy() {
      map.remove();
    },
  };
}
