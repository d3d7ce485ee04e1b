import Link from "next/link";

interface LogoProps {
  href?: string;
  /**
   * Called instead of following the link on a plain click (a click with a
   * modifier still opens it in a new tab or window).
   */
  onPlainClick?: () => void;
}

/** The product mark and name; links home. */
export function Logo({ href = "/", onPlainClick }: LogoProps) {
  return (
    <Link
      href={href}
      // Only from client components: a server component cannot pass handlers on.
      onClick={
        onPlainClick &&
        ((event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
          event.preventDefault();
          onPlainClick();
        })
      }
      className="inline-flex items-center gap-2 rounded-md text-lg font-bold tracking-tight text-ink"
    >
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-8">
        <rect width="32" height="32" rx="8" className="fill-brand-600" />
        <path
          d="M9 16.5l4.5 4.5L23 11.5"
          fill="none"
          stroke="white"
          strokeWidth="3.2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span>Todo</span>
    </Link>
  );
}
