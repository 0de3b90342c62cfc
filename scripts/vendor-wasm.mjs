// postinstall: serve the QR decoder's WebAssembly from the app itself (public/zxing_reader.wasm), never from a
// CDN: scanning must work offline and on a devnet, and the file must match the installed zxing-wasm exactly.
// Plain Node (no tsx): it also runs on production installs without dev dependencies.
import { copyFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const source = createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
copyFileSync(source, fileURLToPath(new URL("../public/zxing_reader.wasm", import.meta.url)));
