import { parseAbiItem, type Address, type Hash, type PublicClient } from "viem";

// Device facts that only logs tell: which device-NFT token a wallet holds (collections that are not
// Enumerable) and the transaction that registered a device.

const transferEvent = parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)");
const newDeviceEvent = parseAbiItem("event NewDevice(address indexed device, address owner, bytes32 hash, string uri)");

export type LogsClient = Pick<PublicClient, "getLogs">;

/**
 * Device-NFT tokens each wallet holds now, from Transfer logs in and out of the wallets (two filters, one
 * batched round trip). `fromBlock` is ChainConfig.logsFromBlock: nodes limit log ranges.
 */
export async function readHeldDeviceNFTs(
  client: LogsClient,
  r: { contracts: readonly Address[]; wallets: readonly Address[]; fromBlock: bigint },
): Promise<Map<Address, { contract: Address; tokenId: bigint }[]>> {
  const held = new Map<Address, { contract: Address; tokenId: bigint }[]>();
  if (r.contracts.length === 0 || r.wallets.length === 0) return held;
  const base = { address: [...new Set(r.contracts)], event: transferEvent, fromBlock: r.fromBlock, toBlock: "latest" as const };
  const [incoming, outgoing] = await Promise.all([
    client.getLogs({ ...base, args: { to: [...r.wallets] } }),
    client.getLogs({ ...base, args: { from: [...r.wallets] } }),
  ]);
  // Replay in chain order: a token that left the wallet later is not held any more.
  const events = [
    ...incoming.map((log) => ({ log, wallet: log.args.to!, delta: 1 })),
    ...outgoing.map((log) => ({ log, wallet: log.args.from!, delta: -1 })),
  ].sort((a, b) => Number((a.log.blockNumber ?? 0n) - (b.log.blockNumber ?? 0n)) || (a.log.logIndex ?? 0) - (b.log.logIndex ?? 0));
  const key = (contract: Address, tokenId: bigint) => `${contract.toLowerCase()}:${tokenId}`;
  const state = new Map<string, { wallet: Address; contract: Address; tokenId: bigint; count: number }>();
  for (const { log, wallet, delta } of events) {
    const k = `${wallet.toLowerCase()}|${key(log.address, log.args.tokenId!)}`;
    const entry = state.get(k) ?? { wallet, contract: log.address, tokenId: log.args.tokenId!, count: 0 };
    entry.count += delta;
    state.set(k, entry);
  }
  const byLower = new Map(r.wallets.map((w) => [w.toLowerCase(), w]));
  for (const entry of state.values()) {
    if (entry.count <= 0) continue;
    const wallet = byLower.get(entry.wallet.toLowerCase()) ?? entry.wallet;
    held.set(wallet, [...(held.get(wallet) ?? []), { contract: entry.contract, tokenId: entry.tokenId }]);
  }
  return held;
}

export interface Registration {
  transactionHash: Hash;
  blockNumber: bigint;
  owner: Address;
}

/** The device's latest NewDevice event (a device registered, removed and registered again has several). */
export async function readRegistration(
  client: LogsClient,
  r: { registry: Address; device: Address; fromBlock: bigint },
): Promise<Registration | undefined> {
  const logs = await client.getLogs({
    address: r.registry,
    event: newDeviceEvent,
    args: { device: r.device },
    fromBlock: r.fromBlock,
    toBlock: "latest",
  });
  const last = logs.at(-1);
  if (!last || last.transactionHash === null || last.blockNumber === null) return undefined;
  return { transactionHash: last.transactionHash, blockNumber: last.blockNumber, owner: last.args.owner! };
}
