// `npm run devnet [-- --port 8545] [--quiet] [--verbose]`: anvil with our ioID suite and demo data, until Ctrl-C.
import path from "node:path";
import { devnetDeploymentFile, formatDevnetSummary, startDevnet } from "./devnet/index";

function parseArgs(argv: string[]): { port: number; quiet: boolean; verbose: boolean } {
  let port = 8545;
  const portIndex = argv.indexOf("--port");
  if (portIndex >= 0) {
    port = Number(argv[portIndex + 1]);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port needs a port number`);
  }
  return { port, quiet: argv.includes("--quiet"), verbose: argv.includes("--verbose") };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const devnet = await startDevnet({ port: args.port, verbose: args.verbose });
  const file = path.relative(process.cwd(), devnetDeploymentFile);
  if (args.quiet) {
    console.log(`devnet ready on ${devnet.rpcUrl}`);
  } else {
    console.log(formatDevnetSummary(devnet.deployment, devnet.rpcUrl));
    console.log(`\n  ${devnet.deploymentFileChanged ? "wrote" : "unchanged:"} ${file}\n\nCtrl-C stops the devnet.`);
  }

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void devnet.stop().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`devnet: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
