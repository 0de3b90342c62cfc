"use client";

import { useEffect, useState } from "react";
import type { Address } from "viem";
import { bundlingOf } from "@/lib/claim/bundling";
import { useWalletStack } from "./walletStackContext";

/**
 * EIP-5792: does the connected wallet send calls as one atomic batch on this chain? False until known, and for
 * wallets that do not say. Asked only with an account (and so with the wallet stack loaded), again on a change.
 */
export function useAtomicBatching(owner: Address | undefined, chainId: number | undefined): boolean {
  const { config } = useWalletStack();
  const [answer, setAnswer] = useState<{ key: string; atomic: boolean }>();
  const key = `${owner}:${chainId}`;
  useEffect(() => {
    if (!config || !owner || chainId === undefined) return;
    let current = true;
    import("wagmi/actions")
      .then(({ getCapabilities }) => getCapabilities(config, { chainId }))
      .then(
        (capabilities) => current && setAnswer({ key, atomic: bundlingOf(capabilities) === "atomic" }),
        // Most wallets do not speak EIP-5792 yet: that is "no batching", not an error.
        () => current && setAnswer({ key, atomic: false }),
      );
    return () => {
      current = false;
    };
  }, [config, owner, chainId, key]);
  return answer?.key === key && answer.atomic;
}
