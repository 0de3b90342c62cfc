"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, Hash } from "viem";
import { useConfig } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { explainError, type ExplainedError } from "@/lib/chain/revertMessages";
import { deviceQueryKeys } from "../useDeviceReads";

export type TxState =
  | { phase: "idle" }
  | { phase: "preparing"; what: string }
  | { phase: "simulating" }
  | { phase: "signing" }
  | { phase: "pending"; hash: Hash }
  | { phase: "done"; hash: Hash }
  | { phase: "failed"; error: ExplainedError; hash?: Hash };

type Request<A extends Abi, F extends ContractFunctionName<A, "nonpayable" | "payable">> = {
  address: Address;
  abi: A;
  functionName: F;
  args: ContractFunctionArgs<A, "nonpayable" | "payable", F>;
  account: Address;
};

/**
 * One contract write with the claim flow's standard: simulated first (a revert is explained before the wallet
 * asks anything), then signed, then followed to its receipt; device reads refresh when it lands.
 */
export function useContractTx(chainId: number) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TxState>({ phase: "idle" });

  const run = useCallback(
    async <A extends Abi, F extends ContractFunctionName<A, "nonpayable" | "payable">>(prepare: (progress: (what: string) => void) => Promise<Request<A, F>>): Promise<Hash | undefined> => {
      let hash: Hash | undefined;
      try {
        const request = await prepare((what) => setState({ phase: "preparing", what }));
        setState({ phase: "simulating" });
        const { request: simulated } = await simulateContract(config, { ...request, chainId } as never);
        setState({ phase: "signing" });
        hash = await writeContract(config, simulated as never);
        setState({ phase: "pending", hash });
        const receipt = await waitForTransactionReceipt(config, { hash, chainId });
        if (receipt.status !== "success") throw new Error("The transaction was mined but reverted.");
        setState({ phase: "done", hash });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: deviceQueryKeys.all }),
          queryClient.invalidateQueries({ queryKey: deviceQueryKeys.resolution }),
        ]);
        return hash;
      } catch (error) {
        setState({ phase: "failed", error: explainError(error), ...(hash ? { hash } : {}) });
        return undefined;
      }
    },
    [config, chainId, queryClient],
  );

  return { state, run, reset: () => setState({ phase: "idle" }) };
}
