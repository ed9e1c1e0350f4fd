import type { ClientSession, NodeId } from 'node-opcua';
import type { OpcUaItemConfig } from './opcua-config.schema';
import type { NodeOpcUa } from './node-opcua.loader';

export interface BrowseSegment {
  /** Given as `2:Name`; absent means "namespace 0, else any namespace" (see `resolveBrowsePath`). */
  namespaceIndex?: number;
  name: string;
}

export type Resolved = { ok: true; nodeId: NodeId } | { ok: false; reason: string };

/** `/Objects/2:PumpingStation/Pressure` → segments; the config schema has checked the syntax. */
export function parseBrowsePath(path: string): BrowseSegment[] {
  return path
    .split('/')
    .slice(1)
    .map((segment) => {
      const match = /^(\d{1,5}):(.+)$/.exec(segment);
      return match?.[1] && match[2] ? { namespaceIndex: Number(match[1]), name: match[2] } : { name: segment };
    });
}

/** The node an item monitors, looked up again on every (re)subscribe: indexes and paths may have moved. */
export async function resolveItemNode(
  opcua: NodeOpcUa,
  session: ClientSession,
  item: OpcUaItemConfig,
  namespaces: () => Promise<string[]>,
): Promise<Resolved> {
  if (item.browsePath !== undefined) return resolveBrowsePath(opcua, session, item.browsePath);
  const nodeId = item.nodeId ?? '';
  const byUri = /^nsu=([^;]+);(.+)$/.exec(nodeId);
  try {
    if (!byUri?.[1] || !byUri[2]) return { ok: true, nodeId: opcua.resolveNodeId(nodeId) };
    const index = (await namespaces()).indexOf(byUri[1]);
    if (index < 0) return { ok: false, reason: `namespace ${byUri[1]} is not on the server` };
    return { ok: true, nodeId: opcua.resolveNodeId(`ns=${index};${byUri[2]}`) };
  } catch (error) {
    return { ok: false, reason: `bad node id ${nodeId}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * TranslateBrowsePathsToNodeIds over hierarchical references from the root, unqualified names in
 * namespace 0 as the standard says. When that finds nothing and some names were unqualified, each
 * unqualified name is matched in any namespace by browsing (an ambiguous name is an error), so
 * `/Objects/PumpingStation/Pressure` works without knowing the server's namespace index.
 */
export async function resolveBrowsePath(opcua: NodeOpcUa, session: ClientSession, path: string): Promise<Resolved> {
  const segments = parseBrowsePath(path);
  const hierarchical = opcua.resolveNodeId('HierarchicalReferences');
  const result = await session.translateBrowsePath(
    new opcua.BrowsePath({
      startingNode: opcua.resolveNodeId('RootFolder'),
      relativePath: {
        elements: segments.map((segment) => ({
          referenceTypeId: hierarchical,
          isInverse: false,
          includeSubtypes: true,
          targetName: { namespaceIndex: segment.namespaceIndex ?? 0, name: segment.name },
        })),
      },
    }),
  );
  const target = result.statusCode.isGood() ? result.targets?.[0] : undefined;
  if (target) return { ok: true, nodeId: toLocal(opcua, target.targetId) };
  if (segments.every((segment) => segment.namespaceIndex !== undefined)) {
    return { ok: false, reason: `browse path ${path}: ${result.statusCode.name}` };
  }
  return browseByName(opcua, session, path, segments);
}

async function browseByName(
  opcua: NodeOpcUa,
  session: ClientSession,
  path: string,
  segments: BrowseSegment[],
): Promise<Resolved> {
  let current = opcua.resolveNodeId('RootFolder');
  let walked = '';
  for (const segment of segments) {
    const browsed = await opcua.browseAll(session, {
      nodeId: current,
      browseDirection: opcua.BrowseDirection.Forward,
      referenceTypeId: 'HierarchicalReferences',
      includeSubtypes: true,
      nodeClassMask: 0,
      resultMask: 0x3f,
    });
    const matches = (browsed.references ?? []).filter(
      (reference) =>
        reference.browseName.name === segment.name &&
        (segment.namespaceIndex === undefined || reference.browseName.namespaceIndex === segment.namespaceIndex),
    );
    const distinct = new Set(matches.map((reference) => reference.nodeId.toString()));
    const label = `${segment.namespaceIndex === undefined ? '' : `${segment.namespaceIndex}:`}${segment.name}`;
    const first = matches[0];
    if (!first) return { ok: false, reason: `browse path ${path}: no ${label} under ${walked || '/'}` };
    if (distinct.size > 1) {
      const namespaces = matches.map((reference) => reference.browseName.namespaceIndex).join(', ');
      return {
        ok: false,
        reason: `browse path ${path}: ${label} is ambiguous under ${walked || '/'} (namespaces ${namespaces})`,
      };
    }
    current = toLocal(opcua, first.nodeId);
    walked += `/${label}`;
  }
  return { ok: true, nodeId: current };
}

/** An ExpandedNodeId of this server as a plain NodeId. */
const toLocal = (opcua: NodeOpcUa, nodeId: NodeId): NodeId =>
  new opcua.NodeId(nodeId.identifierType, nodeId.value, nodeId.namespace);
