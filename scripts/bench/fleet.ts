// What a fleet claim of 50 devices costs, with the app's own lib/claim/fleet code on the bench devnet:
// - read round trips from "list complete" (50 claim codes parsed) to "ready" (every row checked, the send
//   dry-run): one lens read and one eth_simulateV1, counted at the HTTP transport; the owner-token prefetch, which
//   runs as soon as the wallet is known, on its own line;
// - wallet prompts for the whole fleet, real transactions, every device checked to have its ioID: with an EIP-5792
//   wallet that sends a bundle's calls one after another (one wallet_sendCalls, atomicRequired false), with one
//   that runs each bundle all-or-nothing (a bundle is one transaction, so the block's gas cuts the fleet), and
//   without EIP-5792 (approval for all + one per device); and the atomic bundles the gas cuts a fleet into when
//   every device records its document on chain (data: URI) instead of by ipfs:// reference;
// - the planner's time for 50 rows (NFT assignment, fees, checklists, prompts), pure: a re-plan, as after each
//   choice the owner makes (the devices' signatures were recovered once, by the check).
// Anvil account 1 owns; the devnet is put back as it was after each figure.
import { createWalletClient, http, parseEther, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { anvil } from "viem/chains";
import { deviceNFTAbi } from "../../lib/chain/abi";
import { canonicalDocumentBytes, documentHash } from "../../lib/did/didDocument";
import type { DocumentFetcher } from "../../lib/did/documentFetch";
import { ownerTokenCandidates } from "../../lib/claim/ownerTokens";
import { checkFleet, type FleetCheckDeps } from "../../lib/claim/fleet/check";
import { planFleet } from "../../lib/claim/fleet/plan";
import { parseClaimList } from "../../lib/claim/fleet/queueInput";
import { sendFleet } from "../../lib/claim/fleet/send";
import { batchGasBudget, fleetPrompts } from "../../lib/claim/fleet/sendPlan";
import { encodeClaimPayload } from "../../lib/claim/input/encode";
import { permitDigest } from "../../lib/device/permit";
import { createVirtualDevice } from "../../lib/device/simulated/virtualDevice";
import { anvilPrivateKeys } from "../devnet/accounts";
import { countingClient, countingWallet, onSnapshot } from "./claimChain";
import type { BenchDevnet, BenchModule } from "./types";
import { english } from "../../lib/i18n/renderText";

const FLEET = 50;
const owner: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/** The devices' documents as an IPFS gateway would serve them: the fleet check fetches and checks each one. */
const published = new Map<string, Uint8Array>();
const fetchPublished: DocumentFetcher = async (uri) => {
  const bytes = published.get(uri);
  if (!bytes) throw new Error(`${uri} is not published`);
  return { bytes, via: "ipfs", finalUrl: uri, contentType: "application/json", redirects: [] };
};

function fleetList({ chainId, ioIDRegistry }: BenchDevnet["deployment"], documents: "ipfs" | "data"): string {
  const registry = ioIDRegistry as Address;
  return Array.from({ length: FLEET }, (_, i) => {
    const device = createVirtualDevice({ seed: `bench-fleet-${documents}-${i}` });
    const { sign } = device.sign(permitDigest({ chainId, registry, owner, nonce: 0n }));
    const document = device.diddocJson().diddoc;
    const docUri = `ipfs://bafybenchfleet${i.toString().padStart(20, "0")}`;
    if (documents === "ipfs") published.set(docUri, canonicalDocumentBytes(document));
    const doc = documents === "ipfs" ? { docUri, docHash: documentHash(document) } : {};
    return encodeClaimPayload({ v: 1, did: device.did, puk: device.publicKey, chainId, registry, owner, nonce: "0", sig: sign as Hex, ...doc });
  }).join("\n");
}

/** The owner gets the device NFTs a fleet needs (account 0 mints the demo collection). */
async function mintFleetTokens(devnet: BenchDevnet, client: ReturnType<typeof countingClient>["client"]): Promise<void> {
  const minter = createWalletClient({ chain: anvil, account: privateKeyToAccount(anvilPrivateKeys[0]!), transport: http(devnet.rpcUrl) });
  for (let i = 0; i < FLEET; i++) {
    await client.waitForTransactionReceipt({ hash: await minter.writeContract({ address: devnet.deployment.deviceNFT as Address, abi: deviceNFTAbi, functionName: "mint", args: [owner] }) });
  }
}

export const fleetBench: BenchModule = {
  id: "fleet",
  async run(ctx, report) {
    const devnet = await ctx.devnet();
    const { deployment } = devnet;
    const collection = deployment.deviceNFT as Address;
    await onSnapshot(devnet, async () => {
      const { client, measure } = countingClient(devnet.rpcUrl);
      await mintFleetTokens(devnet, client);
      const prefetch = await measure(() => ownerTokenCandidates(client, { contract: collection, owner, fromBlock: BigInt(deployment.block), limit: 250 }));
      report({ name: "fleet_prefetch_round_trips", value: prefetch.trips, unit: "round_trips" });
      const deps: FleetCheckDeps = {
        client,
        owner,
        chainId: deployment.chainId,
        registry: deployment.ioIDRegistry as Address,
        gasReserve: parseEther("0.01"),
        defaultCollection: collection,
        candidates: new Map([[collection.toLowerCase(), prefetch.value]]),
        fetchDocument: fetchPublished,
      };

      const checkOnce = async (documents: "ipfs" | "data") => {
        const list = parseClaimList(fleetList(deployment, documents));
        if (list.entries.length !== FLEET) throw new Error(`fleet list: ${list.errors.map((e) => e.message).join("; ")}`);
        const checked = await measure(() => checkFleet(list.entries, new Map(), deps));
        const ready = checked.value.plan.rows.filter((r) => r.register).length;
        if (ready !== FLEET) throw new Error(`fleet: ${ready} of ${FLEET} ready: ${checked.value.plan.rows.flatMap((r) => r.checklist.checks.filter((c) => !c.ok).map((c) => c.reason)).slice(0, 3).join("; ")}`);
        return checked;
      };
      await checkOnce("ipfs"); // warm-up: the node's first deployless call and simulation pay for their caches
      const checked = await checkOnce("ipfs");
      report({ name: "fleet50_read_round_trips", value: checked.trips, unit: "round_trips" });
      report({ name: "fleet50_read_requests", value: checked.requests, unit: "requests" });

      const { rows, facts, plan } = checked.value;
      const runs = 50;
      const started = performance.now();
      for (let i = 0; i < runs; i++) fleetPrompts(planFleet(rows, facts, deps), facts.registry, { bundling: "sequential", limits: { maxGas: batchGasBudget(facts.blockGasLimit) } });
      report({ name: "fleet50_planner_time", value: (performance.now() - started) / runs, unit: "ms" });

      const limits = { maxGas: batchGasBudget(facts.blockGasLimit) };
      const onChainDocs = (await checkOnce("data")).value.plan;
      report({ name: "fleet50_batches_onchain_documents", value: fleetPrompts(onChainDocs, facts.registry, { bundling: "atomic", limits }).length, unit: "prompts" });

      const names = { sequential: "fleet50_wallet_prompts_batched", atomic: "fleet50_wallet_prompts_atomic", none: "fleet50_wallet_prompts_unbatched" } as const;
      for (const bundling of ["sequential", "atomic", "none"] as const) {
        await onSnapshot(devnet, async () => {
          const wallet = countingWallet(devnet, client, bundling);
          let done = 0;
          const failures: string[] = [];
          await sendFleet(
            fleetPrompts(plan, facts.registry, { bundling, limits }),
            wallet,
            { onPrompt: () => {}, onSent: () => {}, onRowDone: () => void done++, onRowFailed: (_, f) => void failures.push(english(f.message)) },
            { ioID: deployment.ioID as Address, boundTo: { chainId: deployment.chainId, owner, registry: deployment.ioIDRegistry as Address } },
          );
          if (done !== FLEET) throw new Error(`fleet send: ${done} of ${FLEET} claimed: ${failures.slice(0, 3).join("; ")}`);
          ctx.log(`fleet of ${FLEET}, ${bundling} wallet: ${wallet.prompts} prompt(s)`);
          report({ name: names[bundling], value: wallet.prompts, unit: "prompts" });
        });
      }
    });
  },
};
