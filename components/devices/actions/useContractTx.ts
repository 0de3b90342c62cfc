"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Hash } from "viem";
import { useConfig, usePublicClient } from "wagmi";
import { runActionPlan, type ActionPlan } from "@/lib/claim/deviceActions";
import { toFailure } from "@/lib/claim/failure";
import type { ClaimFailure } from "@/lib/claim/machine";
import { wagmiWallet } from "@/components/wallet/wagmiWallet";
import { deviceQueryKeys } from "../useDeviceReads";

export type TxState =
  | { phase: "idle" }
  | { phase: "preparing"; what: string }
  | { phase: "simulating" }
  | { phase: "signing" }
  | { phase: "pending"; hash: Hash }
  | { phase: "done"; hash: Hash }
  | { phase: "failed"; error: ClaimFailure; hash?: Hash };

/**
 * One device-page write through the claim's executor: prepared (the device signs where it must), simulated (a
 * revert is explained before the wallet asks anything), sent only from the chain and account it was prepared
 * for, then followed to its receipt; device reads refresh when it lands.
 */
export function useContractTx(chainId: number) {
  const config = useConfig();
  const client = usePublicClient({ chainId });
  const queryClient = useQueryClient();
  const [state, setState] = useState<TxState>({ phase: "idle" });

  const run = useCallback(
    async (prepare: (progress: (what: string) => void) => Promise<ActionPlan>): Promise<Hash | undefined> => {
      let hash: Hash | undefined;
      try {
        if (!client) throw new Error("This network has no connection configured.");
        const plan = await prepare((what) => setState({ phase: "preparing", what }));
        setState({ phase: "simulating" });
        const receipt = await runActionPlan(plan, { client, wallet: wagmiWallet(config, chainId) }, {
          onPrompt: () => setState({ phase: "signing" }),
          onSent: (sent) => {
            hash = sent;
            setState({ phase: "pending", hash: sent });
          },
        });
        setState({ phase: "done", hash: receipt.transactionHash });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: deviceQueryKeys.all }),
          queryClient.invalidateQueries({ queryKey: deviceQueryKeys.resolution }),
        ]);
        return receipt.transactionHash;
      } catch (error) {
        setState({ phase: "failed", error: toFailure(error), ...(hash ? { hash } : {}) });
        return undefined;
      }
    },
    [config, chainId, client, queryClient],
  );

  return { state, run, reset: () => setState({ phase: "idle" }) };
}
