// The JavaScript a browser loads to show an App Router page on a cold visit, read from a build's manifests: the
// framework's root chunks plus every chunk the page's layouts and page entry list (lazy chunks are not counted).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";

type ClientManifest = Record<string, { entryJSFiles: Record<string, string[]> }>;

function rootMainFiles(distDir: string): string[] {
  return (JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] }).rootMainFiles;
}

/** The client reference manifest of one page file (a script that assigns globalThis.__RSC_MANIFEST). */
function clientManifest(file: string): ClientManifest {
  const context = vm.createContext({});
  vm.runInContext(readFileSync(file, "utf8"), context);
  return context.__RSC_MANIFEST as ClientManifest;
}

function appEntryChunks(entry: ClientManifest[string]): string[] {
  return Object.entries(entry.entryJSFiles)
    .filter(([module]) => module.startsWith("[project]/app/"))
    .flatMap(([, chunks]) => chunks);
}

/** First-load chunk paths (relative to distDir, e.g. static/chunks/x.js) of one route such as "/claim". */
export function firstLoadChunks(distDir: string, route: string): string[] {
  const entry = clientManifest(path.join(distDir, "server/app", route, "page_client-reference-manifest.js"))[`${route}/page`];
  if (!entry) throw new Error(`no client manifest for ${route} in ${distDir}`);
  return [...new Set([...rootMainFiles(distDir), ...appEntryChunks(entry)])];
}

/** First-load chunks of every page of the build, together. */
export function allFirstLoadChunks(distDir: string): string[] {
  const appDir = path.join(distDir, "server/app");
  const manifests = readdirSync(appDir, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "page_client-reference-manifest.js");
  const pages = manifests.flatMap((f) => Object.values(clientManifest(path.join(appDir, f))));
  return [...new Set([...rootMainFiles(distDir), ...pages.flatMap(appEntryChunks)])];
}
