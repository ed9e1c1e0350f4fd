/**
 * Figures about what the map is drawing, written as data-* attributes on the map's root element: the
 * badge shows some of them, and browser tests and the bench read them without reaching into L7.
 * Written straight to the DOM, never through React state, so a data update costs no re-render.
 */
export type MapStat =
  | 'ready'
  | 'view'
  | 'eventPoints'
  | 'clusterPoints'
  | 'clusterTotal'
  | 'clusterFeatures'
  | 'clusterZoom'
  | 'heatCells'
  | 'orders'
  | 'devices'
  | 'layers';

export class MapStats {
  private element: HTMLElement | null = null;
  private readonly values = new Map<MapStat, string>();

  attach(element: HTMLElement | null): void {
    this.element = element;
    if (element) for (const [name, value] of this.values) element.dataset[name] = value;
  }

  set(name: MapStat, value: string | number): void {
    const text = String(value);
    if (this.values.get(name) === text) return;
    this.values.set(name, text);
    if (this.element) this.element.dataset[name] = text;
  }
}
