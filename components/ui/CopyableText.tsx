import { CopyButton } from "./CopyButton";

/** A long identifier (DID, hash) that wraps anywhere, with its copy button. */
export function CopyableText({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <span className="flex min-w-0 flex-wrap items-center gap-1.5">
      <span className="min-w-0 break-all font-mono text-xs" data-testid={testId}>
        {value}
      </span>
      <CopyButton value={value} label={label} />
    </span>
  );
}
