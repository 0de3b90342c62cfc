import type { Address, Client } from "viem";
import type { ChainConfig } from "../../chain/config";
import type { ClaimContext, ClaimFlowEvent } from "../controllerPorts";
import { toFailure } from "../failure";
import type { ClaimFailure, ClaimResult } from "../machine";
import { ownerTokenCandidates } from "../ownerTokens";
import { publicClientOf } from "../verifier";
import { checkFleet } from "./check";
import type { DeviceSession } from "../../device/session";
import { deviceQueueItem } from "./deviceEntry";
import { parseClaimFile, parseClaimItems, parseClaimList, toEntry, type QueueItem, type QueueParse } from "./queueInput";
import { initialFleetState, parseStoredFleet, toStored, type FleetState, type QueueRow, type StoredFleet } from "./queueState";
import { reportResults, sendFleet } from "./send";
import { batchGasBudget, fleetPrompts } from "./sendPlan";

export interface FleetStorage {
  read(): unknown;
  save(fleet: StoredFleet): void;
  clear(): void;
}

export interface FleetControllerParts {
  storage: FleetStorage;
  appOrigin: () => string;
  /** Native currency kept aside for gas, per device. */
  gasReserve: (chainId: number) => bigint;
  /** A page that claims only devices of one project, or of one collection (the embed flow). */
  requiredProjectId?: bigint | undefined;
  requiredDeviceNFT?: Address | undefined;
  /** Each device's outcome, as it becomes known (the embed flow reports them to its host). */
  onOutcome?: ((event: Extract<ClaimFlowEvent, { type: "succeeded" | "failed" }>) => void) | undefined;
}

/**
 * Drives a fleet claim with no UI: the queue (added from any door, duplicates ignored), one check for all of it,
 * one send, rows that fail without stopping the others, and the queue kept across reloads (transactions sent
 * before one are watched to the end).
 */
