// `npm run dev`: the whole product on one machine — local ioID chain with demo data, a simulated device, the app.
import { spawn } from "node:child_process";
import { startInboxClient } from "./device/inbox";
import { startVirtualDeviceServer, writeIdentityQr } from "./device/server";
import { startDevnet } from "./devnet/index";
import { startVerifierServer } from "./verifier/server";
import { DEVNET_CHAIN_IDS } from "../lib/chain/chains";

const appPort = Number(process.env.PORT ?? 3000);
const devicePort = Number(process.env.DEVICE_PORT ?? 8000);
const verifierPort = Number(process.env.VERIFIER_PORT ?? 8010);

async function main(): Promise<void> {
  const devnet = await startDevnet({ port: 8545 });
  const device = await startVirtualDeviceServer({ port: devicePort, host: "127.0.0.1", seed: "demo" });
  const verifier = await startVerifierServer({ port: verifierPort });

  // Its own process group, so stopping reaches next-server and its workers, not only the launcher.
  const next = spawn("node_modules/.bin/next", ["dev", "-p", String(appPort)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      // A build without chain variables offers mainnet first; development works on the devnet unless told otherwise.
      NEXT_PUBLIC_CHAINS: process.env.NEXT_PUBLIC_CHAINS ?? DEVNET_CHAIN_IDS,
      // The app may frame its own example host page (/embed-example.html) unless told otherwise.
      EMBED_ALLOWED_ORIGINS: process.env.EMBED_ALLOWED_ORIGINS ?? `http://localhost:${appPort},http://127.0.0.1:${appPort}`,
    },
    detached: true,
  });
  const qr = await writeIdentityQr(device, ".devnet");
  // The demo device talks to the app's inbox; its messages show on its page once it is claimed.
  const inbox = startInboxClient({ device: device.device, appUrl: `http://127.0.0.1:${appPort}`, log: (line) => console.log(line) });

  const owner = devnet.deployment.demo.owners[0];
  console.log(
    [
      "",
      "ioID Device Wallet is starting:",
      `  app            http://localhost:${appPort}`,
      `  embed example  http://localhost:${appPort}/embed-example.html (docs/embed-api.md)`,
      `  devnet RPC     ${devnet.rpcUrl} (chain 31337)`,
      `  virtual device ${device.url}  ${device.device.did} (sends telemetry to the app's inbox once claimed)`,
      `                 its identity QR: ${qr.pngPath}`,
      `  proxy verifier ${verifier.url}  for "Proxy Project" (VerifyingProxy ${devnet.deployment.demo.proxy.address})`,
      owner ? `  demo owner     ${owner.address} holds device NFTs ${owner.deviceNFTTokenIds.join(", ")}` : "",
      // anvil's publicly known dev key: worthless anywhere but this local chain.
      "  demo wallet    import 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80 (anvil #0) into your wallet,",
      "                 add network http://127.0.0.1:8545 chain id 31337",
      "Ctrl-C stops everything.",
      "",
    ].join("\n"),
  );

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    inbox.stop();
    if (next.pid) process.kill(-next.pid, "SIGTERM");
    await Promise.allSettled([device.close(), verifier.close(), devnet.stop()]);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  next.on("exit", (code) => void stop(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
