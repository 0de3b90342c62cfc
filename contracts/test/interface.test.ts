// Our ABIs against the live contracts' external interface (contracts/interface/abi-signatures.txt, copied from the
// team's protocol notes): every function selector and event topic of the live contracts must exist in ours.
import { readFileSync } from "node:fs";
import path from "node:path";
import { keccak256, parseAbiItem, toEventSelector, toFunctionSelector, toHex, type Abi, type AbiEvent, type AbiFunction } from "viem";
import { describe, expect, it } from "vitest";
import {
  deviceNFTAbi,
  erc6551AccountAbi,
  erc6551RegistryAbi,
  ioIDAbi,
  ioIDRegistryAbi,
  ioIDStoreAbi,
  multicall3Abi,
  projectAbi,
  projectRegistryAbi,
} from "../../lib/chain/abi";

const ours: Record<string, Abi> = {
  ioIDRegistry: ioIDRegistryAbi,
  ioID: ioIDAbi,
  ioIDStore: ioIDStoreAbi,
  Project: projectAbi,
  ProjectRegistry: projectRegistryAbi,
  DeviceNFT: deviceNFTAbi,
};

interface Line {
  kind: "fn" | "ev";
  signature: string;
  /** The full line, for messages and mutability/indexed checks. */
  text: string;
}

/** The device wallet's section: Solidity-style lines ("fn  token() view returns (…)") after a "# ERC-6551" note. */
const ACCOUNT_SECTION = "ERC6551Account";

function parseSignatures(): Map<string, Line[]> {
  const text = readFileSync(path.join(import.meta.dirname, "..", "interface", "abi-signatures.txt"), "utf8");
  const sections = new Map<string, Line[]>();
  let current: Line[] | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (raw.startsWith("# ERC-6551")) {
      current = [];
      sections.set(ACCOUNT_SECTION, current);
    } else if (line.startsWith("## ")) {
      current = [];
      sections.set(line.slice(3).trim(), current);
    } else if (/^(fn|ev)\s/.test(line) && current) {
      const kind = line.slice(0, 2) as "fn" | "ev";
      const body = line.slice(2).trim();
      const signature = body.slice(0, body.indexOf(")") + 1).replace(/ indexed/g, "");
      current.push({ kind, signature, text: body });
    }
  }
  return sections;
}

const canonicalType = (p: { type: string; components?: readonly { type: string }[] }): string =>
  p.type.startsWith("tuple") ? `(${(p.components ?? []).map(canonicalType).join(",")})${p.type.slice(5)}` : p.type;

function describeFunction(f: AbiFunction): string {
  const outputs = f.outputs.length ? ` -> (${f.outputs.map(canonicalType).join(",")})` : "";
  return `${f.name}(${f.inputs.map(canonicalType).join(",")})${outputs} ${f.stateMutability}`;
}

function describeEvent(e: AbiEvent): string {
  return `${e.name}(${e.inputs.map((i) => `${canonicalType(i)}${i.indexed ? " indexed" : ""}`).join(",")})`;
}

const sections = parseSignatures();
const accountLines = sections.get(ACCOUNT_SECTION) ?? [];
sections.delete(ACCOUNT_SECTION);

