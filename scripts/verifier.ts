// `tsx scripts/verifier.ts [--port N]`: the devnet verifier service alone (the e2e stack starts it this way).
import { startVerifierServer } from "./verifier/server";

const portIndex = process.argv.indexOf("--port");
const port = portIndex >= 0 ? Number(process.argv[portIndex + 1]) : 8010;
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error("--port needs a port number");

const verifier = await startVerifierServer({ port });
console.log(`verifier ready on ${verifier.url} (signs as ${verifier.address})`);
const stop = () => void verifier.close().finally(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
