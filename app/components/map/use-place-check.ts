import { useEffect, useState } from 'react';
import type { LatLng } from './pin-map.client';

// Asks our server whether a dropped pin is outside the city (/send/place), once the pin has
// rested a moment (arrow keys move it in small steps). Any failure says nothing: the hint
// is a help, never a condition of sending.
export function usePlaceCheck(pin: LatLng | null): string | null {
  const [hint, setHint] = useState<string | null>(null);
  useEffect(() => {
    if (!pin) {
      setHint(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const query = new URLSearchParams({ lat: pin.lat.toFixed(6), lng: pin.lng.toFixed(6) });
      fetch(`/send/place?${query}`, { signal: controller.signal, headers: { Accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<{ outside?: boolean; hint?: string | null }>) : null))
        .then((answer) => setHint(answer?.outside && answer.hint ? answer.hint : null))
        .catch(() => undefined);
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [pin?.lat, pin?.lng]); // eslint-disable-line react-hooks/exhaustive-deps
  return hint;
}
