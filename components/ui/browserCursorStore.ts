import type { CursorStore } from "@/lib/chain/logScan";

/**
 * Where log-scan cursors live in the browser: localStorage, so a second visit reads only new blocks. Undefined
 * where storage is out of reach (server render, storage disabled): scans then start over, slower but right.
 */
export function browserCursorStore(): CursorStore | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}
