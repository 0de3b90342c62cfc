// Deploys our ioID v1 suite to a fresh anvil and seeds the demo data. Deterministic: a fresh anvil gives the same
// addresses every time (deployer = anvil account 0, nonces from 0; Multicall3 and the ERC-6551 registry are placed
// at their canonical addresses with anvil_setCode).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  isAddressEqual,
  parseEther,
  parseEventLogs,
  type Abi,
  type Address,
  type Hash,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  deviceNFTAbi,
  ioIDAbi,
  ioIDRegistryAbi,
  ioIDStoreAbi,
  projectAbi,
  projectRegistryAbi,
  verifyingProxyAbi,
} from "../../lib/chain/abi";
import { deploymentSchema, type Deployment } from "../../lib/chain/deployment";
import { anvilPrivateKeys, devnetVerifierPrivateKey } from "./accounts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export const canonicalAddresses = {
  multicall3: "0xcA11bde05977b3631167028862bE2a173976CA11",
  erc6551Registry: "0x000000006551c19487814612e58FE06813775758",
} as const satisfies Record<string, Address>;

/** ioID price on the devnet: 1 IOTX. */
export const devnetIoIDPrice = parseEther("1");
/** ioIDs prepaid for "Demo DePIN": the first two registrations are free, the third pays the price. */
export const demoPrepaidQuota = 2;
export const demoProjectName = "Demo DePIN";
export const otherProjectName = "Other Project";
export const enumerableProjectName = "Enumerable Project";
export const proxyProjectName = "Proxy Project";
/** Device NFTs (and prepaid ioIDs) the devnet VerifyingProxy may mint and register. */
export const proxyProjectQuota = 20;
/** Device NFTs minted to anvil accounts 0 and 1 (ids 1-4 and 5-8). */
export const demoNFTsPerOwner = 4;
/** A reward-like ERC-20 (6 decimals, unlike IOTX) and a plain ERC-721; anvil account 0 mints both. */
export const testTokenInfo = { name: "Devnet Reward", symbol: "DRW", decimals: 6 } as const;
export const testNFTInfo = { name: "Devnet Badge", symbol: "DBG" } as const;

export type ArtifactName =
  | "DeviceNFT"
  | "EnumerableDeviceNFT"
  | "ERC6551Account"
  | "ERC6551Registry"
  | "Multicall3"
  | "Project"
  | "ProjectRegistry"
  | "VerifyingProxy"
  | "ioID"
  | "ioIDRegistry"
  | "ioIDStore"
  | "TestNFT"
  | "TestToken";

/** Bytecode from contracts/out (written by `npm run contracts:build`). */
export function loadArtifact(name: ArtifactName): { abi: Abi; bytecode: Hex; deployedBytecode: Hex } {
  const file = path.join(root, "contracts", "out", `${name}.json`);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as { abi: Abi; bytecode: Hex; deployedBytecode: Hex };
  } catch (error) {
    throw new Error(`cannot read ${path.relative(root, file)} (${String(error)}): run npm run contracts:build`);
  }
}

export interface DeployOptions {
  rpcUrl: string;
  /** Default: anvil account 0. */
  deployerPrivateKey?: Hex;
}

