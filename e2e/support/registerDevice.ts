// Registers a virtual device on the e2e devnet from Node, the way an owner's wallet would (mint a device NFT,
// approve the registry, the device signs the Permit, register), so specs get a claimed device without driving
// the claim UI. The device key is derived from a seed: startVirtualDeviceServer({ privateKey }) then serves the
// same device over HTTP for flows that need it to sign again (update, remove).
import { readFileSync } from "node:fs";
import {
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  parseEventLogs,
  parseSignature,
  stringToBytes,
  type Address,
  type Hash,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { deviceNFTAbi, ioIDAbi, ioIDRegistryAbi, ioIDStoreAbi } from "../../lib/chain/abi";
import { deploymentSchema, type Deployment } from "../../lib/chain/deployment";
import { dataUriForDocument, documentHash } from "../../lib/did/didDocument";
import { permitDigest } from "../../lib/device/permit";
import { createVirtualDevice, type VirtualDevice } from "../../lib/device/simulated/virtualDevice";
import { anvilPrivateKeys } from "../../scripts/devnet/accounts";
import { devnet } from "../../lib/chain/chains";
import { e2eRpcUrl } from "./ports";

export const e2eDeployment: Deployment = deploymentSchema.parse(
  JSON.parse(readFileSync(new URL("../../lib/chain/deployments/devnet.json", import.meta.url), "utf8")),
);

const chain = { ...devnet, rpcUrls: { default: { http: [e2eRpcUrl] } } };
const transport = http(e2eRpcUrl, { retryCount: 0 });
export const e2ePublicClient = createPublicClient({ chain, transport, pollingInterval: 50 });
export const e2eAccounts = anvilPrivateKeys.slice(0, 2).map((key) => privateKeyToAccount(key));

async function confirm(sent: Promise<Hash>): Promise<Hash> {
  const hash = await sent;
  const receipt = await e2ePublicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (receipt.status !== "success") throw new Error(`e2e setup transaction ${hash} reverted`);
  return hash;
}

function walletFor(index: number) {
  return createWalletClient({ chain, transport, account: e2eAccounts[index]! });
}

export interface RegisterOptions {
  /** Names the device: the same seed is the same key on every run. */
  seed: string;
  /** Index of the anvil account that becomes the owner (0 or 1). Default 0. */
  owner?: number;
  /** The document to record; default: the virtual device's own ioConnect document. */
  document?: unknown;
  /** Default: keccak256 of the document's JCS bytes (our rule). */
  hash?: Hex;
  /** Default: the document as a data: URI. */
  uri?: string;
}

export interface RegisteredDevice {
  device: VirtualDevice;
  /** The device's secp256k1 key, for startVirtualDeviceServer({ privateKey }). */
  privateKey: Hex;
  address: Address;
  did: string;
  owner: Address;
  ioID: bigint;
  deviceNFTTokenId: bigint;
  hash: Hex;
  uri: string;
  transactionHash: Hash;
}

export function deviceKey(seed: string): Hex {
  return keccak256(stringToBytes(`ioid-e2e-device:${seed}`));
}

export async function registerVirtualDevice(options: RegisterOptions): Promise<RegisteredDevice> {
  const d = e2eDeployment;
  const ownerIndex = options.owner ?? 0;
  const owner = e2eAccounts[ownerIndex]!.address;
  const privateKey = deviceKey(options.seed);
  const device = createVirtualDevice({ privateKey, highS: "never" });
  const document = options.document ?? device.diddocJson().diddoc;
  const hash = options.hash ?? documentHash(document);
  const uri = options.uri ?? dataUriForDocument(document);

  // A fresh device NFT each time (account 0 is the demo collection's minter), so specs never compete for the
  // eight seeded tokens.
  const mintHash = await confirm(walletFor(0).writeContract({ address: d.deviceNFT, abi: deviceNFTAbi, functionName: "mint", args: [owner] }));
  const minted = parseEventLogs({ abi: deviceNFTAbi, eventName: "Transfer", logs: (await e2ePublicClient.getTransactionReceipt({ hash: mintHash })).logs });
  const tokenId = minted[0]!.args.tokenId;
  await confirm(walletFor(ownerIndex).writeContract({ address: d.deviceNFT, abi: deviceNFTAbi, functionName: "approve", args: [d.ioIDRegistry, tokenId] }));

  const [nonce, price, applied, actived] = await Promise.all([
    e2ePublicClient.readContract({ address: d.ioIDRegistry, abi: ioIDRegistryAbi, functionName: "nonces", args: [device.address] }),
    e2ePublicClient.readContract({ address: d.ioIDStore, abi: ioIDStoreAbi, functionName: "price" }),
    e2ePublicClient.readContract({ address: d.ioIDStore, abi: ioIDStoreAbi, functionName: "projectAppliedAmount", args: [BigInt(d.projectId)] }),
    e2ePublicClient.readContract({ address: d.ioIDStore, abi: ioIDStoreAbi, functionName: "projectActivedAmount", args: [BigInt(d.projectId)] }),
  ]);
  const signature = await privateKeyToAccount(privateKey).sign({ hash: permitDigest({ chainId: d.chainId, registry: d.ioIDRegistry, owner, nonce }) });
  const { r, s, v } = parseSignature(signature);
  const transactionHash = await confirm(
    walletFor(ownerIndex).writeContract({
      address: d.ioIDRegistry,
      abi: ioIDRegistryAbi,
      functionName: "register",
      args: [d.deviceNFT, tokenId, device.address, hash, uri, Number(v), r, s],
      value: applied > actived ? 0n : price,
    }),
  );
  const created = parseEventLogs({ abi: ioIDAbi, eventName: "CreateIoID", logs: (await e2ePublicClient.getTransactionReceipt({ hash: transactionHash })).logs });
  return { device, privateKey, address: device.address, did: device.did, owner, ioID: created[0]!.args.id, deviceNFTTokenId: tokenId, hash, uri, transactionHash };
}
