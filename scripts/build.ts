// `npm run build`: Next's production build into NEXT_DIST_DIR (default .next), then V8 compile hints on the chunks
// every page loads first (scripts/build/compileHints.ts). The e2e and bench builds go through here too, so what
// they test and measure is what ships.
import { spawnSync } from "node:child_process";
import { markFirstLoadChunks } from "./build/compileHints";

const built = spawnSync("npx", ["next", "build"], { stdio: "inherit" }).status ?? 1;
if (built !== 0) process.exit(built);
const marked = markFirstLoadChunks(process.env.NEXT_DIST_DIR ?? ".next");
console.log(`compile hints: ${marked} first-load chunks marked`);
