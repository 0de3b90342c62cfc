import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { COMPILE_HINT, markFirstLoadChunks } from "./compileHints";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A dist folder shaped like Next's: root chunks, two pages with their entry chunks, one lazy chunk. */
function fakeBuild(): string {
  const dist = mkdtempSync(path.join(os.tmpdir(), "compile-hints-"));
  dirs.push(dist);
  mkdirSync(path.join(dist, "static/chunks"), { recursive: true });
  for (const name of ["root", "claim", "devices", "lazy", "shared"]) writeFileSync(path.join(dist, `static/chunks/${name}.js`), `/*${name}*/`);
  writeFileSync(path.join(dist, "static/chunks/style.css"), "a{}");
  writeFileSync(path.join(dist, "build-manifest.json"), JSON.stringify({ rootMainFiles: ["static/chunks/root.js"] }));
  const page = (route: string, chunks: string[]) => {
    mkdirSync(path.join(dist, "server/app", route), { recursive: true });
    const manifest = { [`${route}/page`]: { entryJSFiles: { [`[project]/app${route}/page`]: chunks, "[project]/node_modules/x": ["static/chunks/lazy.js"] } } };
    writeFileSync(path.join(dist, "server/app", route, "page_client-reference-manifest.js"), `globalThis.__RSC_MANIFEST = ${JSON.stringify(manifest)};`);
  };
  page("/claim", ["static/chunks/claim.js", "static/chunks/shared.js", "static/chunks/style.css"]);
  page("/devices", ["static/chunks/devices.js", "static/chunks/shared.js"]);
  return dist;
}

const read = (dist: string, name: string) => readFileSync(path.join(dist, `static/chunks/${name}`), "utf8");

describe("markFirstLoadChunks", () => {
  it("marks every page's first-load scripts once, and neither lazy chunks nor stylesheets", () => {
    const dist = fakeBuild();
    expect(markFirstLoadChunks(dist)).toBe(4);
    for (const name of ["root", "claim", "devices", "shared"]) expect(read(dist, `${name}.js`)).toBe(`${COMPILE_HINT}/*${name}*/`);
    expect(read(dist, "lazy.js")).toBe("/*lazy*/");
    expect(read(dist, "style.css")).toBe("a{}");
    // A second run (a reused build) changes nothing.
    expect(markFirstLoadChunks(dist)).toBe(0);
    expect(read(dist, "root.js")).toBe(`${COMPILE_HINT}/*root*/`);
  });
});
