/** The fields of a resource the tree needs; ResourceView from the API has them. */
export interface TreeResource {
  urn: string;
  parent?: string;
}

export interface TreeNode<T extends TreeResource> {
  resource: T;
  children: TreeNode<T>[];
  depth: number;
}

/**
 * Arranges resources as a forest by `parent`, keeping the state's order
 * among siblings. A resource whose parent is not in the list (or that would
 * close a cycle) becomes a root, so every resource appears exactly once.
 */
export function buildResourceTree<T extends TreeResource>(resources: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>();
  for (const resource of resources) {
    if (!nodes.has(resource.urn)) {
      nodes.set(resource.urn, { resource, children: [], depth: 0 });
    }
  }

  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.resource.parent ? nodes.get(node.resource.parent) : undefined;
    if (parent && parent !== node && !isAncestor(node, parent, nodes)) {
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }

  const setDepth = (node: TreeNode<T>, depth: number) => {
    node.depth = depth;
    for (const child of node.children) {
      setDepth(child, depth + 1);
    }
  };
  for (const root of roots) {
    setDepth(root, 0);
  }
  return roots;
}

/** Reports whether `node` is on the parent chain that starts at `parent`, so linking the two would close a cycle. */
function isAncestor<T extends TreeResource>(node: TreeNode<T>, parent: TreeNode<T>, nodes: Map<string, TreeNode<T>>): boolean {
  let current: TreeNode<T> | undefined = parent;
  for (let steps = 0; current && steps <= nodes.size; steps++) {
    if (current === node) {
      return true;
    }
    current = current.resource.parent ? nodes.get(current.resource.parent) : undefined;
  }
  return false;
}

/** Depth-first list of nodes, skipping the children of collapsed URNs. */
export function flattenTree<T extends TreeResource>(roots: readonly TreeNode<T>[], collapsed: ReadonlySet<string>): TreeNode<T>[] {
  const result: TreeNode<T>[] = [];
  const visit = (node: TreeNode<T>) => {
    result.push(node);
    if (!collapsed.has(node.resource.urn)) {
      node.children.forEach(visit);
    }
  };
  roots.forEach(visit);
  return result;
}
