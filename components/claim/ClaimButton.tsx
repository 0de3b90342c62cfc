import { formatIotx } from "@/lib/chain/formatIotx";
import { buttonClass } from "@/components/ui/Card";

export type ClaimMode = "register" | "proxy" | "take-over";

/** What the owner confirms: the fee, how many wallet prompts, and what the button does for this kind of claim. */
export function ClaimButton({
  mode,
  ok,
  fee,
  approval,
  prompts,
  onClaim,
}: {
  mode: ClaimMode;
  ok: boolean;
  fee: bigint;
  approval: boolean;
  prompts: number;
  onClaim: () => void;
}) {
  const feeText =
    mode === "take-over"
      ? "No fee: only gas."
      : fee === 0n
        ? "No fee: the project prepaid this ioID."
        : `Fee: ${formatIotx(fee)}, sent with the registration.`;
  return (
    <div className="space-y-2 text-sm">
      {ok && (
        <p>
          {feeText}{" "}
          {prompts === 1
            ? approval
              ? "One wallet confirmation: your wallet sends the approval and the registration together."
              : "One wallet confirmation."
            : `Your wallet will ask ${prompts} times: step 1 lets the registry move the NFT, step 2 registers.`}
        </p>
      )}
      <button type="button" className={buttonClass.primary} disabled={!ok} onClick={onClaim}>
        {mode === "take-over" ? "Take over this device's ioID" : "Claim device"}
      </button>
    </div>
  );
}
