import { BaseError, ContractFunctionRevertedError, encodeErrorResult, HttpRequestError, UserRejectedRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { ioIDRegistryAbi } from "./abi";
import { english, renderText } from "../i18n/renderText";
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
    expect(english(explainError(reverted("nft already used")).message)).toBe("This device NFT was already used for a registration.");
    expect(explainError(reverted("device exists")).code).toBe("revert:device-exists");
    expect(english(explainError(reverted("insufficient fund")).action)).toMatch(/fee/);
    expect(renderText("zh-Hans", explainError(reverted("device exists")).message)).toBe("该设备已经注册。");
    const unknown = explainError(reverted("something new"));
    expect(unknown.code).toBe("revert:unknown");
    expect(english(unknown.message)).toBe("The contract refused the transaction: “something new”.");
  });

  it("recognises a wallet rejection and an unreachable node", () => {
    expect(explainError(new UserRejectedRequestError(new Error("no"))).code).toBe("user-rejected");
    expect(explainError(new HttpRequestError({ url: "http://127.0.0.1:1" })).code).toBe("rpc-unreachable");
    expect(explainError({ code: 4001, message: "User rejected the request." }).code).toBe("user-rejected");
  });

  it("never throws on foreign values", () => {
    expect(explainError("boom").code).toBe("unexpected");
    // Words from outside the app are shown as they came, in every language.
    expect(renderText("zh-Hans", explainError(new Error("socket hang up")).message)).toBe("socket hang up");
    expect(explainError(undefined).code).toBe("unexpected");
  });
});
