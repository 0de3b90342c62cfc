import {
  getAccount,
  getCapabilities,
  sendCalls,
  sendTransaction,
  waitForCallsStatus,
  waitForTransactionReceipt,
} from "wagmi/actions";
import type { Config } from "wagmi";
import type { TransactionReceipt } from "viem";
import { bundlingOf, type CallBundling } from "@/lib/claim/bundling";
import type { ClaimWallet } from "@/lib/claim/execute";

/** The wallet port of every plan (claims and device actions), backed by whatever wallet wagmi has connected. */
export function wagmiWallet(config: Config, chainId: number): ClaimWallet {
  const callBundling = async (): Promise<CallBundling> => {
    try {
      return bundlingOf(await getCapabilities(config, { chainId }));
    } catch {
      // Most wallets do not speak EIP-5792 yet: that is "none", not an error.
      return "none";
    }
  };
  return {
    async account() {
      const { address, chainId: current } = getAccount(config);
      return address && current !== undefined ? { address, chainId: current } : undefined;
    },
    callBundling,
    supportsAtomicBatch: async () => (await callBundling()) === "atomic",
    async sendCalls(calls, { atomic } = { atomic: true }) {
      const { id } = await sendCalls(config, {
        chainId,
        calls: calls.map((c) => ({ to: c.to, data: c.data, value: c.value })),
        forceAtomic: atomic,
      });
      return id;
    },
    async waitForCalls(id) {
      const status = await waitForCallsStatus(config, { id, timeout: 180_000 });
      const hashes = (status.receipts ?? []).map((r) => r.transactionHash);
      return Promise.all(hashes.map((hash) => waitForTransactionReceipt(config, { hash, chainId }) as Promise<TransactionReceipt>));
    },
    sendTransaction: (call) => sendTransaction(config, { chainId, to: call.to, data: call.data, value: call.value }),
    waitForReceipt: (hash) => waitForTransactionReceipt(config, { hash, chainId }) as Promise<TransactionReceipt>,
  };
}
