import http from "node:http";
import type { AddressInfo } from "node:net";
import { createPublicClient, http as httpTransport, parseAbiItem, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { useDevnet } from "../../contracts/test/helpers";
import { deviceNFTAbi } from "./abi/deviceNFT";
import { cursorKey, scanLogs, scanSince, type CursorCodec, type CursorStore } from "./logScan";

const transfer = parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)");

interface LimitedNode {
  url: string;
  /** HTTP requests (round trips) the node has answered. */
  requests: number;
  /** Every eth_getLogs range asked, as [from, to]. */
  ranges: [bigint, bigint | "latest"][];
  /** eth_getLogs queries refused for their range. */
  refused: number;
  close(): Promise<void>;
}

/**
 * A JSON-RPC node in front of anvil that refuses eth_getLogs over more than `maxSpan` blocks, in the words and code
 * public IoTeX/Ethereum endpoints use (-32602, "block range too large"), and answers batches in order.
 */
async function rangeLimitedNode(upstream: string, maxSpan: bigint): Promise<LimitedNode> {
  const node: LimitedNode = { url: "", requests: 0, ranges: [], refused: 0, close: async () => {} };
  let head = 0n;
  const forward = async (call: { id: number; method: string; params?: unknown[] }) => {
    if (call.method === "eth_getLogs") {
      const filter = (call.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string };
      const from = BigInt(filter.fromBlock ?? "0x0");
      const to = filter.toBlock === undefined || filter.toBlock === "latest" ? "latest" : BigInt(filter.toBlock);
      node.ranges.push([from, to]);
      const end = to === "latest" ? head : to;
      if (end - from + 1n > maxSpan) {
        node.refused++;
        return { jsonrpc: "2.0", id: call.id, error: { code: -32602, message: "block range too large" } };
      }
    }
    const answer = await fetch(upstream, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(call) });
    const json = (await answer.json()) as { result?: string };
    if (call.method === "eth_blockNumber" && typeof json.result === "string") head = BigInt(json.result);
    return json;
  };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", async () => {
      node.requests++;
      const parsed = JSON.parse(body) as Parameters<typeof forward>[0] | Parameters<typeof forward>[0][];
      // In order, one call after another, as nodes answer batches.
      const out = [];
      for (const call of Array.isArray(parsed) ? parsed : [parsed]) out.push(await forward(call));
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(Array.isArray(parsed) ? out : out[0]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  node.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  node.close = () => new Promise((resolve) => server.close(() => resolve()));
  return node;
}

class MapStore implements CursorStore {
  map = new Map<string, string>();
  getItem = (key: string) => this.map.get(key) ?? null;
  setItem = (key: string, value: string) => void this.map.set(key, value);
}

const tokenIds: CursorCodec<bigint[]> = {
  encode: (ids) => ids.map(String),
  decode: (json) => (Array.isArray(json) && json.every((x) => typeof x === "string" && /^\d+$/.test(x)) ? json.map(BigInt) : undefined),
};

describe("log scans", () => {
  const ctx = useDevnet();

  async function mintBlocks(to: Address, count: number): Promise<bigint[]> {
    const minted: bigint[] = [];
    for (let i = 0; i < count; i++) {
      const { result, request } = await ctx.publicClient.simulateContract({
        account: ctx.accounts[0],
        address: ctx.deployment.deviceNFT,
        abi: deviceNFTAbi,
        functionName: "mint",
        args: [to],
      });
      const hash = await ctx.wallets[0]!.writeContract(request);
      await ctx.publicClient.waitForTransactionReceipt({ hash });
      minted.push(result);
      await ctx.testClient.mine({ blocks: 5 });
    }
    return minted;
  }

  function scanner(url: string) {
    const client = createPublicClient({ transport: httpTransport(url, { batch: true, retryCount: 0 }) });
    const owner = ctx.accounts[4]!.address;
    const fetchLogs = (range: { fromBlock: bigint; toBlock: bigint | "latest" }) =>
      client.getLogs({ address: ctx.deployment.deviceNFT, event: transfer, args: { to: owner }, strict: true, ...range });
    return { client, owner, fetchLogs };
  }

  it("splits a refused range until the node answers, keeps chain order, and cuts later scans to the learned span", async () => {
    const node = await rangeLimitedNode(ctx.rpcUrl, 8n);
    try {
      const { client, owner, fetchLogs } = scanner(node.url);
      const minted = await mintBlocks(owner, 6);
      const { logs, toBlock } = await scanLogs(client, fetchLogs, 0n);
      expect(logs.map((l) => l.args.tokenId)).toEqual(minted);
      expect(toBlock).toBe(await ctx.publicClient.getBlockNumber());
      expect(node.refused).toBeGreaterThan(0);

      const [before, refusedBefore] = [node.ranges.length, node.refused];
      const again = await scanLogs(client, fetchLogs, 0n);
      expect(again.logs.map((l) => l.args.tokenId)).toEqual(minted);
      // Second scan: no refused query, every range within the node's limit.
      expect(node.refused).toBe(refusedBefore);
      for (const [from, to] of node.ranges.slice(before)) expect(to === "latest" ? Infinity : to - from + 1n).toBeLessThanOrEqual(8n);
    } finally {
      await node.close();
    }
  });

  it("sends the head read and the first query in one round trip when the node answers the whole range", async () => {
    const node = await rangeLimitedNode(ctx.rpcUrl, 1_000_000n);
    try {
      const { client, owner, fetchLogs } = scanner(node.url);
      await mintBlocks(owner, 2);
      const { logs } = await scanLogs(client, fetchLogs, 0n);
      expect(logs).toHaveLength(2);
      expect(node.requests).toBe(1);
    } finally {
      await node.close();
    }
  });

  it("reads only blocks after the stored cursor, never a range twice, and starts over on a foreign cursor", async () => {
    const node = await rangeLimitedNode(ctx.rpcUrl, 1_000_000n);
    try {
      const { client, owner, fetchLogs } = scanner(node.url);
      const store = new MapStore();
      const key = cursorKey(ctx.chainId, "test-nfts", owner);
      const job = {
        store,
        key,
        startBlock: 0n,
        initial: [] as bigint[],
        codec: tokenIds,
        fold: (ids: bigint[], logs: Awaited<ReturnType<typeof fetchLogs>>) => [...ids, ...logs.map((l) => l.args.tokenId)],
        scan: (from: bigint) => scanLogs(client, fetchLogs, from),
      };
      const first = await mintBlocks(owner, 2);
      const one = await scanSince(job);
      expect(one.data).toEqual(first);
      const more = await mintBlocks(owner, 1);
      const two = await scanSince(job);
      expect(two.data).toEqual([...first, ...more]);
      expect(two.fromBlock).toBe(one.toBlock + 1n);
      expect(node.ranges.map(([from]) => from)).toEqual([0n, one.toBlock + 1n]);

      store.setItem(key, JSON.stringify({ v: 1, toBlock: "5", data: ["not a number"] }));
      const fresh = await scanSince(job);
      expect(fresh.fromBlock).toBe(0n);
      expect(fresh.data).toEqual([...first, ...more]);
    } finally {
      await node.close();
    }
  });

  it("passes on errors that are not a range refusal", async () => {
    const { client } = scanner(ctx.rpcUrl);
    await expect(scanLogs(client, () => Promise.reject(new Error("boom")), 0n)).rejects.toThrow("boom");
  });
});
