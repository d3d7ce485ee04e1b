import { Spinner } from "@/components/Spinner";

export function SubmitButton({ busy, children, busyLabel }: {
  busy: boolean;
  children: React.ReactNode;
  busyLabel: string;
}) {
  return (
    <button type="submit" className="btn-primary w-full py-2.5" disabled={busy} aria-busy={busy}>
      {busy && <Spinner />}
      {busy ? busyLabel : children}
    </button>
  );
}
