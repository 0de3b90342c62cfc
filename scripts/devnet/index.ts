// The local ioID chain: anvil + our contract suite + demo data, used by `npm run devnet` and `npm run dev`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatEther } from "viem";
import { serializeDeployment, type Deployment } from "../../lib/chain/deployment";
import { startAnvil } from "./anvil";
import { demoPrepaidQuota, deployIoIDSuite, devnetIoIDPrice } from "./deploy";

export { startAnvil, findFreePort, PortBusyError, type AnvilInstance, type StartAnvilOptions } from "./anvil";
export { deployIoIDSuite, canonicalAddresses, devnetIoIDPrice, demoPrepaidQuota, type DeployOptions } from "./deploy";
export { anvilPrivateKeys } from "./accounts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where the devnet deployment is committed; lib/chain/config.ts imports it. */
export const devnetDeploymentFile = path.join(root, "lib", "chain", "deployments", "devnet.json");

export const devnetChainId = 31_337;

export interface StartDevnetOptions {
  /** Default 8545; fails with PortBusyError when taken. 0 picks a free port. */
  port?: number;
  /** Show anvil's own output. Default false. */
  verbose?: boolean;
  /** Write lib/chain/deployments/devnet.json (only touched when its content changes). Default true. */
  writeDeployment?: boolean;
}

export interface Devnet {
  rpcUrl: string;
  port: number;
  deployment: Deployment;
  /** True when devnet.json was rewritten because the deployment changed. */
  deploymentFileChanged: boolean;
  stop(): Promise<void>;
}

/** Starts anvil (chain 31337, cancun), deploys and seeds the suite, and writes the deployment JSON. */
export async function startDevnet(options: StartDevnetOptions = {}): Promise<Devnet> {
  const anvil = await startAnvil({ port: options.port ?? 8545, chainId: devnetChainId, silent: !options.verbose });
  try {
    const deployment = await deployIoIDSuite({ rpcUrl: anvil.rpcUrl });
    let deploymentFileChanged = false;
    if (options.writeDeployment ?? true) {
      const json = serializeDeployment(deployment);
      if (!existsSync(devnetDeploymentFile) || readFileSync(devnetDeploymentFile, "utf8") !== json) {
        mkdirSync(path.dirname(devnetDeploymentFile), { recursive: true });
        writeFileSync(devnetDeploymentFile, json);
        deploymentFileChanged = true;
      }
    }
    return { rpcUrl: anvil.rpcUrl, port: anvil.port, deployment, deploymentFileChanged, stop: anvil.stop };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** A readable overview of a devnet deployment. */
export function formatDevnetSummary(deployment: Deployment, rpcUrl: string): string {
  const d = deployment;
  const rows: [string, string][] = [
    ["ioIDRegistry", d.ioIDRegistry],
    ["ioID", d.ioID],
    ["ioIDStore", d.ioIDStore],
    ["Project", d.project],
    ["ProjectRegistry", d.projectRegistry],
    ["ERC6551Registry", d.erc6551Registry],
    ["ERC6551Account impl", d.erc6551AccountImpl],
    ["Multicall3", d.multicall3],
    ["Demo device NFT", d.deviceNFT],
    ["Other project NFT", d.demo.otherDeviceNFT],
    ["Unbound device NFT", d.demo.unboundDeviceNFT],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `ioID devnet on ${rpcUrl} (chain ${d.chainId}, deployed from block ${d.block})`,
    "",
    ...rows.map(([label, address]) => `  ${label.padEnd(width)}  ${address}`),
    "",
    `  "Demo DePIN" projectId ${d.projectId}: hardware, ${demoPrepaidQuota} ioIDs prepaid, then ${formatEther(devnetIoIDPrice)} IOTX per registration`,
    `  "Other Project" projectId ${d.demo.otherProjectId}: 1 ioID prepaid; its NFT #1 belongs to ${d.demo.owners[0]?.address ?? "account 0"}`,
    "",
    "  Demo device-NFT holders (anvil dev accounts, keys are public):",
    ...d.demo.owners.map((o, i) => `    account #${i} ${o.address}  token ids ${o.deviceNFTTokenIds.join(", ")}`),
  ].join("\n");
}
