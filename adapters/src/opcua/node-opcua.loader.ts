/** The node-opcua module; its types come from a type-only import, its code from `loadNodeOpcUa`. */
export type NodeOpcUa = typeof import('node-opcua');

let loading: Promise<NodeOpcUa> | undefined;

/**
 * node-opcua takes 1.5–3 s to load (the whole client and server stack). Loading it on the first
 * `start()` keeps `@zhongshu/adapters` cheap to import for everything that never speaks OPC UA.
 */
export function loadNodeOpcUa(): Promise<NodeOpcUa> {
  loading ??= import('node-opcua');
  return loading;
}