export function createFleetController(parts: FleetControllerParts) {
  const listeners = new Set<() => void>();
  let state: FleetState = initialFleetState;
  let ctx: ClaimContext = { owner: undefined, chain: undefined, client: undefined, wallet: undefined, walletSettled: false };
  let checkRun = 0;
  let resumed = false;

  function set(next: Partial<FleetState>): void {
    state = { ...state, ...next };
    listeners.forEach((l) => l());
  }
  const setRows = (update: (row: QueueRow) => QueueRow) => set({ rows: state.rows.map(update) });
  function persist(): void {
    if (!ctx.owner || !ctx.chain) return;
    if (state.rows.length === 0) parts.storage.clear();
    else parts.storage.save(toStored(state.rows, ctx.chain.chain.id, ctx.owner));
  }
  const ready = (): { owner: Address; chain: ChainConfig; client: Client } | undefined =>
    ctx.owner && ctx.chain && ctx.client ? { owner: ctx.owner, chain: ctx.chain, client: ctx.client } : undefined;

  /** A row's end: kept, and told to whoever listens. */
  function finishRow(key: string, change: Partial<QueueRow>, event: Parameters<NonNullable<FleetControllerParts["onOutcome"]>>[0]): void {
    setRows((r) => (r.key === key ? { ...r, ...change } : r));
    persist();
    parts.onOutcome?.(event);
  }
  const outcomes = {
    onRowDone: (key: string, result: ClaimResult) => finishRow(key, { status: "done", result, failure: undefined }, { type: "succeeded", result }),
    onRowFailed: (key: string, failure: ClaimFailure) => finishRow(key, { status: "failed", failure }, { type: "failed", error: failure }),
  };

  /** Queues what was parsed and says what came of it (the continuous doors react to each code: a beep, a status). */
  function add(parsed: QueueParse): QueueParse {
    const rows = parsed.entries.map((entry): QueueRow => ({ key: entry.key, entry, status: "queued" }));
    set({ rows: [...state.rows, ...rows], inputErrors: parsed.errors, lastAdded: { added: rows.length, duplicates: parsed.duplicates } });
    persist();
    if (rows.length > 0) void check();
    return parsed;
  }
  const queuedKeys = () => new Set(state.rows.map((r) => r.key));

  async function check(): Promise<void> {
    const env = ready();
    const run = ++checkRun;
    const queued = state.rows.filter((r) => r.status === "queued");
    if (!env || queued.length === 0) return set({ check: { status: "idle" } });
    set({ check: { status: "checking", result: state.check.result } });
    try {
      const client = publicClientOf(env.client);
      const collection = parts.requiredDeviceNFT ?? env.chain.deviceNFTs[0]?.address;
      const named = queued.flatMap((r) => (r.entry.input.deviceNFT ? [r.entry.input.deviceNFT.contract] : []));
      const collections = [...new Set([...(collection ? [collection] : []), ...named].map((c) => c.toLowerCase() as Address))];
      // Collections that cannot list the owner's tokens are searched in their Transfer logs (a failed scan only costs the automatic assignment).
      const candidates = new Map(
        await Promise.all(collections.map(async (c) => [c, await ownerTokenCandidates(client, { contract: c, owner: env.owner, fromBlock: env.chain.logsFromBlock, limit: 250 }).catch(() => [])] as const)),
      );
      const choices = new Map(queued.map((r) => [r.key, { tokenId: r.tokenId }]));
      const result = await checkFleet(queued.map((r) => r.entry), choices, {
        client,
        owner: env.owner,
        chainId: env.chain.chain.id,
        registry: env.chain.contracts.ioIDRegistry,
        gasReserve: parts.gasReserve(env.chain.chain.id),
        defaultCollection: collection,
        requiredProjectId: parts.requiredProjectId,
        candidates,
      });
      if (run === checkRun) set({ check: { status: "checked", result } });
    } catch (error) {
      if (run === checkRun) set({ check: { status: "failed", error: toFailure(error) } });
    }
  }

  async function send({ revokeAfter }: { revokeAfter: boolean }): Promise<void> {
    const env = ready();
    const result = state.check.result;
    if (!env || !ctx.wallet || state.check.status !== "checked" || !result || state.send.status === "sending") return;
    const wallet = ctx.wallet;
    const bundling = await wallet.callBundling();
    const prompts = fleetPrompts(result.plan, result.facts.registry, { bundling, limits: { maxGas: batchGasBudget(result.facts.blockGasLimit), maxCalls: state.walletMaxCalls }, revokeAfter });
    const total = result.plan.rows.filter((r) => r.register).length;
    if (total === 0) return;
    set({ send: { status: "sending", sent: 0, total, bundling, walletLimit: undefined } });
    const sent = new Set<string>();
    const update = (key: string, change: Partial<QueueRow>) => {
      setRows((r) => (r.key === key ? { ...r, ...change } : r));
      persist();
    };
    await sendFleet(
      prompts,
      wallet,
      {
        onPrompt: (index, count) => set({ send: { ...state.send, prompt: { index, total: count } } }),
        onSent: (rows, hash) => {
          rows.forEach((key) => (sent.add(key), update(key, { status: "sent", hash })));
          set({ send: { ...state.send, sent: sent.size } });
        },
        // Kept before the wallet answers: a reload while the bundle runs watches it to its end.
        onBundleSent: (rows, bundle) => {
          rows.forEach((key) => (sent.add(key), update(key, { status: "sent", bundle })));
          set({ send: { ...state.send, sent: sent.size } });
        },
        onWalletLimit: (maxCalls, count) => set({ walletMaxCalls: maxCalls, send: { ...state.send, walletLimit: { maxCalls, prompts: count } } }),
        ...outcomes,
      },
      { ioID: env.chain.contracts.ioID, boundTo: { chainId: env.chain.chain.id, owner: env.owner, registry: env.chain.contracts.ioIDRegistry } },
    );
    set({ send: { ...state.send, status: "finished", prompt: undefined }, check: { status: "idle" } });
    void check();
  }

  /** After a reload: the queue comes back; registrations sent before it (transactions, bundles) are watched to the end. */
  async function resume(env: { owner: Address; chain: ChainConfig; client: Client }): Promise<void> {
    const stored = parseStoredFleet(parts.storage.read());
    if (!stored || stored.chainId !== env.chain.chain.id || stored.owner.toLowerCase() !== env.owner.toLowerCase()) return;
    const rows = stored.rows.flatMap((r): QueueRow[] => {
      const entry = toEntry(r.raw, { appOrigin: parts.appOrigin() });
      if ("message" in entry) return [];
      const result = r.result && { ...r.result, ioID: BigInt(r.result.ioID) };
      // A row sent without a known transaction or bundle is checked again: the chain says if it went.
      const status = r.status === "sent" && !r.hash && !r.bundle ? "queued" : r.status;
      return [{ key: entry.key, entry, status, tokenId: r.tokenId === undefined ? undefined : BigInt(r.tokenId), hash: r.hash, bundle: r.bundle, result, failure: r.failure }];
    });
    set({ rows: [...rows, ...state.rows.filter((r) => !rows.some((s) => s.key === r.key))] });
    const pending = rows.filter((r) => r.status === "sent");
    if (pending.length > 0) {
      set({ send: { status: "sending", sent: pending.length, total: pending.length, bundling: "none" } });
      const hooks = outcomes;
      const client = publicClientOf(env.client);
      const bundles = new Map<string, QueueRow[]>();
      for (const row of pending) if (!row.hash && row.bundle) bundles.set(row.bundle, [...(bundles.get(row.bundle) ?? []), row]);
      await Promise.all([
        ...pending.filter((r) => r.hash).map(async (row) => {
          try {
            reportResults([row.key], [await client.waitForTransactionReceipt({ hash: row.hash! })], hooks, env.chain.contracts.ioID);
          } catch (error) {
            hooks.onRowFailed(row.key, toFailure(error));
          }
        }),
        ...[...bundles].map(async ([id, bundled]) => {
          const keys = bundled.map((r) => r.key);
          try {
            if (!ctx.wallet) throw new Error("no wallet");
            reportResults(keys, await ctx.wallet.waitForCalls(id), hooks, env.chain.contracts.ioID);
          } catch {
            // The wallet no longer knows the bundle (another wallet, or it forgot): the check asks the chain instead.
            setRows((r) => (keys.includes(r.key) ? { ...r, status: "queued", bundle: undefined } : r));
          }
        }),
      ]);
      persist();
      set({ send: { ...state.send, status: "finished" } });
    }
    void check();
  }

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    setContext(next: ClaimContext) {
      const changed = next.owner !== ctx.owner || next.chain?.chain.id !== ctx.chain?.chain.id;
      ctx = next;
      const env = ready();
      if (!resumed && env && ctx.walletSettled) {
        resumed = true;
        void resume(env);
      } else if (changed) void check();
    },
    addList: (text: string) => add(parseClaimList(text, { appOrigin: parts.appOrigin() }, queuedKeys())),
    addFile: (name: string, text: string) => add(parseClaimFile(name, text, { appOrigin: parts.appOrigin() }, queuedKeys())),
    /** Scanned codes and decoded images, each named by where it came from. */
    addItems: (items: readonly QueueItem[]) => add(parseClaimItems(items, { appOrigin: parts.appOrigin() }, queuedKeys())),
    /** One connected device: it signs for the connected owner, then its session is closed. */
    async addDevice(raw: string, session?: DeviceSession): Promise<QueueParse> {
      const env = ready();
      const signing = env && { client: publicClientOf(env.client), chainId: env.chain.chain.id, registry: env.chain.contracts.ioIDRegistry, owner: env.owner };
      const item = await deviceQueueItem(raw, session, signing);
      return add(parseClaimItems([item], { appOrigin: parts.appOrigin() }, queuedKeys()));
    },
    remove(key: string) {
      set({ rows: state.rows.filter((r) => r.key !== key) });
      persist();
      void check();
    },
    chooseToken(key: string, tokenId: bigint | undefined) {
      setRows((r) => (r.key === key ? { ...r, tokenId } : r));
      persist();
      void check();
    },
    check,
    send,
    retryFailed() {
      setRows((r) => (r.status === "failed" ? { ...r, status: "queued", failure: undefined, hash: undefined, bundle: undefined } : r));
      persist();
      void check();
    },
    clear() {
      checkRun++;
      parts.storage.clear();
      set({ ...initialFleetState, walletMaxCalls: state.walletMaxCalls });
    },
  };
}

export type FleetController = ReturnType<typeof createFleetController>;
