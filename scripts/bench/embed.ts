// The embed API's weight for a host: the loader (public/embed.js, served as is) and the JavaScript the embed
// route (/embed/claim) loads on first visit inside the host's iframe or popup. Sizes are gzipped as served.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { firstLoadJs, productionBuild } from "./nextBuild";
import type { BenchModule } from "./types";

const loaderPath = path.resolve(import.meta.dirname, "../../public/embed.js");

export const embedBench: BenchModule = {
  id: "embed",
  async run(ctx, report) {
    const loader = readFileSync(loaderPath);
    report({ name: "embed_loader_bytes", value: loader.length, unit: "bytes" });
    report({ name: "embed_loader_gzip_bytes", value: gzipSync(loader).length, unit: "bytes" });

    const route = firstLoadJs(await productionBuild(ctx), "/embed/claim");
    ctx.log(`/embed/claim first load: ${route.files.length} chunks`);
    report({ name: "embed_route_first_load_js_bytes", value: route.bytes, unit: "bytes" });
    report({ name: "embed_route_first_load_js_gzip_bytes", value: route.gzipBytes, unit: "bytes" });
  },
};
