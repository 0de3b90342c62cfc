import { BaseError, ContractFunctionRevertedError, encodeErrorResult, HttpRequestError, UserRejectedRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { ioIDRegistryAbi } from "./abi";
import { explainError } from "./revertMessages";

const errorAbi = [{ type: "error", name: "Error", inputs: [{ name: "reason", type: "string" }] }] as const;

/** The shape viem gives a reverted write: the decoded Error(string) under an outer error. */
function reverted(reason: string) {
  const data = encodeErrorResult({ abi: errorAbi, errorName: "Error", args: [reason] });
  const cause = new ContractFunctionRevertedError({ abi: ioIDRegistryAbi, functionName: "register", data });
  return new BaseError("execution reverted", { cause });
}

describe("explainError", () => {
  it("maps each registry revert to its own message", () => {
    expect(explainError(reverted("invalid signature")).code).toBe("revert:invalid-signature");
    expect(explainError(reverted("nft already used")).message).toMatch(/already used/);
    expect(explainError(reverted("device exists")).code).toBe("revert:device-exists");
    expect(explainError(reverted("insufficient fund")).action).toMatch(/fee/);
    expect(explainError(reverted("something new")).code).toBe("revert:unknown");
  });

  it("recognises a wallet rejection and an unreachable node", () => {
    expect(explainError(new UserRejectedRequestError(new Error("no"))).code).toBe("user-rejected");
    expect(explainError(new HttpRequestError({ url: "http://127.0.0.1:1" })).code).toBe("rpc-unreachable");
    expect(explainError({ code: 4001, message: "User rejected the request." }).code).toBe("user-rejected");
  });

  it("never throws on foreign values", () => {
    expect(explainError("boom").code).toBe("unexpected");
    expect(explainError(undefined).code).toBe("unexpected");
  });
});