describe("interface parity with the live ioID v1 contracts", () => {
  it("covers every contract section of abi-signatures.txt", () => {
    expect([...sections.keys()].sort()).toEqual(Object.keys(ours).sort());
  });

  for (const [contract, lines] of sections) {
    describe(contract, () => {
      const abi = ours[contract]!;
      const functions = abi.filter((item): item is AbiFunction => item.type === "function");
      const events = abi.filter((item): item is AbiEvent => item.type === "event");

      it("has every live function selector with the same outputs and mutability", () => {
        const ourBySelector = new Map(functions.map((f) => [toFunctionSelector(f), describeFunction(f)]));
        for (const line of lines.filter((l) => l.kind === "fn")) {
          const selector = toFunctionSelector(`function ${line.signature}`);
          expect(ourBySelector.get(selector), `${contract}.${line.text} (${selector})`).toBe(line.text);
        }
      });

      it("has every live event topic with the same indexed parameters", () => {
        const ourByTopic = new Map(events.map((e) => [toEventSelector(e), describeEvent(e)]));
        for (const line of lines.filter((l) => l.kind === "ev")) {
          const topic = toEventSelector(`event ${line.signature}`);
          expect(ourByTopic.get(topic), `${contract} event ${line.text} (${topic})`).toBe(line.text);
        }
      });

      it("adds no public function or event the live contract lacks", () => {
        const live = new Set(lines.map((l) => l.text));
        const extra = [...functions.map(describeFunction), ...events.map(describeEvent)].filter((s) => !live.has(s));
        expect(extra).toEqual([]);
      });
    });
  }

  it("uses the documented EIP-712 type hashes and event topics", () => {
    expect(keccak256(toHex("Permit(address owner,uint256 nonce)"))).toBe(
      "0xe36c3d5cb707dcfeb19a6a4b1d7b82c8c20d841769c752e659da03b2a8b729f9",
    );
    expect(keccak256(toHex("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"))).toBe(
      "0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f",
    );
    const topic = (abi: Abi, name: string) =>
      toEventSelector(abi.find((item): item is AbiEvent => item.type === "event" && item.name === name)!);
    expect(topic(ioIDRegistryAbi, "NewDevice")).toBe("0x9b3397f29f76b91430e368033ed86df2fc794753ab8239898fb655ab0213f888");
    expect(topic(ioIDAbi, "CreateIoID")).toBe("0x313a15bccdaa3cc35e31f4e2f6a0c398a1c735a9231dd4684399ea0307373062");
  });

  it("ERC-6551 registry and account follow the v0.3 interface", () => {
    const selectors = (abi: Abi) => new Set(abi.filter((i): i is AbiFunction => i.type === "function").map((f) => toFunctionSelector(f)));
    const registry = selectors(erc6551RegistryAbi);
    for (const sig of [
      "createAccount(address,bytes32,uint256,address,uint256)",
      "account(address,bytes32,uint256,address,uint256)",
    ]) {
      expect(registry.has(toFunctionSelector(`function ${sig}`)), sig).toBe(true);
    }
    expect(erc6551RegistryAbi.some((i) => i.type === "event" && toEventSelector(i) === toEventSelector("event ERC6551AccountCreated(address account, address indexed implementation, bytes32 salt, uint256 chainId, address indexed tokenContract, uint256 indexed tokenId)"))).toBe(true);
    const account = selectors(erc6551AccountAbi);
    for (const sig of [
      "token()",
      "owner()",
      "state()",
      "isValidSigner(address,bytes)",
      "isValidSignature(bytes32,bytes)",
      "execute(address,uint256,bytes,uint8)",
      "onERC721Received(address,address,uint256,bytes)",
      "onERC1155Received(address,address,uint256,uint256,bytes)",
      "onERC1155BatchReceived(address,address,uint256[],uint256[],bytes)",
      "supportsInterface(bytes4)",
    ]) {
      expect(account.has(toFunctionSelector(`function ${sig}`)), sig).toBe(true);
    }
  });

  it("the device wallet calls the live ERC-6551 account's interface (AccountV3's token/owner/state/isValidSigner/execute)", () => {
    expect(accountLines.map((l) => l.text.slice(0, l.text.indexOf("(")))).toEqual(["token", "owner", "state", "isValidSigner", "execute"]);
    const ours = new Map(
      (erc6551AccountAbi as Abi).filter((i): i is AbiFunction => i.type === "function").map((f) => [toFunctionSelector(f), describeFunction(f)]),
    );
    for (const line of accountLines) {
      const live = parseAbiItem(`function ${line.text}`) as AbiFunction;
      expect(ours.get(toFunctionSelector(live)), line.text).toBe(describeFunction(live));
    }
  });

  it("Multicall3 has the canonical Multicall3 selectors", () => {
    const call = "(address,bytes)";
    const call3 = "(address,bool,bytes)";
    const call3Value = "(address,bool,uint256,bytes)";
    const canonical = [
      `aggregate(${call}[])`,
      `aggregate3(${call3}[])`,
      `aggregate3Value(${call3Value}[])`,
      `blockAndAggregate(${call}[])`,
      "getBasefee()",
      "getBlockHash(uint256)",
      "getBlockNumber()",
      "getChainId()",
      "getCurrentBlockCoinbase()",
      "getCurrentBlockDifficulty()",
      "getCurrentBlockGasLimit()",
      "getCurrentBlockTimestamp()",
      "getEthBalance(address)",
      "getLastBlockHash()",
      `tryAggregate(bool,${call}[])`,
      `tryBlockAndAggregate(bool,${call}[])`,
    ];
    const ourSelectors = (multicall3Abi as Abi)
      .filter((i): i is AbiFunction => i.type === "function")
      .map((f) => toFunctionSelector(f))
      .sort();
    expect(ourSelectors).toEqual(canonical.map((sig) => toFunctionSelector(`function ${sig}`)).sort());
    // Two well-known ones, as a cross-check of the signature strings above.
    expect(toFunctionSelector(`function aggregate3(${call3}[])`)).toBe("0x82ad56cb");
    expect(toFunctionSelector(`function getEthBalance(address)`)).toBe("0x4d2301cc");
  });
});
