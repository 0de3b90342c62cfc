import { getAddress, hexToBigInt, type Address, type Hash, type Hex, type PublicClient } from "viem";
import type { LogFetch } from "./logScan";

// Transfer logs of ERC-20 and ERC-721 share one topic and differ in topic count (the NFT's token id is indexed),
// which viem's typed getLogs cannot tell apart; these come straight from eth_getLogs and are told apart by shape.

export const TRANSFER_TOPIC: Hash = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

export interface RawLog {
  address: Address;
  topics: Hex[];
  data: Hex;
  blockNumber: bigint;
  blockHash: Hash;
  logIndex: number;
  transactionHash: Hash;
}

/** A topic filter position: one value, any of several, or anything (null). */
export type TopicFilter = (Hex | Hex[] | null)[];

export const addressTopic = (address: Address): Hex => `0x${address.slice(2).toLowerCase().padStart(64, "0")}`;
export const topicAddress = (topic: Hex): Address => getAddress(`0x${topic.slice(-40)}`);

interface RpcLog {
  address: string;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex | null;
  blockHash: Hash | null;
  logIndex: Hex | null;
  transactionHash: Hash | null;
}

/** A LogFetch (for scanLogs) of eth_getLogs with raw topics; pending logs (no block yet) are left out. */
export function rawLogFetch(client: Pick<PublicClient, "request">, filter: { address?: Address | Address[]; topics: TopicFilter }): LogFetch<RawLog> {
  return async ({ fromBlock, toBlock }) => {
    const logs = (await client.request({
      method: "eth_getLogs",
      params: [{ ...filter, fromBlock: `0x${fromBlock.toString(16)}`, toBlock: toBlock === "latest" ? "latest" : `0x${toBlock.toString(16)}` }],
    } as never)) as RpcLog[];
    return logs.flatMap((log) =>
      log.blockNumber === null || log.blockHash === null || log.logIndex === null || log.transactionHash === null
        ? []
        : [
            {
              address: getAddress(log.address),
              topics: log.topics,
              data: log.data,
              blockNumber: hexToBigInt(log.blockNumber),
              blockHash: log.blockHash,
              logIndex: Number(log.logIndex),
              transactionHash: log.transactionHash,
            },
          ],
    );
  };
}
