import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, ContractFunctionParameters, ContractFunctionReturnType, PublicClient } from "viem";
import { multicall3Abi } from "./abi";
import { unanswered } from "./deployless";

// Reads in stages, for nodes that refuse a deployless lens call (no `to`): each read that depends on an earlier
// answer costs a stage. A description of the result is run again after every stage; asking for a read that has no
// answer yet notes it for the next stage and throws PENDING, so the description is written as if every answer
// were there, and the reads of one stage are exactly those its run asked for. A stage's reads go out together:
// through Multicall3 where the chain has it (viem cuts a large stage into parallel aggregate3 calls), else as
// parallel calls; either way a batching transport sends a stage as one HTTP request.

/** What the reads ask of the node. `multicall` only where the caller names a Multicall3. */
export type StagedReadClient = Pick<PublicClient, "readContract" | "getBalance" | "getChainId" | "getBlockNumber"> & Partial<Pick<PublicClient, "multicall">>;

type View = "view" | "pure";

/** What the EVM itself tells: Multicall3's getters where it exists, RPC methods otherwise. Each answers a uint256. */
type NodeFact = "getEthBalance" | "getChainId" | "getBlockNumber";

/** One read: a view function of a contract, or a node fact. `T` is its answer's type. */
export type StagedRead<T> = { readonly answer?: T } & (
  | { readonly kind: "contract"; readonly call: ContractFunctionParameters }
  | { readonly kind: "node"; readonly fact: NodeFact; readonly address?: Address }
);
type AnyRead = StagedRead<unknown> | undefined;

/** A view of `abi` at `address`, typed from the ABI: the function's name, its arguments and its answer. */
export function contractRead<
  const abi extends Abi,
  name extends ContractFunctionName<abi, View>,
  const args extends ContractFunctionArgs<abi, View, name>,
>(address: Address, abi: abi, functionName: name, args: args): StagedRead<ContractFunctionReturnType<abi, View, name, args>> {
  return { kind: "contract", call: { address, abi, functionName, args } as ContractFunctionParameters };
}

export const chainIdRead = (): StagedRead<bigint> => ({ kind: "node", fact: "getChainId" });
/** The block the stage was read at: never a cached number, so the answer says when the facts were true. */
export const blockNumberRead = (): StagedRead<bigint> => ({ kind: "node", fact: "getBlockNumber" });
export const balanceRead = (address: Address): StagedRead<bigint> => ({ kind: "node", fact: "getEthBalance", address });

const keyOf = (r: StagedRead<unknown>) =>
  (r.kind === "node" ? `node.${r.fact}(${r.address ?? ""})` : `${r.call.address}.${r.call.functionName}(${(r.call.args ?? []).join(",")})`).toLowerCase();

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
type Execute = (reads: StagedRead<unknown>[]) => Promise<Outcome[]>;

function executor(client: StagedReadClient, multicall3: Address | undefined): Execute {
  const { multicall } = client;
  if (multicall3 && multicall) {
    return async (reads) => {
      const contracts = reads.map((r): ContractFunctionParameters =>
        r.kind === "contract" ? r.call : { address: multicall3, abi: multicall3Abi, functionName: r.fact, args: r.address ? [r.address] : [] },
      );
      const answers = await multicall({ contracts, allowFailure: true, multicallAddress: multicall3 });
      return answers.map((a) => (a.status === "success" ? { ok: true, value: a.result } : { ok: false, error: a.error }));
    };
  }
  const answer = (r: StagedRead<unknown>): Promise<unknown> => {
    if (r.kind === "contract") return client.readContract(r.call);
    if (r.fact === "getEthBalance") return client.getBalance({ address: r.address! });
    if (r.fact === "getChainId") return client.getChainId().then(BigInt);
    // viem would serve a block number up to a polling interval old.
    return client.getBlockNumber({ cacheTime: 0 });
  };
  return (reads) => Promise.all(reads.map((r) => answer(r).then((value): Outcome => ({ ok: true, value }), (error: unknown): Outcome => ({ ok: false, error }))));
}

const PENDING = Symbol("needs an answer from the next stage");
type Answers<R extends readonly AnyRead[]> = { [K in keyof R]: R[K] extends StagedRead<infer T> ? T | undefined : undefined };
type Answered<R extends readonly AnyRead[]> = { [K in keyof R]: R[K] extends StagedRead<infer T> ? T : never };

export class StagedReads {
  private readonly known = new Map<string, Outcome>();
  private wanted = new Map<string, StagedRead<unknown>>();
  private readonly execute: Execute;

  constructor(client: StagedReadClient, { multicall3 }: { multicall3?: Address | undefined } = {}) {
    this.execute = executor(client, multicall3);
  }

  /** Notes what has no answer yet, for the coming stage; true when everything has one. */
  prefetch(reads: readonly AnyRead[]): boolean {
    let answered = true;
    for (const r of reads) {
      if (!r || this.known.has(keyOf(r))) continue;
      this.wanted.set(keyOf(r), r);
      answered = false;
    }
    return answered;
  }

  /** Reads that may fail (a revert, a foreign contract): undefined in their place, as a lens's try/catch. */
  get<const R extends readonly AnyRead[]>(reads: R): Answers<R> {
    if (!this.prefetch(reads)) throw PENDING;
    return reads.map((r) => {
      const o = r && this.known.get(keyOf(r));
      return o?.ok ? o.value : undefined;
    }) as Answers<R>;
  }

  /** Reads that must answer: a failure fails the whole read. */
  required<const R extends readonly StagedRead<unknown>[]>(reads: R): Answered<R> {
    if (!this.prefetch(reads)) throw PENDING;
    return reads.map((r) => {
      const o = this.known.get(keyOf(r))!;
      if (!o.ok) throw o.error;
      return o.value;
    }) as Answered<R>;
  }

  /** Describes every item, holding back PENDING until each has said what it needs: their reads share stages. */
  each<T, U>(items: readonly T[], describe: (item: T) => U): U[] {
    let pending = false;
    const out = items.map((item) => {
      try {
        return describe(item);
      } catch (e) {
        if (e !== PENDING) throw e;
        pending = true;
        return undefined as U;
      }
    });
    if (pending) throw PENDING;
    return out;
  }

  /** Runs `describe` after each stage until it asks for nothing new. */
  async run<T>(describe: () => T): Promise<T> {
    for (;;) {
      try {
        return describe();
      } catch (e) {
        if (e !== PENDING) throw e;
      }
      const reads = [...this.wanted.values()];
      this.wanted = new Map();
      if (reads.length === 0) throw new Error("staged read: pending with nothing to read");
      const outcomes = await this.execute(reads);
      reads.forEach((r, i) => {
        const o = outcomes[i]!;
        // A revert is the contract's answer (get() gives undefined); no answer from the node fails the read.
        if (!o.ok && unanswered(o.error)) throw o.error;
        this.known.set(keyOf(r), o);
      });
    }
  }
}
