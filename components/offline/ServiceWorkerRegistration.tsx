"use client";

import { useEffect } from "react";

/** Where app/serwist/[path]/route.ts serves the worker built from lib/offline/serviceWorker.ts. */
const WORKER_URL = "/serwist/sw.js";

/**
 * Registers the service worker once the page has loaded, so its install (precaching the offline page and the
 * stylesheets) never competes with the first visit. Only production builds have one.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    const register = () => {
      navigator.serviceWorker.register(WORKER_URL, { scope: "/", type: "module" }).catch((error: unknown) => {
        // Nothing the owner can act on: the app works online without it, only the offline page is missing.
        console.warn("service worker not registered:", error);
      });
    };
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
  }, []);
  return null;
}
