// Grouping map pins that would overlap at the current zoom: pins whose projected pixel
// positions fall into one square of `cellPx` pixels become one cluster, drawn at their mean
// position with their count. Plain and dependency-free (the inbox map shows at most a few
// thousand pins; a spatial index such as supercluster pays off only far beyond that).

export interface ProjectedPoint<T> { x: number; y: number; item: T }
export interface Cluster<T> { x: number; y: number; items: T[] }

export function clusterByPixels<T>(points: ProjectedPoint<T>[], cellPx = 56): Cluster<T>[] {
  const cells = new Map<string, { sx: number; sy: number; items: T[] }>();
  for (const p of points) {
    const key = `${Math.floor(p.x / cellPx)}:${Math.floor(p.y / cellPx)}`;
    const cell = cells.get(key);
    if (cell) {
      cell.sx += p.x; cell.sy += p.y; cell.items.push(p.item);
    } else {
      cells.set(key, { sx: p.x, sy: p.y, items: [p.item] });
    }
  }
  return [...cells.values()].map((c) => ({ x: c.sx / c.items.length, y: c.sy / c.items.length, items: c.items }));
}
