import type { Address, Client, PublicClient } from "viem";
import { simulateBlocks } from "viem/actions";
import { explainError } from "../../chain/revertMessages";
import type { Check } from "../checklist";
import type { DocumentFetcher } from "../../did/documentFetch";
import { chooseDocument } from "../document";
import { readFleetFacts, type FleetFacts, type FleetFactsClient } from "./facts";
import { planFleet, type FleetPlan, type FleetPlanContext, type FleetRow } from "./plan";
import { batchGasBudget, fleetPrompts, splitIntoBatches } from "./sendPlan";
import type { QueueEntry } from "./queueInput";

export interface FleetCheckDeps extends Omit<FleetPlanContext, "refused" | "gas"> {
  client: FleetFactsClient & Client & Pick<PublicClient, "call">;
  /** The collection tried for devices whose payload names none (the chain's known device NFT). */
  defaultCollection: Address | undefined;
  /** Token ids the owner may hold per collection (lowercase), for collections that cannot list them. */
  candidates?: ReadonlyMap<string, readonly bigint[]> | undefined;
  /** Fetches a payload's docUri to check it (document.ts); the browser's guarded fetcher by default. */
  fetchDocument?: DocumentFetcher | undefined;
}

/** The owner's choices per row: another collection or token than the automatic one. */
export type RowChoices = ReadonlyMap<string, { collection?: Address | undefined; tokenId?: bigint | undefined }>;

export interface FleetCheckResult {
  rows: FleetRow[];
  facts: FleetFacts;
  plan: FleetPlan;
  /** How the dry run went: every call of the send simulated in order, or (node without eth_simulateV1) only the rows needing no approval. */
  dryRun: "full" | "partial";
}

/**
 * The whole queue's verdict in two round trips: the chain's facts for every device and collection (one eth_call),
 * then a dry run of everything the send would do, in order, as the owner (eth_simulateV1). A row the dry run
 * refuses is planned again without it, so the rows after it keep their tokens and fees right.
 */
export async function checkFleet(entries: readonly QueueEntry[], choices: RowChoices, deps: FleetCheckDeps): Promise<FleetCheckResult> {
  const rows = await Promise.all(entries.map((entry) => toRow(entry, choices.get(entry.key), deps)));
  const collections = [...new Map(rows.flatMap((r) => (r.collection ? [[r.collection.toLowerCase(), r.collection] as const] : []))).values()];
  const facts = await readFleetFacts(deps.client, {
    registry: deps.registry,
    owner: deps.owner,
    devices: rows.map((r) => ({ device: r.subject.device, token: r.collection && r.tokenId !== undefined ? { contract: r.collection, tokenId: r.tokenId } : undefined })),
    collections,
    candidates: deps.candidates,
  });
  const { refused, gas, full } = await dryRun(planFleet(rows, facts, deps), facts, deps);
  return { rows, facts, plan: planFleet(rows, facts, { ...deps, refused, gas }), dryRun: full ? "full" : "partial" };
}

async function toRow(entry: QueueEntry, choice: { collection?: Address | undefined; tokenId?: bigint | undefined } | undefined, deps: FleetCheckDeps): Promise<FleetRow> {
  const { input } = entry;
  const { did, publicKey, document: inline, docUri, docHash } = input;
  const document = await chooseDocument({ did, publicKey, document: inline, docUri, docHash, fetchDocument: deps.fetchDocument });
  const collection = choice?.collection ?? input.deviceNFT?.contract ?? deps.defaultCollection;
  const sameCollection = !choice?.collection || choice.collection.toLowerCase() === input.deviceNFT?.contract.toLowerCase();
  return {
    key: entry.key,
    subject: {
      device: input.device,
      did: input.did,
      keyEvidence: input.publicKey ? "public-key" : input.document ? "did-document" : "none",
      signature: input.permit?.signature,
      signedFor: input.permit && { owner: input.permit.owner, nonce: input.permit.nonce, chainId: input.chainId, registry: input.registry },
    },
    collection,
    tokenId: choice?.tokenId ?? (sameCollection ? input.deviceNFT?.tokenId : undefined),
    document: document.ok ? { uri: document.choice.uri, hash: document.choice.hash } : document.check,
  };
}

/**
 * Simulates the send as the owner: the approvals for all, then every register, in blocks that each fit the gas
 * budget. Nodes without eth_simulateV1 get plain eth_calls (one JSON-RPC batch) for the rows whose collection the
 * registry may already move; the others are checked by the wallet's own estimate when sent.
 */
async function dryRun(plan: FleetPlan, facts: FleetFacts, deps: FleetCheckDeps): Promise<{ refused: Map<string, Check>; gas: Map<string, bigint>; full: boolean }> {
  const refused = new Map<string, Check>();
  const gas = new Map<string, bigint>();
  const prompts = fleetPrompts(plan, facts.registry, { bundling: "none", limits: { maxGas: batchGasBudget(facts.blockGasLimit) } });
  const calls = prompts.flatMap((p) => (p.kind === "transaction" ? [p.call] : p.calls));
  if (!calls.some((c) => c.kind === "register")) return { refused, gas, full: true };
  const blocks = splitIntoBatches(calls.map((c) => [c]), { maxGas: batchGasBudget(facts.blockGasLimit) });
  try {
    const results = await simulateBlocks(deps.client, {
      blocks: blocks.map((block) => ({ calls: block.map((c) => ({ account: deps.owner, to: c.to, data: c.data, value: c.value })) })),
    });
    results.forEach((block, b) =>
      block.calls.forEach((result, i) => {
        const call = blocks[b]![i]!;
        if (!call.row) return;
        if (result.status === "failure") refused.set(call.row, refusal(result.error));
        else gas.set(call.row, result.gasUsed);
      }),
    );
    return { refused, gas, full: true };
  } catch (error) {
    if (!unsupported(error)) throw error;
  }
  const approved = new Set(plan.unapproved.map((a) => a.toLowerCase()));
  const alone = plan.rows.filter((r) => r.register && r.nft && !approved.has(r.nft.contract.toLowerCase()));
  await Promise.all(
    alone.map(async (row) => {
      try {
        await deps.client.call({ account: deps.owner, to: row.register!.to, data: row.register!.data, value: row.register!.value });
      } catch (error) {
        refused.set(row.key, refusal(error));
      }
    }),
  );
  return { refused, gas, full: approved.size === 0 };
}

function refusal(error: unknown): Check {
  const { message, action } = explainError(error);
  return { id: "simulation", ok: false, reason: message, advice: action };
}

/** The node does not know eth_simulateV1 (method not found / not supported), as opposed to a failing simulation. */
const unsupported = (error: unknown): boolean => /eth_simulateV1|method not found|not supported|does not exist|unknown method/i.test(String((error as Error)?.message ?? error));