export async function deployIoIDSuite({ rpcUrl, deployerPrivateKey }: DeployOptions): Promise<Deployment> {
  const transport = http(rpcUrl, { retryCount: 0 });
  const probe = createPublicClient({ transport });
  const chainId = await probe.getChainId();
  const chain = defineChain({
    id: chainId,
    name: "ioID devnet",
    nativeCurrency: { name: "IoTeX", symbol: "IOTX", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const publicClient: PublicClient = createPublicClient({ chain, transport, pollingInterval: 20 });
  const account = privateKeyToAccount(deployerPrivateKey ?? anvilPrivateKeys[0]);
  const wallet = createWalletClient({ chain, transport, account });
  const holders = [account.address, privateKeyToAccount(anvilPrivateKeys[1]).address];

  const confirm = async (hash: Hash): Promise<TransactionReceipt> => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    if (receipt.status !== "success") throw new Error(`devnet deploy: transaction ${hash} reverted`);
    return receipt;
  };
  const deploy = async (name: ArtifactName, args: readonly unknown[] = []): Promise<{ address: Address; block: bigint }> => {
    const { abi, bytecode } = loadArtifact(name);
    const receipt = await confirm(await wallet.deployContract({ abi, bytecode, args }));
    if (!receipt.contractAddress) throw new Error(`devnet deploy: ${name} has no contract address`);
    return { address: getAddress(receipt.contractAddress), block: receipt.blockNumber };
  };
  const testClient = createTestClient({ chain, transport, mode: "anvil" });
  const setCode = (address: Address, name: ArtifactName) =>
    testClient.setCode({ address, bytecode: loadArtifact(name).deployedBytecode });

  // Stateless helpers at their canonical addresses.
  await setCode(canonicalAddresses.multicall3, "Multicall3");
  await setCode(canonicalAddresses.erc6551Registry, "ERC6551Registry");

  // Core suite, in IoTeX's deploy order.
  const projectDeployment = await deploy("Project");
  const project = projectDeployment.address;
  await confirm(await wallet.writeContract({ address: project, abi: projectAbi, functionName: "initialize", args: ["ioID Project", "IPN"] }));

  const projectRegistry = (await deploy("ProjectRegistry")).address;
  await confirm(await wallet.writeContract({ address: projectRegistry, abi: projectRegistryAbi, functionName: "initialize", args: [project] }));
  await confirm(await wallet.writeContract({ address: project, abi: projectAbi, functionName: "setMinter", args: [projectRegistry] }));

  const ioIDStore = (await deploy("ioIDStore")).address;
  await confirm(
    await wallet.writeContract({ address: ioIDStore, abi: ioIDStoreAbi, functionName: "initialize", args: [project, devnetIoIDPrice] }),
  );

  const erc6551AccountImpl = (await deploy("ERC6551Account")).address;
  const ioID = (await deploy("ioID")).address;
  await confirm(
    await wallet.writeContract({
      address: ioID,
      abi: ioIDAbi,
      functionName: "initialize",
      args: [account.address, canonicalAddresses.erc6551Registry, erc6551AccountImpl, "ioID device NFT", "IDN"],
    }),
  );

  const ioIDRegistry = (await deploy("ioIDRegistry")).address;
  await confirm(
    await wallet.writeContract({ address: ioIDRegistry, abi: ioIDRegistryAbi, functionName: "initialize", args: [ioIDStore, ioID] }),
  );
  await confirm(
    await wallet.writeContract({ address: ioIDStore, abi: ioIDStoreAbi, functionName: "setIoIDRegistry", args: [ioIDRegistry] }),
  );
  await confirm(await wallet.writeContract({ address: ioID, abi: ioIDAbi, functionName: "setMinter", args: [ioIDRegistry] }));

  // Demo data.
  const registerProject = async (name: string): Promise<number> => {
    const receipt = await confirm(
      await wallet.writeContract({ address: projectRegistry, abi: projectRegistryAbi, functionName: "register", args: [name, 0] }),
    );
    const minted = parseEventLogs({ abi: projectAbi, eventName: "Transfer", logs: receipt.logs }).find((log) =>
      isAddressEqual(log.address, project),
    );
    if (!minted) throw new Error(`devnet deploy: no Project Transfer log for "${name}"`);
    return Number(minted.args.tokenId);
  };
  const deployDeviceNFT = async (name: string, symbol: string, artifact: ArtifactName = "DeviceNFT"): Promise<Address> => {
    const address = (await deploy(artifact)).address;
    await confirm(await wallet.writeContract({ address, abi: deviceNFTAbi, functionName: "initialize", args: [name, symbol] }));
    await confirm(
      await wallet.writeContract({ address, abi: deviceNFTAbi, functionName: "configureMinter", args: [account.address, 1000n] }),
    );
    return address;
  };
  const bindAndPrepay = async (projectId: number, nft: Address, quota: number) => {
    await confirm(
      await wallet.writeContract({ address: ioIDStore, abi: ioIDStoreAbi, functionName: "setDeviceContract", args: [BigInt(projectId), nft] }),
    );
    await confirm(
      await wallet.writeContract({
        address: ioIDStore,
        abi: ioIDStoreAbi,
        functionName: "applyIoIDs",
        args: [BigInt(projectId), BigInt(quota)],
        value: BigInt(quota) * devnetIoIDPrice,
      }),
    );
  };
  const mintTo = async (nft: Address, to: Address): Promise<number> => {
    const receipt = await confirm(await wallet.writeContract({ address: nft, abi: deviceNFTAbi, functionName: "mint", args: [to] }));
    const minted = parseEventLogs({ abi: deviceNFTAbi, eventName: "Transfer", logs: receipt.logs }).find((log) =>
      isAddressEqual(log.address, nft),
    );
    if (!minted) throw new Error("devnet deploy: no device NFT Transfer log");
    return Number(minted.args.tokenId);
  };

  /** Like UniversalFactory: the proxy gets its own DeviceNFT, registers the project and prepays its quota. */
  const deployVerifyingProxy = async () => {
    const proxyNFT = (await deploy("DeviceNFT")).address;
    await confirm(await wallet.writeContract({ address: proxyNFT, abi: deviceNFTAbi, functionName: "initialize", args: ["Proxy Device", "PXD"] }));
    const address = (await deploy("VerifyingProxy")).address;
    await confirm(await wallet.writeContract({ address: proxyNFT, abi: deviceNFTAbi, functionName: "transferOwnership", args: [address] }));
    const verifier = privateKeyToAccount(devnetVerifierPrivateKey).address;
    const quota = BigInt(proxyProjectQuota);
    await confirm(
      await wallet.writeContract({
        address,
        abi: verifyingProxyAbi,
        functionName: "initialize",
        args: [ioIDRegistry, projectRegistry, proxyNFT, verifier, proxyProjectName, 0, quota],
        value: quota * devnetIoIDPrice,
      }),
    );
    const projectId = Number(await publicClient.readContract({ address, abi: verifyingProxyAbi, functionName: "projectId" }));
    return { address, projectId, deviceNFT: proxyNFT, verifier };
  };

  const projectId = await registerProject(demoProjectName);
  const deviceNFT = await deployDeviceNFT("Demo DePIN Device", "DDD");
  await bindAndPrepay(projectId, deviceNFT, demoPrepaidQuota);
  const owners: Deployment["demo"]["owners"] = [];
  for (const holder of holders) {
    const deviceNFTTokenIds: number[] = [];
    for (let i = 0; i < demoNFTsPerOwner; i++) deviceNFTTokenIds.push(await mintTo(deviceNFT, holder));
    owners.push({ address: holder, deviceNFTTokenIds });
  }

  const otherProjectId = await registerProject(otherProjectName);
  const otherDeviceNFT = await deployDeviceNFT("Other Project Device", "OPD");
  await bindAndPrepay(otherProjectId, otherDeviceNFT, 1);
  await mintTo(otherDeviceNFT, account.address);

  const unboundDeviceNFT = await deployDeviceNFT("Unbound Device", "UBD");
  await mintTo(unboundDeviceNFT, account.address);

  // Listed only through the store's SetDeviceContract events: the app's NFT discovery must find all three.
  const enumerableProjectId = await registerProject(enumerableProjectName);
  const enumerableDeviceNFT = await deployDeviceNFT("Enumerable Device", "EDV", "EnumerableDeviceNFT");
  await bindAndPrepay(enumerableProjectId, enumerableDeviceNFT, 1);
  for (let i = 0; i < 2; i++) await mintTo(enumerableDeviceNFT, account.address);

  const proxy = await deployVerifyingProxy();

  // Assets a device wallet can hold besides IOTX and its device NFT (deployed last: earlier addresses stay put).
  const testToken = (await deploy("TestToken", [testTokenInfo.name, testTokenInfo.symbol, testTokenInfo.decimals])).address;
  const testNFT = (await deploy("TestNFT", [testNFTInfo.name, testNFTInfo.symbol])).address;

  return deploymentSchema.parse({
    chainId,
    block: Number(projectDeployment.block),
    ioIDRegistry,
    ioID,
    ioIDStore,
    project,
    projectRegistry,
    deviceNFT,
    erc6551Registry: canonicalAddresses.erc6551Registry,
    erc6551AccountImpl,
    multicall3: canonicalAddresses.multicall3,
    projectId,
    demo: { otherProjectId, otherDeviceNFT, unboundDeviceNFT, owners, enumerableProjectId, enumerableDeviceNFT, proxy, testToken, testNFT },
  } satisfies Deployment);
}
