import type { Address, Hex } from "viem";
import type { Devnet } from "../../contracts/test/helpers";
import { encodeClaimPayload } from "./input/encode";
import { parseClaimInput } from "./input/parse";
import type { ChainConfig } from "../chain/config";
import { permitDigest } from "../device/permit";
import { createVirtualDevice } from "../device/simulated/virtualDevice";
import type { ClaimController, ClaimFlowState } from "./controllerPorts";
import type { ClaimWallet } from "./execute";
import type { StoredClaim } from "./storedClaim";

// What the claim tests share: a device's pre-signed claim for a devnet, and a wallet port over an anvil account.

/** A virtual device's claim payload, signed for the devnet's first account unless `over` says otherwise. */
export function presignedClaim(c: Devnet, seed: string, over: { owner?: Address; nonce?: bigint; chainId?: number; registry?: Address } = {}) {
  const device = createVirtualDevice({ seed });
  const params = {
    owner: over.owner ?? c.accounts[0]!.address,
    nonce: over.nonce ?? 0n,
    chainId: over.chainId ?? c.chainId,
    registry: over.registry ?? c.deployment.ioIDRegistry,
  };
  const sig = device.sign(permitDigest(params)).sign as Hex;
  const text = encodeClaimPayload({ v: 1, did: device.did, puk: device.publicKey, ...params, nonce: params.nonce.toString(), sig });
  return { device, text, input: parseClaimInput(text) };
}

/** The claim's wallet port over anvil account `index`, one transaction per call, counting its prompts. */
export function localWallet(c: Devnet, index = 0): ClaimWallet & { prompts: number } {
  const wallet = c.wallets[index]!;
  const port = {
    prompts: 0,
    account: async () => ({ address: wallet.account.address, chainId: c.chainId }),
    supportsAtomicBatch: async () => false,
    callBundling: async () => "none" as const,
    sendCalls: async () => {
      throw new Error("not used");
    },
    waitForCalls: async () => [],
    sendTransaction: async (call: { to: Address; data: Hex; value: bigint }) => {
      port.prompts++;
      return wallet.sendTransaction({ to: call.to, data: call.data, value: call.value });
    },
    waitForReceipt: (hash: Hex) => c.publicClient.waitForTransactionReceipt({ hash }),
  };
  return port;
}

/** The devnet as the app's chain config sees it; `over` swaps a contract or the chain id. */
export function chainOf(c: Devnet, over: Partial<ChainConfig["contracts"]> & { id?: number } = {}): ChainConfig {
  const { id, ...contracts } = over;
  const d = c.deployment;
  return {
    chain: { ...c.publicClient.chain, id: id ?? c.chainId },
    rpcUrl: c.rpcUrl,
    explorerUrl: undefined,
    multicall3: d.multicall3,
    deviceNFTs: [{ address: d.deviceNFT, label: "Demo" }],
    logsFromBlock: 0n,
    contracts: { ioIDRegistry: d.ioIDRegistry, ioID: d.ioID, ioIDStore: d.ioIDStore, project: d.project, projectRegistry: d.projectRegistry, ...contracts },
  };
}

/** An in-memory tab: what a reload would find in localStorage. */
export function memoryStorage(initial?: StoredClaim) {
  const box = { value: initial as unknown };
  const toJson = (claim: StoredClaim) => JSON.parse(JSON.stringify({ ...claim, nft: claim.nft && { contract: claim.nft.contract, tokenId: claim.nft.tokenId?.toString() } }));
  return {
    box,
    read: () => box.value,
    save: (claim: StoredClaim) => void (box.value = toJson(claim)),
    clear: () => void (box.value = undefined),
  };
}


/** Resolves once the controller reaches a state `ok` accepts (20 s at most). */
export function until(controller: ClaimController, ok: (s: ClaimFlowState) => boolean): Promise<ClaimFlowState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (stop(), reject(new Error(`state stuck at ${controller.getState().phase}`))), 20_000);
    const look = () => ok(controller.getState()) && (clearTimeout(timer), stop(), resolve(controller.getState()));
    const stop = controller.subscribe(look);
    look();
  });
}
