import { RpcError } from "viem";

type Request = (args: { method: string; params?: unknown }) => Promise<unknown>;

interface SendCallsRequest {
  chainId?: string;
  from?: string;
  atomicRequired?: boolean;
  calls: { to?: string; data?: string; value?: string }[];
}

/** What the wallet keeps of a bundle: its calls, the transactions sent so far, and whether one was reverted. */
interface StoredBundle {
  request: SendCallsRequest;
  atomic: boolean;
  hashes: string[];
  reverted?: boolean;
}

const storeKey = (id: string) => `e2e-wallet:bundle:${id}`;
const load = (id: string) => JSON.parse(window.localStorage.getItem(storeKey(id)) ?? "null") as StoredBundle | null;
const save = (id: string, bundle: StoredBundle) => window.localStorage.setItem(storeKey(id), JSON.stringify(bundle));
const running = new Set<string>();

/**
 * EIP-5792 for the test wallet (e2e builds only), as a wallet without a smart account does it: one prompt, then
 * each call as its own transaction, the next one sent once the last is mined (so the wallet estimates it on the
 * state it will run on), stopping at a revert. The wallet keeps its bundles in localStorage and goes on with an
 * unfinished one when asked for its status, as an installed wallet goes on whatever the page does: a reload
 * does not cut a bundle short.
 * - `atomic`: it announced atomic execution; it still sends the calls one by one (the devnet has no smart
 *   account), which only the e2e of a single claim relies on.
 */
export async function e2eSendCalls(request: Request, params: unknown, atomic: boolean): Promise<{ id: string }> {
  const [bundle] = params as [SendCallsRequest];
  const id = `0x${Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, "0")).join("")}`;
  save(id, { request: bundle, atomic, hashes: [] });
  void sendRest(request, id);
  return { id };
}

async function sendRest(request: Request, id: string): Promise<void> {
  if (running.has(id)) return;
  running.add(id);
  try {
    for (let bundle = load(id); bundle && !bundle.reverted && bundle.hashes.length < bundle.request.calls.length; bundle = load(id)) {
      const last = bundle.hashes.at(-1);
      if (last) {
        const receipt = await waitForReceipt(request, last);
        if (receipt.status !== "0x1") {
          save(id, { ...bundle, reverted: true });
          return;
        }
      }
      const call = bundle.request.calls[bundle.hashes.length]!;
      const hash = (await request({ method: "eth_sendTransaction", params: [{ ...call, ...(bundle.request.from ? { from: bundle.request.from } : {}) }] })) as string;
      save(id, { ...bundle, hashes: [...bundle.hashes, hash] });
    }
  } finally {
    running.delete(id);
  }
}

async function waitForReceipt(request: Request, hash: string): Promise<{ status: string }> {
  for (;;) {
    const receipt = (await request({ method: "eth_getTransactionReceipt", params: [hash] })) as { status: string } | null;
    if (receipt) return receipt;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What the wallet refuses before showing any prompt. */
export function refuseBundle(params: unknown, { atomic, maxCalls }: { atomic: boolean; maxCalls?: number | undefined }): void {
  const [bundle] = params as [SendCallsRequest];
  if (bundle.atomicRequired && !atomic) throw new RpcError(new Error("atomic"), { code: 5760, shortMessage: "The test wallet cannot run calls atomically." });
  if (maxCalls !== undefined && bundle.calls.length > maxCalls) throw new RpcError(new Error("too large"), { code: 5740, shortMessage: `The test wallet takes at most ${maxCalls} calls at once.` });
}

/** EIP-5792 status codes: 100 pending, 200 all confirmed, 500 all reverted, 600 stopped at a revert. */
export async function e2eCallsStatus(request: Request, params: unknown): Promise<unknown> {
  const [id] = params as [string];
  const bundle = load(id);
  if (!bundle) throw new RpcError(new Error("unknown bundle"), { code: 5730, shortMessage: "The test wallet knows no such bundle." });
  void sendRest(request, id);
  const receipts = (await Promise.all(bundle.hashes.map((hash) => request({ method: "eth_getTransactionReceipt", params: [hash] })))) as ({ status: string } | null)[];
  const done = receipts.filter((r): r is { status: string } => r !== null);
  const failed = done.filter((r) => r.status !== "0x1").length;
  const finished = bundle.reverted || (done.length === bundle.request.calls.length);
  const status = !finished ? 100 : failed === 0 ? 200 : failed === done.length ? 500 : 600;
  return { version: "2.0.0", id, chainId: bundle.request.chainId, atomic: bundle.atomic, status, receipts: done };
}
