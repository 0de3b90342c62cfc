import { randomUUID } from "node:crypto";
import { createSerwistRoute } from "@serwist/turbopack";

// Serves /serwist/sw.js, bundled at build time from lib/offline/serviceWorker.ts. Precached: the offline page
// (a new revision each build), the stylesheets and the icons; not every script of the build, which would make a
// phone download megabytes of wallet code it may never run.
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "lib/offline/serviceWorker.ts",
  useNativeEsbuild: true,
  additionalPrecacheEntries: [{ url: "/offline", revision: randomUUID() }],
  manifestTransforms: [
    (entries) => ({ manifest: entries.filter((e) => e.url.endsWith(".css") || e.url.startsWith("public/icons/")), warnings: [] }),
  ],
});
