"use client";

import { useEffect } from "react";

/** Where app/serwist/[path]/route.ts serves the worker built from lib/offline/serviceWorker.ts. */
const WORKER_URL = "/serwist/sw.js";

/** After the load event: long enough for hydration and the page's first chain reads to have run on a phone. */
const AFTER_LOAD_MS = 3000;

/**
 * Registers the service worker a while after the page has loaded and when the main thread is idle, so its
 * install (evaluating the worker, precaching the offline page, the stylesheets and the icons) never competes
 * with the first visit's hydration and chain reads. Only production builds have one.
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
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      timer = setTimeout(() => ("requestIdleCallback" in window ? requestIdleCallback(register, { timeout: AFTER_LOAD_MS }) : register()), AFTER_LOAD_MS);
    };
    if (document.readyState === "complete") later();
    else window.addEventListener("load", later, { once: true });
    return () => {
      window.removeEventListener("load", later);
      clearTimeout(timer);
    };
  }, []);
  return null;
}
