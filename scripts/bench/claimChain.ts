// What a claim costs on the chain side, run on the bench devnet with the app's own lib/claim code:
// - reads from "device scanned" to "ready to sign" (runClaimChecks), counted at the HTTP transport as JSON-RPC
//   requests and HTTP round trips (JSON-RPC batching on, as in the app), for a pre-signed payload, a device on
//   HTTP (the virtual device server) and a pre-approved NFT; the owner-token prefetch, which the app runs before
//   any scan, is counted on its own;
// - wallet prompts for the whole claim (executePlan): with an EIP-5792 batching wallet, without, and with the
//   NFT approved beforehand; real transactions, each claim checked to have minted its ioID.
// The devnet is put back as it was (evm_snapshot/evm_revert), and anvil account 1 is the owner, so the figures
// do not depend on what other modules seeded for account 0.
import type { CallBundling } from "../../lib/claim/bundling";
import {
  createPublicClient,
  createWalletClient,
  http,
  parseEther,
  type Address,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { deviceNFTAbi } from "../../lib/chain/abi";
import { anvil as anvilChain } from "viem/chains";
import { claimResultFromReceipt, executePlan, type ClaimWallet } from "../../lib/claim/execute";
import { ownerTokenCandidates } from "../../lib/claim/ownerTokens";
import { runClaimChecks, type ClaimCheckResult } from "../../lib/claim/runChecks";
import { createHttpDeviceSession } from "../../lib/device/httpSession";
import { encodeClaimPayload } from "../../lib/claim/input/encode";
import { parseClaimInput } from "../../lib/claim/input/parse";
import { permitDigest } from "../../lib/device/permit";
import { createVirtualDevice } from "../../lib/device/simulated/virtualDevice";
import { anvilPrivateKeys } from "../devnet/accounts";
import { startVirtualDeviceServer } from "../device/server";
import type { BenchContext, BenchDevnet, BenchModule } from "./types";

interface Counts {
  requests: number;
  trips: number;
}

/** A public client like the app's (batched JSON-RPC over HTTP) whose transport counts what it sends. */
export function countingClient(rpcUrl: string): { client: PublicClient; counts: Counts; measure<T>(run: () => Promise<T>): Promise<{ value: T } & Counts> } {
  const counts: Counts = { requests: 0, trips: 0 };
  const fetchFn: typeof fetch = (input, init) => {
    counts.trips++;
    const body: unknown = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    counts.requests += Array.isArray(body) ? body.length : 1;
    return fetch(input, init);
  };
  const client = createPublicClient({ chain: anvilChain, transport: http(rpcUrl, { batch: true, retryCount: 0, fetchFn }), pollingInterval: 50 });
  return {
    client,
    counts,
    async measure(run) {
      counts.requests = 0;
      counts.trips = 0;
      const value = await run();
      return { value, requests: counts.requests, trips: counts.trips };
    },
  };
}

async function rpc<T>(rpcUrl: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** Runs `work` on the devnet and puts the chain back as it was, for the modules that run after. */
export async function onSnapshot<T>(devnet: BenchDevnet, work: () => Promise<T>): Promise<T> {
  const snapshot = await rpc<string>(devnet.rpcUrl, "evm_snapshot");
  try {
    return await work();
  } finally {
    await rpc(devnet.rpcUrl, "evm_revert", [snapshot]);
  }
}

const ownerKey = anvilPrivateKeys[1]!;
const owner = privateKeyToAccount(ownerKey).address;

function presignedPayload(seed: string, { chainId, ioIDRegistry }: BenchDevnet["deployment"]): string {
  const device = createVirtualDevice({ seed });
  const registry = ioIDRegistry as Address;
  const { sign } = device.sign(permitDigest({ chainId, registry, owner, nonce: 0n }));
  return encodeClaimPayload({ v: 1, did: device.did, puk: device.publicKey, chainId, registry, owner, nonce: "0", sig: sign as Hex });
}

function checksFor(client: PublicClient, deployment: BenchDevnet["deployment"], extra: Partial<Parameters<typeof runClaimChecks>[2]> = {}) {
  return {
    client,
    chainId: deployment.chainId,
    registry: deployment.ioIDRegistry as Address,
    owner,
    gasReserve: parseEther("0.01"),
    ...extra,
  };
}

function expectReady(result: ClaimCheckResult, what: string): void {
  const failed = result.checklist.checks.filter((c) => !c.ok);
  if (failed.length > 0 || result.plan.length === 0) throw new Error(`${what}: not ready to sign: ${failed.map((c) => c.reason).join("; ")}`);
}

export const claimReadsBench: BenchModule = {
  id: "claim-reads",
  async run(ctx, report) {
    const devnet = await ctx.devnet();
    const { deployment } = devnet;
    const nftContract = deployment.deviceNFT as Address;
    const [tokenA, tokenB] = deployment.demo.owners[1]!.deviceNFTTokenIds.map(BigInt);
    await onSnapshot(devnet, async () => {
      const { client, measure } = countingClient(devnet.rpcUrl);
      // Warm-up: the node's first deployless call pays for its own caches.
      await runClaimChecks(parseClaimInput(presignedPayload("bench-warm", deployment)), { contract: nftContract, tokenId: tokenA }, checksFor(client, deployment));

      // Before any scan, as soon as the wallet is known: which tokens the owner may hold.
      const prefetch = await measure(() => ownerTokenCandidates(client, { contract: nftContract, owner, fromBlock: BigInt(deployment.block) }));
      report({ name: "claim_prefetch_round_trips", value: prefetch.trips, unit: "round_trips" });
      report({ name: "claim_prefetch_requests", value: prefetch.requests, unit: "requests" });
      const candidates = prefetch.value;

      // A pre-signed payload (camera, image, paste, link): the scan carries everything but the chain's word.
      const input = parseClaimInput(presignedPayload("bench-presigned", deployment));
      const presigned = await measure(() => runClaimChecks(input, { contract: nftContract }, checksFor(client, deployment, { candidates })));
      expectReady(presigned.value, "pre-signed");
      report({ name: "claim_read_requests", value: presigned.requests, unit: "requests" });
      report({ name: "claim_read_round_trips", value: presigned.trips, unit: "round_trips" });

      // A device on HTTP: identity, signature and document come from the device; the chain is read the same way.
      const server = await startVirtualDeviceServer({ port: 0, host: "127.0.0.1", seed: "bench-http" });
      try {
        let deviceRequests = 0;
        const endpoint = parseClaimInput(server.url);
        const session = createHttpDeviceSession(endpoint.endpoint!, {
          fetch: (url, init) => {
            deviceRequests++;
            return fetch(url, init);
          },
        });
        const device = await measure(() => runClaimChecks(endpoint, { contract: nftContract }, checksFor(client, deployment, { candidates, session })));
        expectReady(device.value, "HTTP device");
        report({ name: "claim_read_requests_http_device", value: device.requests, unit: "requests" });
        report({ name: "claim_read_round_trips_http_device", value: device.trips, unit: "round_trips" });
        report({ name: "claim_device_requests_http_device", value: deviceRequests, unit: "requests" });
        await session.close();
      } finally {
        await server.close();
      }

      // An NFT the registry may already move: no approval step, so `register` is dry-run before the prompt.
      const wallet = createWalletClient({ chain: anvilChain, account: privateKeyToAccount(ownerKey), transport: http(devnet.rpcUrl) });
      await client.waitForTransactionReceipt({
        hash: await wallet.writeContract({ address: nftContract, abi: deviceNFTAbi, functionName: "approve", args: [deployment.ioIDRegistry as Address, tokenB!] }),
      });
      const approvedInput = parseClaimInput(presignedPayload("bench-preapproved", deployment));
      const approved = await measure(() => runClaimChecks(approvedInput, { contract: nftContract, tokenId: tokenB }, checksFor(client, deployment, { candidates })));
      expectReady(approved.value, "pre-approved");
      report({ name: "claim_read_round_trips_preapproved", value: approved.trips, unit: "round_trips" });
    });
  },
};

/**
 * The claim's wallet port over anvil account 1 (the bench owner), counting every prompt a person would have to
 * confirm; `bundling` is what its EIP-5792 capabilities would say.
 */
export function countingWallet(devnet: BenchDevnet, client: PublicClient, bundling: CallBundling): ClaimWallet & { prompts: number } {
  const wallet = createWalletClient({ chain: anvilChain, account: privateKeyToAccount(ownerKey), transport: http(devnet.rpcUrl) });
  const batches = new Map<string, Hex[]>();
  const port = {
    prompts: 0,
    account: async () => ({ address: wallet.account.address, chainId: anvilChain.id }),
    supportsAtomicBatch: async () => bundling === "atomic",
    callBundling: async () => bundling,
    // One prompt for the whole batch; the calls then go in order, as a smart account executes them.
    async sendCalls(calls: { to: Address; data: Hex; value: bigint }[]) {
      port.prompts++;
      const hashes: Hex[] = [];
      for (const call of calls) {
        const hash = await wallet.sendTransaction({ to: call.to, data: call.data, value: call.value });
        await client.waitForTransactionReceipt({ hash });
        hashes.push(hash);
      }
      const id = `batch-${batches.size}`;
      batches.set(id, hashes);
      return id;
    },
    waitForCalls: async (id: string): Promise<TransactionReceipt[]> => Promise.all((batches.get(id) ?? []).map((hash) => client.waitForTransactionReceipt({ hash }))),
    async sendTransaction(call: { to: Address; data: Hex; value: bigint }) {
      port.prompts++;
      return wallet.sendTransaction({ to: call.to, data: call.data, value: call.value });
    },
    waitForReceipt: (hash: Hex) => client.waitForTransactionReceipt({ hash }),
  };
  return port;
}

async function claimWithPrompts(ctx: BenchContext, devnet: BenchDevnet, seed: string, tokenId: bigint, atomic: boolean, preapprove: boolean): Promise<number> {
  const { deployment } = devnet;
  const client = createPublicClient({ chain: anvilChain, transport: http(devnet.rpcUrl, { batch: true }), pollingInterval: 50 });
  const nft = { contract: deployment.deviceNFT as Address, tokenId };
  if (preapprove) {
    const wallet = createWalletClient({ chain: anvilChain, account: privateKeyToAccount(ownerKey), transport: http(devnet.rpcUrl) });
    await client.waitForTransactionReceipt({
      hash: await wallet.writeContract({ address: nft.contract, abi: deviceNFTAbi, functionName: "approve", args: [deployment.ioIDRegistry as Address, tokenId] }),
    });
  }
  const input = parseClaimInput(presignedPayload(seed, deployment));
  const checks = await runClaimChecks(input, nft, checksFor(client, deployment));
  expectReady(checks, seed);
  const wallet = countingWallet(devnet, client, atomic ? "atomic" : "none");
  const receipt = await executePlan(checks.plan, wallet, { onPrompt: () => undefined, onSent: () => undefined });
  const result = claimResultFromReceipt(receipt, deployment.ioID as Address, input.device);
  ctx.log(`${seed}: ioID #${result.ioID} after ${wallet.prompts} prompt(s) for ${checks.plan.map((c) => c.kind).join(" + ")}`);
  return wallet.prompts;
}

export const claimPromptsBench: BenchModule = {
  id: "claim-prompts",
  async run(ctx, report) {
    const devnet = await ctx.devnet();
    const tokens = devnet.deployment.demo.owners[1]!.deviceNFTTokenIds.map(BigInt);
    await onSnapshot(devnet, async () => {
      report({ name: "claim_wallet_prompts_batched", value: await claimWithPrompts(ctx, devnet, "bench-batched", tokens[0]!, true, false), unit: "prompts" });
      report({ name: "claim_wallet_prompts_unbatched", value: await claimWithPrompts(ctx, devnet, "bench-unbatched", tokens[1]!, false, false), unit: "prompts" });
      report({ name: "claim_wallet_prompts_preapproved", value: await claimWithPrompts(ctx, devnet, "bench-preapproved", tokens[2]!, false, true), unit: "prompts" });
    });
  },
};
