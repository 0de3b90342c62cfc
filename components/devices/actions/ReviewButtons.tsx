import { buttonClass } from "@/components/ui/Card";

interface ReviewButton {
  label: string;
  onClick: () => void;
}

/**
 * Under a reviewed transaction (an ioID transfer, a send from the device wallet): send it, while there is
 * something to send, or go back. Both wait while a prompt or a transaction is under way.
 */
export function ReviewButtons({ confirm, back, busy }: { confirm: ReviewButton | undefined; back: ReviewButton; busy: boolean }) {
  return (
    <div className="flex flex-wrap gap-2">
      {confirm && (
        <button type="button" className={buttonClass.primary} disabled={busy} onClick={confirm.onClick}>
          {confirm.label}
        </button>
      )}
      <button type="button" className={buttonClass.secondary} disabled={busy} onClick={back.onClick}>
        {back.label}
      </button>
    </div>
  );
}
