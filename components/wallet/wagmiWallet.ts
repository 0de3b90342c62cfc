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
import type { ClaimWallet } from "@/lib/claim/execute";

/** EIP-5792 capabilities of one chain → can the wallet send calls as one atomic batch? */
export function supportsAtomic(capabilities: { atomic?: { status?: string } | undefined } | undefined): boolean {
  const status = capabilities?.atomic?.status;
  return status === "supported" || status === "ready";
}

/** The wallet port of every plan (claims and device actions), backed by whatever wallet wagmi has connected. */
export function wagmiWallet(config: Config, chainId: number): ClaimWallet {
  return {
    async account() {
      const { address, chainId: current } = getAccount(config);
      return address && current !== undefined ? { address, chainId: current } : undefined;
    },
    async supportsAtomicBatch() {
      try {
        return supportsAtomic(await getCapabilities(config, { chainId }));
      } catch {
        // Most wallets do not speak EIP-5792 yet: that is "no", not an error.
        return false;
      }
    },
    async sendCalls(calls) {
      const { id } = await sendCalls(config, {
        chainId,
        calls: calls.map((c) => ({ to: c.to, data: c.data, value: c.value })),
        forceAtomic: true,
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
