// How deep a parsed JSON value nests, measured without recursion. A document nested thousands of levels deep is
// still a few kilobytes of JSON, but anything that walks it recursively (canonicalisation, serialising the
// answer) overflows the stack. No DID Document needs more than a handful of levels.

/** Deeper than this is refused as not a DID Document. */
export const MAX_DOCUMENT_DEPTH = 64;

/** True when `value` nests more than `limit` arrays/objects deep; stops walking as soon as it knows. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === "object") stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}
