import type { ClaimResult } from "../machine";
import { csvCell } from "./csv";

/** The fleet's result table as files the owner keeps: one row per claimed device. */
export function resultsCsv(results: readonly ClaimResult[]): string {
  const header = ["did", "ioID", "deviceWallet", "transaction"];
  const lines = results.map((r) => [r.did, r.ioID.toString(), r.wallet, r.txHash].map(csvCell).join(","));
  return [header.join(","), ...lines].join("\n") + "\n";
}

export function resultsJson(results: readonly ClaimResult[]): string {
  return JSON.stringify(results.map((r) => ({ did: r.did, ioID: r.ioID.toString(), deviceWallet: r.wallet, transaction: r.txHash })), null, 2) + "\n";
}
