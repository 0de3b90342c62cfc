import type { ContractFunctionReturnType, PublicClient } from "viem";
import type { devicesLensAbi } from "./abi";

// What DevicesLens answers (contracts/DevicesLens.sol), shared by its two readers: the deployless lens call
// (devices.ts) and the same rows from stages of plain reads (devicesStepwise.ts).

/** getBalance, getChainId and getBlockNumber serve the stepwise reads on chains without Multicall3. */
export type LensClient = Pick<PublicClient, "readContract" | "multicall" | "getBalance" | "getChainId" | "getBlockNumber">;

/** One lens call's answer: the page header and its rows (ownedBy, byIds and byDevices answer alike). */
export type LensResult = ContractFunctionReturnType<typeof devicesLensAbi, "view", "byIds">;
export type LensRow = LensResult[1][number];

/** DevicesLens's documentURIState values. */
export const URI_STATE = { ok: 0, overCap: 1, unreadable: 2, deferred: 3 } as const;
