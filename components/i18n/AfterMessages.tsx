"use client";

import { useEffect, useState, type ReactNode } from "react";
import { useLaterMessages } from "./CatalogProvider";
import type { ClientNamespace } from "./clientNamespaces";

/**
 * Renders its children once these catalog parts are here (CatalogProvider's later messages), `fallback` until then:
 * a part of the page that can say them never shows a message key. If they cannot load (offline) the children render
 * anyway: what they do works without the words, only some of their failures would lack them.
 */
export function AfterMessages({ namespaces, fallback, children }: { namespaces: readonly ClientNamespace[]; fallback: ReactNode; children: ReactNode }) {
  const { ensure, holds } = useLaterMessages();
  const [settled, setSettled] = useState(false);
  const ready = settled || holds(namespaces);
  useEffect(() => {
    if (ready) return;
    let mounted = true;
    const settle = () => mounted && setSettled(true);
    ensure(namespaces).then(settle, settle);
    return () => {
      mounted = false;
    };
  }, [ready, ensure, namespaces]);
  return ready ? children : fallback;
}
